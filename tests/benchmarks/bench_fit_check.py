"""The staff fit check (which cards do not fit one sheet), as the booklet panel and the
本地信息 form run it: one card on one paper per event-loop turn. Prints how long the
window is blocked at most in one step, and the whole check, cold (layout caches empty)
and warm, for every shipped card in both scripts. Targets are not asserted."""

from __future__ import annotations

import os
import time
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.article import Script
    from reader.core.cards import Card


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop

    from reader.core.cards import load_cards
    from reader.core.local_info import LocalInfo
    from reader.ui.printing import layout as print_layout
    from reader.ui.printing import output as printing
    from reader.ui.printing.for_staff import PrintingForStaff
    from reader.ui.staff.fit_check import FitCheck, FitResults

    printing.ensure_app()
    real = PrintingForStaff()
    steps: list[float] = []

    class TimedPrinting(PrintingForStaff):
        def card_fit(self, card: Card, script: Script, local_info: LocalInfo | None,
                     paper: str = "A4") -> tuple[int, bool]:
            start = time.perf_counter()
            try:
                return real.card_fit(card, script, local_info, paper)
            finally:
                steps.append(time.perf_counter() - start)

    def finished(loop: QEventLoop, _results: FitResults) -> None:
        loop.quit()

    timed = TimedPrinting()
    cards = load_cards().cards
    print_layout.height_of.cache_clear()
    for label in ("cold", "warm"):
        scripts: tuple[Script, ...] = ("simplified", "traditional")
        for script in scripts:
            steps.clear()
            loop = QEventLoop()
            check = FitCheck(lambda: timed, partial(finished, loop))
            start = time.perf_counter()
            check.start(cards, script, LocalInfo())
            loop.exec()
            total = time.perf_counter() - start
            print(f"fit check, {label}, {script}: {len(steps)} steps ({len(cards)} cards, "
                  f"A4 and A5), longest {max(steps) * 1000:.0f} ms, median "
                  f"{sorted(steps)[len(steps) // 2] * 1000:.0f} ms, whole check {total:.1f} s")
