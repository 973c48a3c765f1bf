"""The booklet panel reaches printing only through StaffPrinting (staff/context.py): with
a fake one in its place, what the panel asks for and what it tells staff. The real
printing behind it is tested in test_staff.py."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.core.article import Script
from reader.core.cards import Card
from reader.core.errors import ReaderError
from reader.core.local_info import LocalInfo
from reader.ui.staff.booklet_panel import BookletPanel
from tests.support.community_helpers import click, open_panel


class FakePrinting:
    """Records each booklet asked for; fails with `problem` when it is set."""

    def __init__(self, fit: dict[str, tuple[int, bool]],
                 a5_pages: dict[str, int] | None = None) -> None:
        self.fit = fit  # A4
        self.a5_pages = a5_pages or {}
        self.problem = ""
        self.booklets: list[tuple[list[str], Script, str | None, str, str | None]] = []

    def _fail_if_asked(self) -> None:
        if self.problem:
            raise ReaderError(self.problem)

    def available_printers(self) -> list[str]:
        return ["Hall"]

    def default_printer(self) -> str | None:
        return "Hall"

    def print_test_page(self, printer: str, script: Script) -> str:
        self._fail_if_asked()
        return printer

    def card_fit(self, card: Card, script: Script, local_info: LocalInfo | None,
                 paper: str = "A4") -> tuple[int, bool]:
        if paper == "A5":
            return self.a5_pages.get(card.id, 2), False
        return self.fit.get(card.id, (1, False))

    def pages_per_sheet(self, paper: str) -> int:
        return 2 if paper == "A5" else 1

    def write_booklet_pdf(self, cards: Sequence[Card], path: str | os.PathLike[str],
                          script: Script, category: str | None,
                          local_info: LocalInfo | None) -> None:
        self._fail_if_asked()

    def ask_pdf_path(self, parent: QWidget, title: str, stem: str) -> str:
        return "/nowhere/booklet.pdf"

    def print_booklet(self, cards: Sequence[Card], script: Script, category: str | None,
                      local_info: LocalInfo | None, title: str, printer: str | None,
                      parent: QWidget, printed: Callable[[str], None]) -> None:
        self._fail_if_asked()
        self.booklets.append(([card.id for card in cards], script, category, title, printer))
        printed(printer or "")


def test_the_booklet_panel_asks_printing_for_what_staff_chose_and_says_what_happened(
        qtbot: QtBot) -> None:
    window, _staff, panel = open_panel(qtbot, "booklet", BookletPanel)
    fake = FakePrinting({"dibao": (2, False), "jijiu": (1, True)}, a5_pages={"dibao": 3})
    panel.ctx = dataclasses.replace(panel.ctx, printing=fake)
    panel.refresh()
    lines = panel.fit.text().split("\n")
    assert "城乡低保（2 页）" in lines[0] and "一张 A4 纸印不下" in lines[0]
    assert lines[1] == "这些卡片为了印在一张纸上，不印“注意”一段：急救和胸痛中心。"
    assert "城乡低保（3 页）" in lines[2] and "A5" in lines[2]

    panel.box.setCurrentIndex(panel.box.findData("生活救助"))
    window.settings.set("printer", "Hall")
    click(qtbot, window, panel.print_button)
    [(ids, script, category, title, printer)] = fake.booklets
    assert "dibao" in ids and category == "生活救助" and printer == "Hall"
    assert (script, title) == ("simplified", "小册子")
    assert panel.message.text() == f"已送到打印机“Hall”（{len(ids)} 张卡片）。"

    fake.problem = "打印机“Hall”现在用不了。"  # a plain message, and the panel stays usable
    click(qtbot, window, panel.print_button)
    assert panel.message.text() == fake.problem and len(fake.booklets) == 1
    click(qtbot, window, panel.pdf_button)
    assert panel.message.text() == fake.problem
    fake.problem = ""
    click(qtbot, window, panel.pdf_button)
    assert panel.message.text() == f"已保存：/nowhere/booklet.pdf（{len(ids)} 张卡片）"
