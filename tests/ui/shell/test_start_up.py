"""Start-up as `python -m reader` does it (reader.ui.app.run): the last article is opened
before the window is shown, so the first picture is the article, laid out once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.articles_source import load_articles
from reader.ui.reading.article_page import ArticlePage
from reader.ui.reading.home import HomePage
from reader.ui.shell import main_window as main_window_module
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.settings import Settings
from tests.support.window_helpers import LONGEST, block, open_gates, settle

SIZE = (1024, 600)


def saved_place(block_id: str) -> Settings:
    settings = Settings()
    settings.set("last_article", LONGEST)
    settings.set("last_block", block_id)
    settings.set("font_size", 34)
    return settings


def window_alone(settings: Settings) -> MainWindow:
    """The window with its reading pages and no other feature."""
    return MainWindow(settings, load_articles(), HomePage, ArticlePage)


def window_restored(qtbot: QtBot, block_id: str, before_show: bool) -> MainWindow:
    window = window_alone(saved_place(block_id))
    qtbot.addWidget(window)
    window.resize(*SIZE)
    if before_show:
        window.restore_reading()
    window.show()
    qtbot.waitExposed(window)
    if not before_show:
        window.restore_reading()
    settle()
    return window


@pytest.mark.parametrize("block_id", ["p9", "h2"])
def test_restoring_before_show_gives_the_same_place(qtbot: QtBot, block_id: str) -> None:
    after = window_restored(qtbot, block_id, before_show=False)
    before = window_restored(qtbot, block_id, before_show=True)
    for window in (after, before):
        assert window.current_page() is window.article_page
        assert window.article_page.view.top_block_id() == block_id
    bar_after = after.article_page.view.verticalScrollBar()
    bar_before = before.article_page.view.verticalScrollBar()
    assert bar_before.value() == bar_after.value() > 0
    assert bar_before.maximum() == bar_after.maximum()
    assert before.windowTitle() == after.windowTitle()


def test_home_is_built_when_first_shown(qtbot: QtBot) -> None:
    window = window_restored(qtbot, "p9", before_show=True)
    assert window.home.tiles == []  # the reader has not seen home yet
    window.toolbar.home.click()
    assert window.current_page() is window.home
    assert [tile.article_id for tile in window.home.tiles] == [a.id for a in window.articles]
    assert all(tile.isVisible() for tile in window.home.tiles)


def test_clicks_right_after_the_first_picture_are_still_held_back(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    # The page changed (home -> article) before show(): the click guard must be on when
    # the window appears, as when the article was opened after show(). A long quiet
    # period keeps the test independent of the machine's speed.
    monkeypatch.setattr(main_window_module, "PAGE_CHANGE_QUIET_SECONDS", 30.0)
    window = window_restored(qtbot, "p9", before_show=True)
    QApplication.processEvents()  # the guard is put in place just after the first paint
    qtbot.mouseClick(window.toolbar.home, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.article_page
    window._quiet_timer.timeout.emit()  # the quiet period is over
    open_gates(window)
    qtbot.mouseClick(window.toolbar.home, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.home


def test_a_later_open_before_show_starts_at_its_top(qtbot: QtBot) -> None:
    before = window_alone(saved_place("p9"))
    qtbot.addWidget(before)
    before.resize(*SIZE)
    before.restore_reading()
    other = next(a.id for a in before.articles if a.id != LONGEST)
    assert before.open_article(other)  # before show, without a place: from its top
    before.show()
    qtbot.waitExposed(before)
    after = window_restored(qtbot, "p9", before_show=False)
    assert after.open_article(other)
    settle()
    for window in (before, after):
        assert window.article_page.source is not None
        assert window.article_page.source.id == other
        assert window.article_page.view.top_block_id() == "title"
    assert (before.article_page.view.verticalScrollBar().value()
            == after.article_page.view.verticalScrollBar().value())


def test_the_first_picture_lays_out_only_what_it_shows(qtbot: QtBot) -> None:
    window = window_alone(saved_place("p9"))
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.restore_reading()
    window.show()  # shown, not yet painted
    view = window.article_page.view
    held = [b.block_id for b in view.text_blocks() if b.isHidden()]
    assert "title" in held and "p8" in held  # above the place: not in the first picture
    assert view.text_blocks()[-1].block_id in held  # far below it: not either
    assert not block(window, "p9").isHidden()
    qtbot.waitExposed(window)
    settle()  # painted: the rest is put back, and the place kept
    assert not view.has_held_back()
    assert not any(b.isHidden() for b in view.text_blocks())
    assert view.top_block_id() == "p9"


def test_a_change_before_the_first_paint_sees_the_whole_article(qtbot: QtBot) -> None:
    window = window_alone(saved_place("p9"))
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.restore_reading()
    window.show()
    assert window.article_page.view.has_held_back()
    window.bigger()  # a size step redraws the article: it needs all of it
    view = window.article_page.view
    assert not view.has_held_back()
    assert not any(b.isHidden() for b in view.text_blocks())
    settle()
    assert view.top_block_id() == "p9"


def test_start_up_work_waits_for_the_first_paint(qtbot: QtBot) -> None:
    window = window_alone(saved_place("p9"))
    qtbot.addWidget(window)
    done: list[str] = []
    window.after_first_paint(lambda: done.append("first"))
    window.resize(*SIZE)
    window.show()
    QApplication.sendPostedEvents()  # zero timers and the like: still before any paint
    assert done == []
    qtbot.waitUntil(lambda: done == ["first"], timeout=5000)
    window.after_first_paint(lambda: done.append("later"))  # after it: at once
    assert done == ["first", "later"]
