"""Fixtures for every window test (the shared setup is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _delete_closed_widgets() -> Iterator[None]:
    """Really delete each test's windows after it.

    pytest-qt closes the widgets a test registered and calls deleteLater(), but a
    deferred delete only happens inside an event loop, and between tests none runs. So
    every earlier window stayed alive, hidden, and each style sheet, font or theme change
    re-polished all of them: the UI tests ran 3-5x slower at the end of the suite than
    alone. (This teardown runs after pytest-qt has closed the widgets.)"""
    yield
    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
