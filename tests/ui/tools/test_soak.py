"""The GUI soak test, short version (issue 9): random clicks, keys and wheel turns over
the real window — home, articles, a card, the staff PIN page — with the real speech
service (real espeak-ng; a stand-in `aplay`, since this machine has no sound card).
The long version is `python -m reader soak --events 20000`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.app import build_window
from reader.ui.tools import soak
from tests.support.speech_fakes import FakePlayer

ACTIONS = 1500


def test_soak_the_real_window(qtbot: QtBot, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    player = FakePlayer(tmp_path / "player", monkeypatch)
    player.cap_ms(300)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    window = build_window(kiosk=False)
    soak.keep_dialogs_inside(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    window.read_aloud.start_service()

    # Warm up first: the first few hundred actions meet every page, size, script and
    # theme for the first time and fill Qt's caches (measured: +30–35 MB, then flat).
    soak.SoakDriver(window, 600, seed=1, page_name=lambda: window.current_page().name,
                    visits=soak.standard_visits(window)).run()
    report = soak.SoakDriver(window, ACTIONS, seed=7,
                             page_name=lambda: window.current_page().name,
                             visits=soak.standard_visits(window)).run()
    print(report.summary())

    assert report.errors == [], "\n".join(report.tracebacks)
    assert report.actions == ACTIONS
    assert {"home", "article", "card", "staff_pin"} <= report.pages_seen
    # A frozen event loop would show as a gap of seconds; the measured number is printed.
    assert report.longest_stall_ms < 1000
    assert report.rss_growth_mb < 30
    assert soak.responds_normally(window)

    window.close()
    deadline = time.monotonic() + 5
    while soak.descendants() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.05)
    assert soak.descendants() == []
