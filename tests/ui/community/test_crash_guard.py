"""An unexpected error: logged with its traceback, a plain message with one big button
for the resident, and the program keeps running."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from reader import crash, paths
from reader.ui.widgets.basics import BigButton
from tests.support.community_helpers import click, make_community_window, make_program
from tests.support.window_helpers import LONGEST, settle


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crash handler replaces the global hooks; put them back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def _broken_button(window: object) -> QPushButton:
    def fail() -> None:
        raise RuntimeError("a bug in a slot")

    button = QPushButton("坏按钮", window)  # type: ignore[call-overload]
    button.clicked.connect(fail)
    button.show()
    return button


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_and_the_resident_goes_home(qtbot: QtBot, hooks: None) -> None:
    program = make_program(qtbot)
    window, community = program.window, program.community
    community.install_crash_handler()
    stops: list[bool] = []
    program.voice.stop_requested.connect(lambda: stops.append(True))
    window.settings.set("script", "traditional")
    assert window.open_article(LONGEST)
    _broken_button(window).click()  # the slot raises inside Qt's event handling
    settle()

    log = paths.log_file().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: a bug in a slot" in log and "in fail" in log
    assert crash.last_errors(1)[0].endswith("RuntimeError: a bug in a slot")

    cover = community.crash.cover
    assert cover.isVisible() and cover.geometry() == window.rect()
    assert cover.title.plain_text() == "出了點問題，請找工作人員"  # the reader's script
    buttons = [b for b in cover.findChildren(BigButton) if b.isVisible()]
    assert buttons == [cover.button]  # one button
    assert cover.button.text() == "回到首頁" and cover.button.height() >= 64
    assert "Traceback" not in cover.detail.plain_text()

    click(qtbot, window, cover.button)
    assert not cover.isVisible()
    assert window.current_page() is window.home and stops
    # and the program still works
    assert window.open_article(LONGEST)
    window.bigger()
    assert window.current_page() is window.article_page


@pytest.mark.qt_no_exception_capture
def test_error_in_a_timer_and_while_a_dialog_is_open(qtbot: QtBot, hooks: None) -> None:
    window, community = make_community_window(qtbot)
    community.install_crash_handler()
    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.show()
    settle()

    def fail() -> None:
        raise ValueError("a bug in a timer")

    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: community.crash.cover.isVisible(), timeout=3000)
    assert not dialog.isVisible()  # closed, so the message is not hidden behind it
    assert QApplication.activeModalWidget() is None
    assert "ValueError: a bug in a timer" in paths.log_file().read_text(encoding="utf-8")
    click(qtbot, window, community.crash.cover.button)
    assert window.current_page() is window.home


@pytest.mark.qt_no_exception_capture
def test_errors_in_other_threads_are_logged(hooks: None, qtbot: QtBot) -> None:
    _window, community = make_community_window(qtbot)
    community.install_crash_handler()

    def fail() -> None:
        raise KeyError("background")

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()
    assert "KeyError: 'background'" in paths.log_file().read_text(encoding="utf-8")
