"""Printing speed (issue 6). Prints numbers; targets are not asserted.

- building the derived print font (once per user, on first print): per face
- laying out and writing one card as PDF, cold (nothing measured before) and warm
- one preview page as an image; a booklet of every shipped card
- pages per card: every shipped card, both scripts, A4 and A5, without local
  information and with everything the staff form holds filled in (a table)
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.core.cards import load_cards
    from reader.ui.printing import font as print_font
    from reader.ui.printing import layout as print_layout
    from reader.ui.printing import output as printing

    printing.ensure_app()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for weight in print_font.WEIGHTS:
            source = print_font.find_source("simplified", weight)
            if source is None:
                print("font build: no Noto Sans CJK installed")
                break
            start = time.perf_counter()
            print_font.build_print_font(source, out / f"{weight}.otf")
            size_mb = (out / f"{weight}.otf").stat().st_size / 1e6
            print(f"font build (SC {weight}): {time.perf_counter() - start:.2f} s, "
                  f"{size_mb:.1f} MB")  # fmt: skip

        start = time.perf_counter()
        for script in ("simplified", "traditional"):
            print_font.print_family(script)
        print(f"font load (both scripts, built or cached): {time.perf_counter() - start:.2f} s")

        cards = load_cards().cards
        print_layout.height_of.cache_clear()
        start = time.perf_counter()
        for card in cards:
            printing.write_card_pdf(card, out / "card.pdf")
        cold = (time.perf_counter() - start) / len(cards)
        start = time.perf_counter()
        for card in cards:
            printing.write_card_pdf(card, out / "card.pdf")
        warm = (time.perf_counter() - start) / len(cards)
        print(f"card PDF, A4: {cold * 1000:.0f} ms per card cold, {warm * 1000:.0f} ms warm "
              f"({len(cards)} cards)")  # fmt: skip

        sheet, pages = printing.card_pages(cards[0])
        start = time.perf_counter()
        printing.page_images(pages, sheet, 560)
        print(f"preview image: {(time.perf_counter() - start) / len(pages) * 1000:.0f} ms a page")

        print_layout.height_of.cache_clear()
        start = time.perf_counter()
        printing.write_booklet_pdf(cards, out / "book.pdf")
        print(f"booklet of {len(cards)} cards: {time.perf_counter() - start:.2f} s")
    pages_per_card()


def pages_per_card() -> None:
    """The table: pages of every card (A4: one page; A5: front and back), and whether
    注意 was left off to keep it on one sheet (marked *)."""
    from reader.core.cards import load_cards
    from reader.core.local_info import LocalInfo, LocalOffice
    from reader.ui.printing import output as printing
    from tests.support.print_fixtures import full_local_info

    cards = load_cards().cards
    full = full_local_info(card.id for card in cards)
    # "office": an office and its phone for every card and the centre (no address,
    # hours or note): what the last measurement filled in
    office = LocalInfo(full.centre, {card.id: LocalOffice(full.offices[card.id].office,
                                                          full.offices[card.id].phone)
                                     for card in cards})  # fmt: skip
    infos = {"none": None, "office": office, "full": full}
    columns = [(paper, script, info) for paper in ("A4", "A5")
               for script in ("simplified", "traditional") for info in infos]
    short = {"simplified": "简", "traditional": "繁"}
    print("pages per card (* = 注意 left off to stay on one sheet)")
    print(f"{'card':<12}" + "".join(f"{p}{short[s]} {i:<6}".rjust(11) for p, s, i in columns))
    totals = dict.fromkeys(columns, 0)
    notes_off = dict.fromkeys(columns, 0)
    for card in cards:
        cells = []
        for column in columns:
            paper, script, info = column
            _sheet, pages = printing.card_pages(card, script=script, paper=paper,  # type: ignore[arg-type]
                                                local_info=infos[info])  # fmt: skip
            totals[column] += len(pages)
            notes_off[column] += bool(pages[0].left_out)
            cells.append(f"{len(pages)}{'*' if pages[0].left_out else ' '}".rjust(11))
        print(f"{card.id:<12}" + "".join(cells))
    print(f"{'pages':<12}" + "".join(f"{totals[c]:>10} " for c in columns))
    print(f"{'注意 off':<10}" + "".join(f"{notes_off[c]:>10} " for c in columns))
    print("none: no local information; office: an office and phone for every card and "
          "the centre; full: everything the staff form holds")


if __name__ == "__main__":
    main()
