"""The first 打印 on a PC: the print font is still being made (in its own process, see
reader.ui.printing.font). The window says so and stays responsive, and the preview opens
when the font is there; nothing is printed for a card or an article the reader has
left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from reader.core.strings import STRINGS
from reader.ui.cards.card_page import CardPage
from reader.ui.compose import Parts
from reader.ui.printing import font as print_font
from reader.ui.printing.preview import PrintPreview
from tests.support.card_window import card_window
from tests.support.print_fixtures import SEED_003, use_persistent_font_cache
from tests.support.window_helpers import open_gates, settle


def card_page(parts: Parts, card_id: str) -> CardPage:
    assert parts.cards.open_card(card_id)
    settle()
    open_gates(parts.window)
    return parts.cards.card_page


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(card id, script) of each preview opened (it is deleted once closed)."""
    previews: list[tuple[str, str]] = []

    def fake_exec(self: PrintPreview) -> int:
        previews.append((self.card.id, self.script))
        return 0

    monkeypatch.setattr(PrintPreview, "exec", fake_exec)
    return previews


def test_the_first_print_waits_for_its_font_without_freezing(
    qtbot: QtBot, opened: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(print_font, "_registered", {})  # as in a program just started
    parts = card_window(qtbot)
    window = parts.window  # a new user folder: no print font made yet
    assert not print_font.ready("simplified")
    page = card_page(parts, "dibao")  # showing a card starts making it, in a process
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert opened == []
    assert window.notice.isVisible() and window.notice.text() == STRINGS["notice.print_font"]

    built_here: list[object] = []
    monkeypatch.setattr(print_font, "build_print_font", lambda *a, **k: built_here.append(a))
    beats = [0]
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: beats.__setitem__(0, beats[0] + 1))
    heartbeat.start(20)
    qtbot.waitUntil(lambda: bool(opened), timeout=60000)
    heartbeat.stop()

    assert opened == [("dibao", "simplified")]
    assert print_font.ready("simplified")
    assert not window.notice.isVisible()
    # The face was made by the builder process, never in the window's own thread (made
    # here, it would hold the window for ~2 s, measured), and the window kept running
    # its event loop while it waited.
    assert built_here == []
    assert beats[0] > 0


def test_no_preview_for_a_card_the_reader_has_left(
    qtbot: QtBot, opened: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    still_building = [True]
    monkeypatch.setattr(print_font, "ready", lambda _script: False)
    monkeypatch.setattr(print_font, "building", lambda: still_building[0])
    monkeypatch.setattr(print_font, "start_background_build", lambda _scripts=(): None)
    parts = card_window(qtbot)
    window = parts.window
    page = card_page(parts, "dibao")
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    window.go_home()
    still_building[0] = False
    qtbot.waitUntil(lambda: not parts.printing.waiting(), timeout=5000)
    assert opened == []  # nothing pops up over home


def test_a_build_for_the_other_script_is_followed_by_one_for_this_script(
    qtbot: QtBot, opened: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The card was shown in 简体 (its font build started); the reader switched to 繁體
    # and pressed 打印 while that build was still running.
    state = {"building": True, "ready": False}
    started: list[tuple[str, ...]] = []

    def start(scripts: tuple[str, ...] = ()) -> None:
        started.append(tuple(scripts))
        if len(started) == 2:  # the second build: for 繁體, done at once here
            state["building"], state["ready"] = False, True

    monkeypatch.setattr(print_font, "ready", lambda _script: state["ready"])
    monkeypatch.setattr(print_font, "building", lambda: state["building"])
    monkeypatch.setattr(print_font, "start_background_build", start)
    parts = card_window(qtbot, script="traditional")
    page = card_page(parts, "dibao")
    started.clear()  # (showing the card asked for a build too)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert started == [("traditional",)] and opened == []  # (the 简体 build is running)
    state["building"] = False  # the 简体 build ends: 繁體 is still not there
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert started == [("traditional",), ("traditional",)]
    assert opened == [("dibao", "traditional")]


def test_print_this_article_waits_for_its_font_while_the_reader_stays(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config
) -> None:
    use_persistent_font_cache(pytestconfig)  # (the preview itself needs the real font)
    titles: list[str] = []

    def fake_exec(self: PrintPreview) -> int:
        titles.append(self.job.title)
        return 0

    monkeypatch.setattr(PrintPreview, "exec", fake_exec)
    still_building = [True]
    monkeypatch.setattr(print_font, "ready", lambda _script: not still_building[0])
    monkeypatch.setattr(print_font, "building", lambda: still_building[0])
    monkeypatch.setattr(print_font, "start_background_build", lambda _scripts=(): None)
    parts = card_window(qtbot, article=SEED_003)
    window = parts.window
    button = parts.printing.article_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert titles == [] and parts.printing.waiting()
    assert window.notice.isVisible() and window.notice.text() == STRINGS["notice.print_font"]
    window.go_home()  # the reader leaves: nothing pops up over home
    still_building[0] = False
    qtbot.waitUntil(lambda: not parts.printing.waiting(), timeout=5000)
    assert titles == [] and not window.notice.isVisible()

    still_building[0] = True  # back on the article; 打印这篇文章 again
    assert window.open_article(SEED_003)
    settle()
    open_gates(window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert titles == []
    still_building[0] = False
    qtbot.waitUntil(lambda: bool(titles), timeout=5000)
    assert titles == ["筑牢民生根基 增进民生福祉"]
    assert not window.notice.isVisible()
