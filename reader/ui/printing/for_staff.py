"""Printing as the staff area's booklet and printer panels use it (they state what they
need as reader.ui.staff.context.StaffPrinting; compose.py hands them this).

Every method loads the printing modules on its first call: Qt's print support is not
needed until staff print something."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.core.article import Script
    from reader.core.cards import Card
    from reader.core.local_info import LocalInfo


class PrintingForStaff:
    def available_printers(self) -> list[str]:
        from reader.ui.printing import output

        return output.available_printers()

    def default_printer(self) -> str | None:
        from reader.ui.printing import output

        return output.default_printer()

    def print_test_page(self, printer: str, script: Script) -> str:
        from reader.ui.printing import check_page

        return check_page.print_test_page(printer, script)

    def card_fit(self, card: Card, script: Script, local_info: LocalInfo | None,
                 paper: str = "A4") -> tuple[int, bool]:
        from reader.ui.printing import output

        _sheet, pages = output.card_pages(card, script=script, paper=paper,
                                          local_info=local_info)
        return len(pages), bool(pages[0].left_out)

    def pages_per_sheet(self, paper: str) -> int:
        from reader.ui.printing.layout import paper_for

        return paper_for(paper).sheet_pages

    def write_booklet_pdf(self, cards: Sequence[Card], path: str | os.PathLike[str],
                          script: Script, category: str | None,
                          local_info: LocalInfo | None) -> None:
        from reader.ui.printing import output

        output.write_booklet_pdf(cards, path, script=script, category=category,
                                 local_info=local_info)  # fmt: skip

    def ask_pdf_path(self, parent: QWidget, title: str, stem: str) -> str:
        from reader.ui.printing.preview import ask_pdf_path

        return ask_pdf_path(parent, title, stem)

    def print_booklet(self, cards: Sequence[Card], script: Script, category: str | None,
                      local_info: LocalInfo | None, title: str, printer: str | None,
                      parent: QWidget, printed: Callable[[str], None]) -> None:
        from reader.ui.printing.jobs import booklet_job
        from reader.ui.printing.preview import PrintPreview

        job = booklet_job(cards, script, category, local_info, title)
        preview = PrintPreview(job=job, script=script, printer_name=printer, parent=parent)
        preview.printed.connect(printed)
        preview.exec()
        preview.deleteLater()
