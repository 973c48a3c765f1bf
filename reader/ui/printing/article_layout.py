"""An article in large print, to read again at home: title, date and source, the text,
then the phone boxes (with their QR codes) of the cards the article links to.

Every page says 第 x 页，共 y 页 at the foot. The text is at the smallest body size of
the paper (18 pt, the MIIT floor) or larger when the article is short enough for one
page; paragraphs are never shrunk to fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from reader.core import strings
from reader.core.article import Article, Script
from reader.core.card_text import card_sections
from reader.core.cards import Card
from reader.core.contact_qr import card_code
from reader.core.linking import find_links
from reader.core.local_info import LocalInfo
from reader.core.script import convert
from reader.ui.printing.card_layout import card_pieces, footer_html, footer_space
from reader.ui.printing.layout import (
    MIN_BODY_PT,
    Page,
    Paper,
    Piece,
    Row,
    paginate,
    printed_on_line,
    sizes_for,
)

SHOWN_KINDS = ("paragraph",)  # captions of pictures that are not printed are left out


def linked_cards(article: Article, cards: Sequence[Card]) -> list[Card]:
    """The cards the article links to, in the order they are first mentioned."""
    by_id = {card.id: card for card in cards}
    ids = dict.fromkeys(link.card_id for link in find_links(article, cards))
    return [by_id[card_id] for card_id in ids if card_id in by_id]


def article_pieces(article: Article, cards: Sequence[Card], script: Script,
                   local_info: LocalInfo | None) -> list[Piece]:  # fmt: skip
    # always through the converter: a source may mix scripts (筑牢民生根基 增進民生福祉)
    shown = article.map_text(lambda text: convert(text, script), script)
    pieces: list[Piece] = []
    source = article.source_name
    if Path(source).suffix:  # a file's name says nothing to a reader
        source = ""
    parts = (_date_words(article.date), shown.byline, _source_line(source, script))
    about = "　".join(part for part in parts if part)
    if about:
        pieces.append(Piece("para", (Row(about),), "", 0))
    if shown.deck:
        pieces.append(Piece("para", (Row(shown.deck),), "", 0))
    for section in shown.sections:
        rows = [Row(block.text) for block in section.blocks if block.kind in SHOWN_KINDS]
        for n, row in enumerate(rows):
            # each paragraph its own "section": pages fill up, none is left a third empty
            heading = section.heading or "" if n == 0 else ""
            pieces.append(Piece("para", (row,), heading, len(pieces)))
    boxes = []
    for card in linked_cards(article, cards):
        sections = card_sections(card, local_info, script)
        box = card_pieces(sections, card_code(card, local_info, script), script)[0]
        boxes.append(replace(box, heading=card.converted(script).title, section=len(pieces)))
    if boxes:
        pieces.append(Piece("para", (), strings.text("print.phones_heading", script), len(pieces)))
        pieces += boxes
    return pieces


def _date_words(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso.split("-"))
    return strings.text("date.day", year=year, month=month, day=day)


def _source_line(source: str, script: Script) -> str:
    """来源：… for a named source (the name converted too), "" for none."""
    if not source:
        return ""
    return strings.text("print.source", script, source=strings.convert_text(source, script))


def article_page_label(index: int, count: int, script: Script) -> str:
    return strings.text("print.page_of", script, n=index + 1, total=count)


def layout_article(article: Article, cards: Sequence[Card], *, script: Script, paper: Paper,
                   family: str, local_info: LocalInfo | None,
                   printed_on: date) -> list[Page]:  # fmt: skip
    small = sizes_for(paper, MIN_BODY_PT, family)

    def lines(index: int, count: int) -> list[str]:
        return [article_page_label(index, count, script), printed_on_line(printed_on, script)]

    def footer_height(pages: int) -> float:
        return footer_space(lines(pages - 1, pages), small, paper)

    title = convert(article.title, script)
    pieces = article_pieces(article, cards, script, local_info)
    bodies = paginate(title, pieces, paper, family, script, footer_height)
    count = len(bodies)
    return [
        Page(html, footer_html(lines(n, count), small), body)
        for n, (html, body) in enumerate(bodies)
    ]
