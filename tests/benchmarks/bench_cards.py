"""Topic cards in the window (issue 5). Prints numbers; nothing is asserted.

- loading the cards and linking the longest seed the first time (after the first paint);
- 简/繁 switch of the longest seed with its links and card rows, repainted;
- opening a card page, and a 简/繁 switch on it, repainted.
Runs offscreen with its own temporary settings and data folders.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LONGEST_SEED = "003_bcc1e477f3fe7536"


def _ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms"


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CONFIG_HOME"] = str(Path(scratch) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(scratch) / "data")
        from reader.core.articles_source import load_articles
        from reader.ui.app import warm_up
        from reader.ui.compose import build_parts
        from reader.ui.shell.settings import Settings

        app = QApplication.instance() or QApplication(sys.argv[:1])
        parts = build_parts(Settings(Path(scratch) / "s.ini", persist=False), load_articles())
        window = parts.window
        window.resize(1024, 600)
        window.show()
        app.processEvents()
        window.open_article(LONGEST_SEED)
        window.article_page.view.scroll_to_block("p9")
        start = time.perf_counter()
        parts.cards._link_current()  # what runs just after the first paint
        first = time.perf_counter() - start
        rows = len(parts.cards.links.row_buttons())
        print(f"first card load + linking of the longest seed: {first * 1000:.0f} ms "
              f"({len(parts.cards.links.links)} links, {rows} card buttons)")
        warm_up(window.articles)
        app.processEvents()

        def timed(action: Callable[[], None], widget: QWidget) -> float:
            begin = time.perf_counter()
            action()
            widget.repaint()
            return time.perf_counter() - begin

        viewport = window.article_page.view.viewport()
        switch = [timed(window.toggle_script, viewport) for _ in range(20)]
        print(f"简/繁 switch of the longest seed with links: {_ms(switch)} (target <= 50 ms)")

        page = parts.cards.card_page
        opening = []
        for card_id in ("dibao", "jiamenkou", "jijiu", "canji", "tuoyu") * 2:
            opening.append(timed(lambda c=card_id: parts.cards.open_card(c),  # type: ignore[misc,arg-type]
                                 page.scroll_area().viewport()))
        print(f"opening a card page: {_ms(opening)}")
        card_switch = [timed(window.toggle_script, page.scroll_area().viewport())
                       for _ in range(20)]
        print(f"简/繁 switch on a card page: {_ms(card_switch)} (target <= 50 ms)")
        window.close()


if __name__ == "__main__":
    main()
