"""本月统计 as the window counts it: what a reader does counts once; what the program
does by itself (putting the last article back, a screenshot) does not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.usage_counts import MonthCounts, UsageCounts
from reader.ui.printing.preview import PrintPreview
from reader.ui.shell.settings import Settings
from tests.conftest import ROOT
from tests.support.fake_speech_service import FakeSpeechService
from tests.support.window_helpers import SHORTER, make_parts, open_gates, settle


def this_month() -> MonthCounts:
    return UsageCounts().month()


def test_articles_opened_by_a_reader_count_the_one_put_back_does_not(qtbot: QtBot) -> None:
    settings = Settings()
    settings.set("last_article", SHORTER)
    parts = make_parts(qtbot, settings=settings)
    window = parts.window
    window.restore_reading()  # what the start-up does
    settle()
    assert window.current_page() is window.article_page
    assert this_month().totals["articles_opened"] == 0
    window.go_home()
    window.home.ensure_tiles()
    open_gates(window)
    qtbot.mouseClick(window.home.tiles[0], Qt.MouseButton.LeftButton)  # a resident's press
    settle()
    assert window.current_page() is window.article_page
    assert this_month().totals["articles_opened"] == 1


def test_cards_opened_and_printed_by_card(qtbot: QtBot,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def print_and_close(self: PrintPreview) -> int:  # the resident presses 打印
        self.printed.emit("Hall")
        return 0

    monkeypatch.setattr(PrintPreview, "exec", print_and_close)
    parts = make_parts(qtbot)
    assert parts.cards.open_card("dibao") and parts.cards.open_card("yanglaojin")
    assert parts.cards.open_card("dibao")
    parts.cards._open_print_preview()  # (the print font wait is test_print_font_wait)
    counts = this_month()
    assert dict(counts.cards["cards_opened"]) == {"dibao": 2, "yanglaojin": 1}
    assert dict(counts.cards["cards_printed"]) == {"dibao": 1}


def test_read_aloud_starts_count_pause_and_continue_do_not(qtbot: QtBot) -> None:
    parts = make_parts(qtbot)
    window = parts.window
    fake = FakeSpeechService()
    parts.voice.start(fake)
    assert window.open_article(SHORTER)
    settle()
    controls = parts.read_aloud
    for button in (controls.read_all_button, controls.pause_button, controls.pause_button):
        open_gates(window)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # read, pause, continue
        settle()
    assert controls.state == "reading"
    assert this_month().totals["read_aloud_started"] == 1
    assert parts.cards.open_card("dibao")
    page = parts.cards.card_page
    open_gates(window)
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)  # 朗读这张卡
    settle()
    assert this_month().totals["read_aloud_started"] == 2


def test_a_screenshot_counts_nothing(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "reader", "screenshot", str(tmp_path / "a.png"),
                           "--card", "dibao", "--size", "1024x600"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.png").exists()
    assert not list((tmp_path / "data").rglob("usage-counts.json"))
