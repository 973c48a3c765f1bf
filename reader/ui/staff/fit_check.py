"""Which cards do not fit one sheet, checked a little at a time.

Laying out every card takes seconds, and Qt's text layout must run on the GUI thread,
so a FitCheck lays out one card on one paper per turn of the event loop (a zero-interval
QTimer): the window keeps answering between steps. Starting a new check drops the one
still running, so only the newest results are shown. The booklet panel and the 本地信息
form both use it, and put its results into words with `fit_lines`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from reader.core.article import Script
    from reader.core.cards import Card
    from reader.core.local_info import LocalInfo
    from reader.ui.staff.context import StaffPrinting

PAPERS = ("A4", "A5")


@dataclass
class FitResults:
    """What a finished check found, by card title in the check's script."""

    too_long: list[tuple[str, int]] = field(default_factory=list)  # A4: title, pages
    notes_off: list[str] = field(default_factory=list)  # 注意 left off to stay on A4
    too_long_a5: list[tuple[str, int]] = field(default_factory=list)  # beyond front and back

    def all_fit(self) -> bool:
        return not (self.too_long or self.notes_off or self.too_long_a5)


class FitCheck(QObject):
    """Checks cards with `printing.card_fit`, one card and paper per event-loop turn;
    `done` gets the results of the newest check when it is finished."""

    def __init__(self, printing: Callable[[], StaffPrinting],
                 done: Callable[[FitResults], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printing = printing  # asked each time: tests put a fake in its place
        self.done = done
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._step)
        self._steps: list[tuple[Card, str]] = []
        self._script: Script = "simplified"
        self._local: LocalInfo | None = None
        self._results = FitResults()

    @property
    def busy(self) -> bool:
        return self.timer.isActive()

    def start(self, cards: Sequence[Card], script: Script, local: LocalInfo | None) -> None:
        """Check `cards` from the next event-loop turn on, dropping any check underway."""
        self._steps = [(card, paper) for card in cards for paper in PAPERS]
        self._script, self._local = script, local
        self._results = FitResults()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._steps = []

    def _step(self) -> None:
        if not self._steps:
            self.timer.stop()
            self.done(self._results)
            return
        card, paper = self._steps.pop(0)
        printing = self.printing()
        pages, left_out = printing.card_fit(card, self._script, self._local, paper=paper)
        title = card.converted(self._script).title
        if pages > printing.pages_per_sheet(paper):
            found = self._results.too_long_a5 if paper == "A5" else self._results.too_long
            found.append((title, pages))
        elif paper == "A4" and left_out:
            self._results.notes_off.append(title)


def fit_lines(results: FitResults, t: Callable[..., str]) -> list[str]:
    """The results in plain words (`t` is a panel's strings lookup), one line per kind
    of problem; none when every card fits."""

    def named(found: list[tuple[str, int]]) -> str:
        return "、".join(t("staff.booklet.card_pages", title=title, n=n) for title, n in found)

    lines = []
    if results.too_long:
        lines.append(t("staff.booklet.too_long", cards=named(results.too_long)))
    if results.notes_off:
        lines.append(t("staff.booklet.notes_off", cards="、".join(results.notes_off)))
    if results.too_long_a5:
        lines.append(t("staff.booklet.too_long_a5", cards=named(results.too_long_a5)))
    return lines
