"""The article view's hooks for later features: block ids, highlight, scrolling a block
into the middle, links, section button rows; and wrapping of unbreakable text."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.article import Article, Block, Section
from reader.core.text_style import TextSpan
from reader.core.theme import THEMES
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.text_block import TextBlock
from tests.support.window_helpers import LONGEST, block, make_window, settle, style


def char_point(block: TextBlock, position: int) -> QPoint:
    """Where character `position` of the block is drawn, in block coordinates."""
    document = block.document()
    text_block = document.findBlock(position)
    layout = text_block.layout()
    line = layout.lineForTextPosition(position - text_block.position())
    block_style = style(block)
    # PySide returns (x, cursor position) here; its stubs say "object"
    found = cast(tuple[float, int], line.cursorToX(position - text_block.position()))
    x = block_style.indent_px + found[0] + 4
    y = block_style.gap_px + line.y() + line.height() / 2
    return QPoint(int(x), int(y))


def test_every_piece_is_addressable_by_id(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(LONGEST)
    view = window.article_page.view
    ids = [b.block_id for b in view.text_blocks()]
    assert ids[:4] == ["title", "deck", "date", "byline"]
    assert "h1" in ids and "p1" in ids and "p17" in ids
    assert block(window, "h1").plain_text() == "卫生健康事业提质增效"
    assert block(window, "p1").kind == "caption"
    assert block(window, "h1").accessibleDescription() == "小标题"


def test_the_date_is_under_the_title_with_the_byline(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    dated = Article("dated", "社区食堂开张", byline="本报记者 王明", date="2026-11-28",
                    sections=(Section(None, (Block("p1", "paragraph", "今天开张。"),)),))
    undated = Article("undated", "没有日期的通知",
                      sections=(Section(None, (Block("p1", "paragraph", "请大家注意。"),)),))
    view = window.article_page.view
    view.show_article(dated, window.look)
    settle()
    assert [b.block_id for b in view.text_blocks()][:3] == ["title", "date", "byline"]
    assert block(window, "date").plain_text() == "2026年11月28日"
    assert block(window, "byline").plain_text() == "本报记者 王明"
    assert style(block(window, "date")).pt < style(block(window, "title")).pt
    view.show_article(undated, window.look)
    settle()
    assert [b.block_id for b in view.text_blocks()][:2] == ["title", "p1"]  # nothing made up


def test_highlight_is_bold_on_a_coloured_ground_and_survives_switches(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(LONGEST)
    view = window.article_page.view
    view.highlight("p3", 0, 12)
    current = block(window, "p3")

    def format_at(position: int) -> QTextCharFormat:
        cursor = QTextCursor(current.document())
        cursor.setPosition(position + 1)
        return cursor.charFormat()

    assert format_at(5).fontWeight() == QFont.Weight.Bold
    assert format_at(5).background().color() == QColor(THEMES["standard"].highlight)
    assert format_at(20).fontWeight() != QFont.Weight.Bold
    window.toggle_script()
    window.cycle_theme()
    current = block(window, "p3")
    assert format_at(5).fontWeight() == QFont.Weight.Bold
    assert format_at(5).background().color() == QColor(THEMES["high_contrast"].highlight)
    view.highlight("p4", 3, 6)  # moving on clears the old one
    assert format_at(5).fontWeight() != QFont.Weight.Bold
    view.clear_highlight()
    current = block(window, "p4")
    assert format_at(4).fontWeight() != QFont.Weight.Bold


def test_scroll_a_block_or_a_sentence_to_the_middle(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(LONGEST)
    view = window.article_page.view
    middle = view.viewport().height() / 2
    view.scroll_to_block("p9", "middle")
    p9 = block(window, "p9")
    centre = p9.y() + (p9.height() + style(p9).gap_px) / 2
    assert abs(centre - view.verticalScrollBar().value() - middle) <= 2
    position = len(p9.plain_text()) - 5  # in the block's last line
    view.scroll_to_text("p9", position)
    line_middle = p9.y() + p9.line_top(position) + style(p9).line_px / 2
    assert abs(line_middle - view.verticalScrollBar().value() - middle) <= 2


def test_links_and_paragraph_clicks(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(LONGEST)
    view = window.article_page.view
    view.scroll_to_block("p4", "top")
    settle()
    start = block(window, "p4").plain_text().index("胸痛中心")
    view.set_links("p4", [TextSpan(start, start + 4, "link", "card:chest-pain")])
    links: list[str] = []
    clicks: list[str] = []
    view.link_activated.connect(links.append)
    view.block_clicked.connect(clicks.append)
    p4 = block(window, "p4")
    qtbot.mouseClick(p4, Qt.MouseButton.LeftButton, pos=char_point(p4, start + 1))
    assert links == ["card:chest-pain"] and clicks == []
    qtbot.mouseClick(p4, Qt.MouseButton.LeftButton, pos=char_point(p4, 2))
    assert clicks == ["p4"]
    cursor = QTextCursor(p4.document())
    cursor.setPosition(start + 2)
    assert cursor.charFormat().fontUnderline()  # a link is underlined, not colour alone
    window.toggle_script()  # same offsets in the other script
    cursor = QTextCursor(block(window, "p4").document())
    cursor.setPosition(start + 2)
    assert cursor.charFormat().anchorHref() == "card:chest-pain"


def test_section_rows_hold_buttons_in_screen_order(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    view = window.article_page.view
    added: list[BigButton] = []

    def add_buttons(article: Article) -> None:
        for index, _section in enumerate(article.sections):
            button = BigButton()
            button.set_texts(f"朗读第{index + 1}段", "朗读这一段")
            view.section_top_row(index).add_button(button)
            added.append(button)

    view.article_shown.connect(add_buttons)
    window.open_article(LONGEST)
    settle()
    assert all(b.isVisibleTo(window) for b in added)
    chain = view.focus_chain()
    # the end: 返回首页, then what features add there (打印这篇文章)
    assert chain[0] is view and chain[-len(view.end_buttons.buttons())] is view.back_button
    assert chain[-1] is view.end_buttons.buttons()[-1]
    assert [w for w in chain if w in added] == added
    # with the 朗读这一段 ones, and the paragraphs holding card links (Tab stops too)
    rows = [w for w in chain[1:-len(view.end_buttons.buttons())]
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    # Tab walks them top to bottom
    view.setFocus()
    seen = []
    for _ in rows:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == rows
    content = view.widget()
    assert content is not None
    ys = [b.mapTo(content, QPoint(0, 0)).y() for b in added]
    assert ys == sorted(ys)
    # a new article starts with empty, hidden rows (handlers fill them again)
    view.article_shown.disconnect(add_buttons)
    window.open_article(LONGEST)
    assert [b.objectName() for b in view.section_top_row(1).buttons()] == ["readAloud.section1"]


def test_unbreakable_text_wraps_instead_of_widening_the_page(qtbot: QtBot) -> None:
    url = "http://www.example.gov.cn/" + "abcdefghij" * 12 + ".html"
    article = Article(id="long", title="网址" + "很长" * 20, sections=(
        Section(heading=None, blocks=(Block("p1", "paragraph", "详见" + url),)),))
    window = make_window(qtbot, font_size=48)
    window.articles.append(article)
    window.open_article("long")
    view = window.article_page.view
    settle()
    content = view.widget()
    assert content is not None and content.width() <= view.viewport().width()
    for text_block in view.text_blocks():
        document = text_block.document()
        assert document.idealWidth() <= document.textWidth() + 1
        assert text_block.geometry().right() <= view.viewport().width()
    assert block(window, "p1").document().firstBlock().layout().lineCount() > 3
