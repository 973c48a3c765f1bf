"""Links from the article to topic cards in the real window: inline links (click, Enter,
screen-reader words, marker and contrast), the row of big card buttons at the end of each
section, both scripts, and 返回 to the same place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from reader.core.article_cache import in_script
from reader.core.cards import load_cards
from reader.core.contrast import contrast_ratio
from reader.core.linking import cards_for_section, find_links
from reader.core.script import convert
from reader.core.theme import THEMES
from reader.core.typography import MIN_TARGET_PX
from reader.ui.cards.article_links import CardButton, card_of_target
from reader.ui.cards.link_marks import span_pieces
from reader.ui.shell.main_window import MainWindow
from reader.ui.widgets.text_block import LINK_MARK_EM, TextBlock
from tests.support.card_window import (
    card_id,
    card_window,
    link_point,
    link_spans,
    linked_blocks,
    shown_card,
)
from tests.support.print_fixtures import use_persistent_font_cache
from tests.support.window_helpers import (
    LONGEST,
    SHORTER,
    block,
    make_parts,
    open_gates,
    settle,
    shown_article,
)

CARDS = load_cards()


@pytest.fixture(autouse=True)
def _print_fonts(pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)  # opening a card starts the build


def expected_links(window: MainWindow) -> list[tuple[str, str, int, int]]:
    article = shown_article(window)
    return [(k.block_id, k.card_id, k.start, k.end) for k in find_links(article, CARDS.cards)]


def shown_links(window: MainWindow) -> list[tuple[str, str, int, int]]:
    found = []
    for text_block in window.article_page.view.text_blocks():
        for span in link_spans(text_block):
            found.append((text_block.block_id, card_id(span), span.start, span.end))
    order = {b.block_id: n for n, b in enumerate(window.article_page.view.text_blocks())}
    return sorted(found, key=lambda x: (order[x[0]], x[2]))


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("article", [LONGEST, SHORTER])
def test_every_found_link_is_shown_in_both_scripts(qtbot: QtBot, script: str,
                                                   article: str) -> None:
    parts = card_window(qtbot, article, script=script)
    window = parts.window
    links = expected_links(window)
    assert len(links) >= 10
    assert shown_links(window) == links
    for block_id, _card, start, end in links:
        text = block(window, block_id).plain_text()[start:end]
        assert (convert(text, "simplified") in CARDS.get(_card).terms)  # type: ignore[union-attr]
        if script == "traditional":
            assert convert(text, "traditional") == text
    # the same offsets after a switch: the text keeps its length in both scripts
    window.toggle_script()
    settle()
    assert shown_links(window) == links


def test_first_links_appear_after_the_first_picture(qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Cards are loaded after the article is painted, then linked without moving the text."""
    from reader.ui.cards import feature as topic_cards

    monkeypatch.setattr(topic_cards, "PRELOAD_MS", 60_000)  # only the paint may load them
    parts = make_parts(qtbot)
    window = parts.window
    assert parts.cards._cards is None
    window.open_article(LONGEST)
    view = window.article_page.view
    view.scroll_to_block("p9", "top")
    place = view.place()
    assert not linked_blocks(window)
    qtbot.waitUntil(lambda: bool(linked_blocks(window)), timeout=5000)
    settle()
    assert view.place() == place


def test_an_article_read_from_its_top_does_not_move_when_links_arrive(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the very top the view shows the column's top margin above the title: the links
    arriving must not scroll that margin away (the text would jump down by it)."""
    from reader.ui.cards import feature as topic_cards

    monkeypatch.setattr(topic_cards, "PRELOAD_MS", 60_000)
    parts = make_parts(qtbot)
    window = parts.window
    window.open_article(LONGEST)
    view = window.article_page.view
    settle()
    title_y = view.block_widget("title").mapTo(view.viewport(), view.rect().topLeft()).y()
    assert view.verticalScrollBar().value() == 0
    qtbot.waitUntil(lambda: bool(linked_blocks(window)), timeout=5000)
    settle()
    assert view.verticalScrollBar().value() == 0
    assert view.block_widget("title").mapTo(view.viewport(), view.rect().topLeft()).y() == title_y


def test_clicking_an_inline_link_opens_its_card_and_back_returns_to_the_place(
        qtbot: QtBot) -> None:
    parts = card_window(qtbot, LONGEST)
    window = parts.window
    view = window.article_page.view
    view.scroll_to_block("p14", "top")
    settle()
    place = view.place()
    linked = block(window, "p14")
    span = link_spans(linked)[1]
    qtbot.mouseClick(linked, Qt.MouseButton.LeftButton, pos=link_point(linked, span))
    assert shown_card(parts) == card_id(span)
    open_gates(window)
    back = parts.cards.card_page.back_button
    assert "文章" in back.accessibleDescription()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.article_page
    settle()
    assert view.place() == place


def test_keyboard_reaches_links_and_enter_opens_the_chosen_one(qtbot: QtBot) -> None:
    parts = card_window(qtbot, LONGEST)
    window = parts.window
    paragraph = block(window, "p14")
    spans = link_spans(paragraph)
    assert len(spans) >= 3
    assert paragraph.focusPolicy() & Qt.FocusPolicy.TabFocus
    # Tab from the widget before it in the Tab chain lands on the paragraph
    chain = window.article_page.view.focus_chain()
    before = chain[chain.index(paragraph) - 1]
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is paragraph
    titles = [CARDS.get(card_id(s)).title for s in spans]  # type: ignore[union-attr]
    description = paragraph.accessibleDescription()
    assert all(title in description for title in titles)
    assert f"按回车键打开“{titles[0]}”" in description
    # its accessible name stays the paragraph's words
    assert paragraph.text() == paragraph.plain_text()
    qtbot.keyClick(paragraph, Qt.Key.Key_Right)
    assert f"按回车键打开“{titles[1]}”" in paragraph.accessibleDescription()
    qtbot.keyClick(paragraph, Qt.Key.Key_Return)
    assert shown_card(parts) == card_id(spans[1])


def test_focus_frame_shows_which_link_enter_opens(qtbot: QtBot) -> None:
    parts = card_window(qtbot, LONGEST)
    window = parts.window
    view = window.article_page.view
    view.scroll_to_block("p14", "top")
    paragraph = block(window, "p14")
    focus = QColor(window.look.theme.focus).rgb()
    span = link_spans(paragraph)[0]
    box = span_pieces(paragraph, span.start, span.end)[0].rect.toAlignedRect()
    # the frame's top edge runs along the top of the line, above the characters (in the
    # standard theme the focus colour is the link colour, so the text itself can't count)
    edge = QRect(box.left(), box.top() - 4, box.width(), 8)

    def focus_pixels() -> int:
        image = paragraph.grab().toImage().copy(edge)
        return sum(1 for x in range(image.width()) for y in range(image.height())
                   if image.pixel(x, y) == focus)

    assert focus_pixels() == 0
    paragraph.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    assert focus_pixels() >= 3 * box.width()  # a thick line the whole width of the link


@pytest.mark.parametrize("theme", list(THEMES))
def test_links_are_marked_underlined_and_at_7_to_1(qtbot: QtBot, theme: str) -> None:
    parts = card_window(qtbot, LONGEST, theme=theme)
    window = parts.window
    colours = THEMES[theme]
    assert contrast_ratio(colours.link, colours.background) >= 7.0
    view = window.article_page.view
    view.scroll_to_block("p14", "top")
    settle()
    paragraph = block(window, "p14")
    image = paragraph.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    link = QColor(colours.link).rgb()
    background = QColor(colours.background).rgb()
    em = paragraph.style_().pt * paragraph.logicalDpiY() / 72  # type: ignore[union-attr]
    for span in link_spans(paragraph):
        last = span_pieces(paragraph, span.start, span.end)[-1]
        # the text of the link is drawn in the link colour, on the page background
        text_box = last.rect.toAlignedRect().adjusted(0, 0, -round(em * LINK_MARK_EM), 0)
        counts = _counts(image, text_box)
        assert counts.get(link, 0) > 20, span
        assert max(counts, key=lambda c: counts[c]) == background
        assert contrast_ratio(QColor(link).name(), QColor(background).name()) >= 7.0
        # the marker: a solid patch of link colour in the room after the last character
        room = QRect(round(last.rect.right() - em * LINK_MARK_EM), round(last.rect.top()),
                     round(em * LINK_MARK_EM), round(last.baseline - last.rect.top()))
        assert _counts(image, room).get(link, 0) > (em * 0.3) ** 2, span
        # the underline: a row of link colour just under the characters
        under = QRect(round(last.rect.left()), round(last.baseline),
                      round(last.rect.width()), round(em * 0.3))
        rows = [sum(1 for x in range(under.left(), under.right())
                    if image.pixel(x, y) == link) for y in range(under.top(), under.bottom())]
        assert max(rows) >= 0.8 * under.width(), span
    # plain text (before the first link) has neither the colour, nor a line, nor a marker
    first = link_spans(paragraph)[0]
    assert first.start >= 4
    for piece in span_pieces(paragraph, 0, first.start - 1):
        assert _counts(image, piece.rect.toAlignedRect()).get(link, 0) == 0


@pytest.mark.parametrize("theme", list(THEMES))
def test_a_marker_in_the_sentence_being_read_takes_the_highlights_colours(
        qtbot: QtBot, theme: str) -> None:
    parts = card_window(qtbot, LONGEST, theme=theme)
    window = parts.window
    view = window.article_page.view
    view.scroll_to_block("p14", "top")
    paragraph = block(window, "p14")
    span = link_spans(paragraph)[0]
    view.highlight("p14", 0, len(paragraph.plain_text()))  # the whole paragraph is read
    settle()
    image = paragraph.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    em = paragraph.style_().pt * paragraph.logicalDpiY() / 72  # type: ignore[union-attr]
    last = span_pieces(paragraph, span.start, span.end)[-1]
    room = QRect(round(last.rect.right() - em * LINK_MARK_EM), round(last.rect.top()),
                 round(em * LINK_MARK_EM), round(last.baseline - last.rect.top()))
    colours = window.look.span_colours
    ink, paper = QColor(colours.highlight_text), QColor(colours.highlight)
    counts = _counts(image, room)
    assert counts.get(ink.rgb(), 0) > (em * 0.3) ** 2  # the marker, in the highlight's ink
    assert counts.get(QColor(colours.link).rgb(), 0) == 0
    assert contrast_ratio(ink.name(), paper.name()) >= 7.0


def _counts(image: QImage, rect: QRect) -> dict[int, int]:
    counts: dict[int, int] = {}
    rect = rect.intersected(image.rect())
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            pixel = image.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    return counts


def test_each_section_ends_with_big_buttons_for_its_cards(qtbot: QtBot) -> None:
    parts = card_window(qtbot, LONGEST)
    window = parts.window
    article = shown_article(window)
    links = find_links(article, CARDS.cards)
    view = window.article_page.view
    rows_with_cards = 0
    for index, _section in enumerate(article.sections):
        row = view.section_end_row(index)
        wanted = [c.id for c in cards_for_section(links, index, CARDS.cards)]
        buttons = [w for w in row.buttons() if isinstance(w, CardButton)]
        assert [b.card_id for b in buttons] == wanted
        if not wanted:
            assert not row.isVisibleTo(window)
            continue
        rows_with_cards += 1
        label = row.buttons()[0]
        assert isinstance(label, QLabel)
        assert label.text() == "本段说到的帮助：" and label.accessibleName()
        for button in buttons:
            card = CARDS.get(button.card_id)
            assert card is not None
            assert button.text() == card.title and button.accessibleName() == card.title
            assert card.title in button.accessibleDescription()
            assert button.width() >= MIN_TARGET_PX and button.height() >= MIN_TARGET_PX
    assert rows_with_cards >= 4


def test_section_button_opens_by_click_and_by_enter_and_back_returns(qtbot: QtBot) -> None:
    parts = card_window(qtbot, LONGEST)
    window = parts.window
    view = window.article_page.view
    button = next(b for b in parts.cards.links.row_buttons() if b.card_id == "dibao")
    view.ensureWidgetVisible(button)
    settle()
    place = view.place()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shown_card(parts) == "dibao"
    open_gates(window)
    parts.cards.card_page.back_button.click()
    settle()
    assert window.current_page() is window.article_page and view.place() == place
    open_gates(window)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert shown_card(parts) == "dibao"


def test_switching_script_relabels_the_card_buttons(qtbot: QtBot) -> None:
    parts = card_window(qtbot, SHORTER)
    window = parts.window
    buttons = parts.cards.links.row_buttons()
    assert buttons
    window.toggle_script()
    settle()
    assert parts.cards.links.row_buttons() == buttons  # the same widgets: focus stays
    for button in buttons:
        card = CARDS.get(button.card_id)
        assert card is not None and button.text() == convert(card.title, "traditional")
    traditional = in_script(window.article_page.source, "traditional")  # type: ignore[arg-type]
    assert shown_article(window) == traditional


def test_links_never_open_anything_outside_the_program(qtbot: QtBot,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    parts = card_window(qtbot, LONGEST)
    window = parts.window
    for target in ("https://example.com", "file:///etc/passwd", "card", "cards:dibao"):
        assert card_of_target(target) is None
        window.article_page.view.link_activated.emit(target)
        assert window.current_page() is window.article_page
    window.article_page.view.link_activated.emit("card:no-such-card")
    assert window.current_page() is window.article_page
    assert not opened


def test_new_article_clears_old_links(qtbot: QtBot) -> None:
    parts = card_window(qtbot, LONGEST)
    window = parts.window
    old_blocks = linked_blocks(window)
    window.open_article(SHORTER)
    settle()
    marks = parts.cards.links.marks
    assert set(marks.linked_blocks()) == set(linked_blocks(window))
    assert not set(old_blocks) & set(marks.linked_blocks())
    assert all(isinstance(b, TextBlock) for b in marks.linked_blocks())
    assert expected_links(window) == shown_links(window)


def test_links_and_card_buttons_come_back_when_an_article_is_opened_again(
        qtbot: QtBot) -> None:
    """Opening the same article again rebuilds the view; the links and the section
    buttons must be rebuilt with it (the soak test found stale, deleted buttons)."""
    parts = card_window(qtbot, LONGEST)
    window = parts.window
    first = shown_links(window)
    assert first
    window.go_home()
    settle()
    window.open_article(LONGEST)
    settle()
    assert shown_links(window) == first
    buttons = window.article_page.view.findChildren(CardButton)
    assert buttons and all(b.isVisible() for b in buttons if b.parentWidget().isVisible())
    window.toggle_script()  # updates the (new) buttons' texts: must not raise
    settle()
    assert shown_links(window) == expected_links(window)
