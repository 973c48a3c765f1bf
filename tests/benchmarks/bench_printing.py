"""Printing speed (issue 6). Prints numbers; targets are not asserted.

- building the derived print font (once per user, on first print): per face
- laying out and writing one card as PDF, cold (nothing measured before) and warm
- one preview page as an image; a booklet of every shipped card
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


if __name__ == "__main__":
    main()
