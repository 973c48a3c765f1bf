"""Every shipped card on one sheet: one A4 page, or the front and back of one A5 sheet,
in both scripts, without local information and with everything the staff form holds
filled in. Read back from the PDFs with poppler's tools: the page count, the phone box
on page 1 right under the title, and the type sizes (body >= 18 pt, title 32 pt)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.article import Script
from reader.core.card_text import label
from reader.core.cards import Card, load_cards
from reader.core.local_info import LocalInfo
from reader.core.script import convert
from reader.core.strings import STRINGS
from reader.ui.printing import output as printing
from reader.ui.printing.layout import MIN_BODY_PT, PAPERS
from tests.support.pdf_tools import (
    line_height_ratio,
    page_count,
    pdf_text,
    pdf_words,
    size_of,
    squeeze,
)
from tests.support.print_fixtures import full_local_info, use_persistent_font_cache

assert shutil.which("pdftotext"), "poppler-utils is needed: ./dev.sh test installs it"

CARDS = load_cards().cards
FULL = full_local_info(card.id for card in CARDS)


@pytest.fixture(autouse=True)
def _fonts(qapp: object, pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)


def _phone_box(card: Card, info: LocalInfo | None) -> list[str]:
    """What the box under the title says first: the local office's number, then the
    card's own numbers."""
    office = [info.offices[card.id].phone] if info else []
    return office + [phone.number for phone in card.phones]


def _check_card(card: Card, script: Script, paper: str, info: LocalInfo | None,
                out: Path) -> int:  # fmt: skip
    sheet, pages = printing.card_pages(card, script=script, paper=paper, local_info=info)
    # the pages just laid out, painted the way write_card_pdf paints them (laid out once)
    printing.write_pages_pdf(pages, sheet, out, card.converted(script).title)
    count = page_count(out)
    assert count == len(pages) <= sheet.sheet_pages, (card.id, count)

    # page 1: the title, then the phone box (office first), then 这是什么
    first = squeeze(pdf_text(out, 1))
    title = card.converted(script).title
    assert first.startswith(title), (card.id, first[:40])
    end = len(title)
    for number in _phone_box(card, info):  # each after the one before
        found = first.find(number, end)
        assert found >= 0, (card.id, number)
        end = found + len(number)
    assert end < first.find(label("what", script), end), card.id

    # sizes, above each page's footer (which starts with 以当地最新规定为准)
    footer_word = convert(STRINGS["print.disclaimer"], script)
    words = pdf_words(out)
    ratio = line_height_ratio(words)
    for number in range(1, count + 1):
        on_page = [w for w in words if w.page == number]
        footer_top = min(w.y0 for w in on_page if w.text.startswith(footer_word))
        sizes = [size for w in on_page if w.y1 < footer_top and (size := w.cjk_size())]
        assert min(sizes) >= MIN_BODY_PT - 0.1, (card.id, number, min(sizes))
        top = min(on_page, key=lambda w: (w.y0, w.x0))
        assert top.text.startswith(title), (card.id, number, top.text)
        assert size_of(top, ratio) == pytest.approx(PAPERS[paper].title_pt, rel=0.05), card.id
    return count


@pytest.mark.parametrize("paper", ["A4", "A5"])
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_every_card_prints_on_one_sheet(script: Script, paper: str, tmp_path: Path) -> None:
    assert len(CARDS) >= 22
    counts = {}
    for info_name, info in (("none", None), ("full", FULL)):
        for card in CARDS:
            out = tmp_path / f"{card.id}-{info_name}.pdf"
            counts[card.id, info_name] = _check_card(card, script, paper, info, out)
    if paper == "A4":
        assert set(counts.values()) == {1}
    else:  # A5: the local information takes some cards onto the back
        assert max(counts.values()) == 2
        assert any(counts[card.id, "full"] == 2 for card in CARDS)


def test_the_notes_stay_on_a4_where_they_fit() -> None:
    """注意 is left off only by cards that do not fit one A4 page with it; the tighter
    layouts keep it on more cards than the roomy one alone did (15 of 22 without local
    information, 6 with an office and phone)."""
    kept = 0
    for info in (None, FULL):
        for card in CARDS:
            _sheet, pages = printing.card_pages(card, paper="A4", local_info=info)
            notes_printed = [note in pages[0].body_html for note in card.notes]
            if pages[0].left_out:
                assert pages[0].left_out == "注意" and not any(notes_printed), card.id
            else:
                kept += 1
                assert all(notes_printed), card.id
    assert kept >= 24  # measured: 17 of 22 cards without local information, 7 with all of it
