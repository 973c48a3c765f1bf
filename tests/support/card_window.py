"""Helpers for the topic-card window tests: a real window with the cards loaded."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from reader.core.text_style import TextSpan
from reader.ui.cards.link_marks import span_rects
from reader.ui.compose import Parts
from reader.ui.shell.main_window import MainWindow
from reader.ui.widgets.text_block import TextBlock
from tests.support.window_helpers import make_parts, open_gates, settle


def card_window(qtbot: QtBot, article: str | None = None, **values: object) -> Parts:
    """A shown window whose cards are loaded (so links appear at once), optionally
    with `article` open; click gates are open."""
    parts = make_parts(qtbot, **values)  # type: ignore[arg-type]
    window = parts.window
    parts.cards.cards_in()
    if article is not None:
        assert window.open_article(article)
    settle()
    open_gates(window)
    return parts


def link_spans(block: TextBlock) -> list[TextSpan]:
    return [span for span in block.spans() if span.kind == "link"]


def linked_blocks(window: MainWindow) -> list[TextBlock]:
    return [b for b in window.article_page.view.text_blocks() if link_spans(b)]


def link_point(block: TextBlock, span: TextSpan) -> QPoint:
    """The middle of the link's first character (a point a mouse click would hit)."""
    rect = span_rects(block, span.start, span.start + 1)[0]
    return rect.center().toPoint()


def card_id(span: TextSpan) -> str:
    assert span.target.startswith("card:")
    return span.target.removeprefix("card:")


def shown_card(parts: Parts) -> str | None:
    page = parts.cards.card_page
    if parts.window.current_page() is not page or page.card is None:
        return None
    return page.card.id
