"""The reading window as a resident uses it: open, switch script, resize text, change
colours, use the keyboard, click too often, come back the next day."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.article_cache import in_script
from reader.core.click_gate import ClickGate
from reader.core.script import convert
from reader.core.typography import DEFAULT_BODY_PT, MAX_BODY_PT, MIN_BODY_PT, SIZE_STEPS
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.settings import Settings
from reader.ui.widgets.article_view import block_texts
from reader.ui.widgets.basics import BigButton, system_fold
from reader.ui.widgets.text_block import TextBlock
from tests.support.window_helpers import (
    LONGEST,
    SHORTER,
    block,
    double_click,
    make_window,
    open_gates,
    settle,
    shown_article,
    style,
)


def buttons(window: MainWindow) -> list[BigButton]:
    found = [b for b in window.toolbar.buttons() if isinstance(b, BigButton)]
    assert len(found) == len(window.toolbar.buttons())
    return found


def visible_texts(window: MainWindow) -> list[str]:
    """Texts on the page in screen order."""
    page = window.current_page()
    blocks = [b for b in page.findChildren(TextBlock) if b.isVisibleTo(window)]
    blocks.sort(key=lambda b: b.mapTo(window, QPoint(0, 0)).y())
    return [b.plain_text() for b in blocks if b.plain_text()]


def test_home_lists_articles_newest_first_and_a_click_opens_one(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    tiles = window.home.tiles
    assert [t.article_id for t in tiles] == [LONGEST, SHORTER]
    assert tiles[0].title.plain_text() == "筑牢民生根基 增进民生福祉"  # shown in 简体
    assert "2025年" in tiles[0].source_line.plain_text()
    # a long first sentence is cut at a comma; a short one is shown whole
    assert tiles[0].first_sentence.plain_text().endswith("……")
    assert len(tiles[0].first_sentence.plain_text()) <= 50
    assert tiles[1].first_sentence.plain_text() == "人民幸福安康是推动高质量发展的最终目的。"
    qtbot.mouseClick(tiles[1], Qt.MouseButton.LeftButton)
    assert window.current_page() is window.article_page
    assert shown_article(window).id == SHORTER
    assert window.windowTitle() == "织牢民生底线 温暖千家万户"
    assert block(window, "title").plain_text() == "织牢民生底线 温暖千家万户"
    assert block(window, "p1").plain_text() == "人民幸福安康是推动高质量发展的最终目的。"
    assert window.settings.get("last_article") == SHORTER


def test_back_button_and_home_button_return_home(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(LONGEST)
    open_gates(window)
    back = window.article_page.view.back_button
    assert back.text() == "返回首页" and back.isVisibleTo(window)
    back.click()
    assert window.current_page() is window.home
    assert window.settings.get("last_article") == ""
    window.open_article("2")
    window.toolbar.home.click()
    assert window.current_page() is window.home


def test_script_switch_converts_everything_on_screen(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(SHORTER)  # written in 简体: every text is converted
    before = visible_texts(window)
    window.toggle_script()
    after = visible_texts(window)
    assert after == [convert(text, "traditional") for text in before]
    assert after[0] != before[0]  # the title, for one
    window.toggle_script()
    window.open_article(LONGEST)  # written in 繁體: shown as written, not round-tripped
    source = window.article_page.source
    assert source is not None
    assert visible_texts(window)[:-1] == list(block_texts(in_script(source, "simplified")).values())
    buttons_before = [b.text() for b in buttons(window)]
    window.toolbar.script.click()
    assert window.settings.script == "traditional"
    assert visible_texts(window)[:-1] == list(block_texts(source).values())
    assert visible_texts(window)[-1] == "—— 全文完 ——"
    assert window.windowTitle() == "筑牢民生根基 增進民生福祉"
    assert QGuiApplication.applicationDisplayName() == "大字讀報"  # shown after the title
    assert [b.text() for b in buttons(window)] == \
        ["首頁", "放大", "縮小", "简体字", "顏色", "朗讀", "暫停", "停止", "慢速", "求助"]
    assert buttons_before[3] == "繁體字"  # named in its own script (see strings.py)
    back = window.article_page.view.back_button
    assert (back.text(), back.toolTip(), back.accessibleDescription()) == (
        "返回首頁", "讀完了，回到文章列表", "讀完了，回到文章列表")
    assert window.toolbar.theme.toolTip() == convert(window.toolbar.theme.toolTip(),
                                                     "traditional")
    assert window.article_page.view.accessibleName().startswith("文章：筑牢民生根基 增進")
    # home, drawn after the switch, is converted too
    window.go_home()
    assert window.home.tiles[0].title.plain_text() == "筑牢民生根基 增進民生福祉"
    assert window.home.heading.plain_text() == "請選一篇文章"


def test_script_switch_keeps_the_paragraph_at_the_top(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(LONGEST)
    view = window.article_page.view
    view.scroll_to_block("p9", "top")
    place = view.place()
    assert place is not None and place[0] == "p9"
    for _ in range(2):
        window.toggle_script()
        settle()
        assert view.place() == place


def test_size_steps_cover_the_range_and_keep_the_place(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    assert window.settings.font_size == DEFAULT_BODY_PT
    window.open_article(LONGEST)
    view = window.article_page.view
    view.scroll_to_block("p7", "top")
    seen = [window.settings.font_size]
    while True:
        window.bigger()
        if window.settings.font_size == seen[-1]:
            break
        seen.append(window.settings.font_size)
        settle()
        assert view.top_block_id() == "p7"
        assert style(block(window, "p7")).pt == seen[-1]
    assert seen[-1] == MAX_BODY_PT
    assert window.notice.isVisible() and window.notice.text() == "字已经是最大的了"
    while window.settings.font_size != MIN_BODY_PT:
        window.smaller()
        settle()
        assert view.top_block_id() == "p7"
    window.smaller()
    assert window.notice.text() == "字已经是最小的了"
    assert set(seen) | {MIN_BODY_PT} >= set(s for s in SIZE_STEPS if s >= DEFAULT_BODY_PT)


def test_size_change_reaches_home_tiles(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    tile = window.home.tiles[0]
    height = tile.height()
    window.bigger()
    settle()
    assert style(tile.first_sentence).pt == 30
    assert tile.height() > height


def test_theme_change_repaints_in_the_other_colours(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(SHORTER)
    view = window.article_page.view

    def corner_colour() -> str:
        image = view.viewport().grab().toImage()
        return image.pixelColor(QPoint(5, image.height() - 5)).name().upper()

    assert corner_colour() == "#FBF5E6"
    window.toolbar.theme.click()
    assert window.settings.theme == "high_contrast"
    assert corner_colour() == "#000000"
    assert window.notice.text() == "现在的颜色：高对比（黑底白字）"


def test_tab_order_follows_the_screen_and_keys_work(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.toolbar.home.setFocus()
    order = [QApplication.focusWidget()]
    shown = [b for b in window.toolbar.buttons() if b.isVisible()]  # 朗读 ones: article only
    topics = window.home.topic_row.buttons()  # the topic-card buttons, above the tiles
    for _ in range(len(shown) + len(topics) + len(window.home.tiles) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [*shown, *window.home.tiles, *topics]
    # Enter on a focused tile opens it
    qtbot.keyClick(window.home.tiles[0], Qt.Key.Key_Return)
    assert window.current_page() is window.article_page
    view = window.article_page.view
    # after the page change, Tab goes toolbar -> article text -> back button
    last = window.toolbar.buttons()[-1]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view
    # PgDn / arrows scroll, even with the focus on a toolbar button
    bar = view.verticalScrollBar()
    window.toolbar.home.setFocus()
    qtbot.keyClick(window.toolbar.home, Qt.Key.Key_PageDown)
    assert bar.value() == bar.pageStep()
    qtbot.keyClick(window.toolbar.home, Qt.Key.Key_Down)
    assert bar.value() == bar.pageStep() + bar.singleStep()
    qtbot.keyClick(window.toolbar.home, Qt.Key.Key_PageUp)
    qtbot.keyClick(window.toolbar.home, Qt.Key.Key_Up)
    assert bar.value() == 0
    # Space activates the focused button; Ctrl+= / Ctrl+- change the size
    qtbot.keyClick(window.toolbar.bigger, Qt.Key.Key_Space)
    assert window.settings.font_size == 30
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == 26
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == 30
    # Esc goes home
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.current_page() is window.home


def test_every_toolbar_control_has_a_name_and_description(qtbot: QtBot) -> None:
    window = make_window(qtbot, script="traditional")
    for button in window.toolbar.buttons():
        assert button.accessibleName() and button.accessibleDescription()
    assert window.toolbar.script.accessibleName() == "換成簡體字"


def test_a_double_or_triple_click_acts_once(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    bigger = window.toolbar.bigger
    double_click(qtbot, bigger)
    assert window.settings.font_size == 30
    for _ in range(3):
        qtbot.mouseClick(bigger, Qt.MouseButton.LeftButton)
    assert window.settings.font_size == 30
    qtbot.keyClick(bigger, Qt.Key.Key_Return)
    qtbot.keyClick(bigger, Qt.Key.Key_Return)
    assert window.settings.font_size == 30
    open_gates(window)
    qtbot.mouseClick(bigger, Qt.MouseButton.LeftButton)  # a new, later click counts
    assert window.settings.font_size == 34


def test_steady_presses_each_count_and_the_size_is_said_in_words(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    now = [100.0]
    bigger = window.toolbar.bigger
    bigger.gate = ClickGate(system_fold(), clock=lambda: now[0])
    for _ in range(4):  # four presses 0.4 s apart: four steps
        now[0] += 0.4
        qtbot.mouseClick(bigger, Qt.MouseButton.LeftButton)
    assert window.settings.font_size == 43
    assert window.notice.text() == "字的大小：超大（第 9 级，共 10 级）"
    now[0] += 0.2  # a shaky second press 0.2 s later folds into the last one
    qtbot.mouseClick(bigger, Qt.MouseButton.LeftButton)
    assert window.settings.font_size == 43


def test_a_double_click_on_a_tile_does_not_click_the_next_page(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    opened: list[object] = []
    window.article_opened.connect(opened.append)
    tile = window.home.tiles[0]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.article_page
    # the second click of the double click lands on the article page's toolbar
    qtbot.mouseDClick(window.toolbar.home, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.toolbar.home, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.article_page
    assert len(opened) == 1


def test_reading_place_and_look_are_remembered_between_runs(qtbot: QtBot) -> None:
    # (the offscreen screen is 800 × 600: a restored window must fit on it)
    window = make_window(qtbot, size=(800, 590), font_size=34, script="traditional",
                         theme="high_contrast")
    window.open_article(LONGEST)
    window.article_page.view.scroll_to_block("p12", "top")
    window.close()
    settings = Settings()
    assert (settings.font_size, settings.script, settings.theme) == (34, "traditional",
                                                                      "high_contrast")
    assert settings.get("last_article") == LONGEST
    assert settings.get("last_block") == "p12"
    again = make_window(qtbot, size=(1024, 600), settings=settings)
    assert again.restore_geometry()
    assert (again.width(), again.height()) == (800, 590)
    settle()
    again.restore_reading()
    assert again.current_page() is again.article_page
    assert again.article_page.view.top_block_id() == "p12"
    assert block(again, "title").plain_text().startswith("筑牢民生根基 增進")


def test_a_vanished_last_article_means_home_and_a_plain_message(qtbot: QtBot) -> None:
    settings = Settings()
    settings.set("last_article", "no_such_article")
    window = make_window(qtbot, settings=settings)
    window.restore_reading()
    assert window.current_page() is window.home
    assert window.notice.text() == "上次看的文章找不到了，请重新选一篇"
    assert settings.get("last_article") == ""


def test_qt_own_texts_follow_the_readers_script(qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication

    window = make_window(qtbot)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    window.toolbar.script.click()
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "尋找於："


def test_file_choosers_open_in_documents_or_desktop(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui.widgets.basics import file_dialog_folder

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Documents"))
    monkeypatch.setenv("XDG_DESKTOP_DIR", str(tmp_path / "Desktop"))
    assert file_dialog_folder() == str(tmp_path)  # neither exists: home
    (tmp_path / "Desktop").mkdir()
    assert file_dialog_folder() == str(tmp_path / "Desktop")
    (tmp_path / "Documents").mkdir()
    assert file_dialog_folder() == str(tmp_path / "Documents")


def test_a_dialog_is_fitted_inside_a_small_screen(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QFileDialog

    from reader.ui.widgets.basics import fit_to_screen

    dialog = QFileDialog(None, "选择文件")
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(0, 0)
    dialog.resize(3000, 2000)
    fit_to_screen(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    assert area.contains(dialog.geometry().center())


def test_articles_a_content_pack_brought_this_week_are_marked_new(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from reader.core.pack_pull import pull
    from tests.support.pack_samples import first_pack, publisher, store

    pub = publisher(tmp_path)
    first_pack(pub)
    pull(store(), pub.subscription())
    second = pub.build(articles=[pub.article("meal.txt")])
    pull(store(), pub.subscription())
    new_id = next(i for i, t in second.manifest.articles.items() if t == "社区食堂开始为老人送餐")
    window = make_window(qtbot)
    tiles = {t.article_id: t for t in window.home.tiles}
    assert len(tiles) == 4  # two seeds, the first pack's article, the new one
    marked = {i for i, t in tiles.items() if t.title.plain_text().startswith("新 ")}
    assert marked == {new_id}
    assert tiles[new_id].title.plain_text() == "新 社区食堂开始为老人送餐"
    assert tiles[new_id].title.spans()[0][:3] == (0, 1, "highlight")
    assert tiles[new_id].accessibleName() == "新 社区食堂开始为老人送餐"
    assert not any(t.title.spans() for i, t in tiles.items() if i != new_id)
    window.toggle_script()
    assert tiles[new_id].title.plain_text().startswith("新 ")
