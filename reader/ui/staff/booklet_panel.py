"""小册子: every help card (or one category's) as a booklet for the noticeboard: a
contents page, then each card from a new page, with the local information filled in,
in the reader's script; saved as a PDF or sent to the residents' printer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.cards import CATEGORIES
from reader.core.errors import ReaderError
from reader.ui.staff.parts import Panel, button, combo, heading, label

if TYPE_CHECKING:
    from reader.core.cards import Card
    from reader.ui.printing.layout import Page, Paper
    from reader.ui.staff.feature import StaffArea


class BookletPanel(Panel):
    key = "booklet"

    def __init__(self, area: StaffArea) -> None:
        super().__init__(area)
        self.title = heading()
        self.hint = label()
        self.choice_label = label()
        self.box = combo("bookletCategory")
        self.pdf_button = button("bookletPdf")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button = button("bookletPrint")
        self.print_button.clicked.connect(self.print_booklet)
        self.add(self.title, self.hint, self.choice_label, self.box, self.pdf_button,
                 self.print_button, self.message)
        self.column.addStretch(1)

    # ---- what goes in ------------------------------------------------------------------
    def category(self) -> str | None:
        """The chosen category (simplified), or None for every card."""
        return self.box.currentData() or None

    def cards(self) -> list[Card]:
        chosen = self.category()
        every = self.area.window.topic_cards.cards_in().cards
        return [card for card in every if chosen is None or card.category == chosen]

    def _pages(self) -> tuple[Paper, list[Page]]:
        from reader.ui.printing import output as printing

        window = self.area.window
        return printing.booklet_pages(self.cards(), script=window.look.script,
                                      category=self.category(),
                                      local_info=window.topic_cards.local_info())

    # ---- actions -----------------------------------------------------------------------
    def choose_pdf_path(self) -> str:
        """Where to save (a method, so tests can replace the dialog)."""
        from reader.ui.printing.preview import ask_pdf_path

        return ask_pdf_path(self, self.t("staff.booklet.save_title"),
                            self.t("staff.booklet.file_name", what=self.box.currentText()))

    def save_pdf(self) -> None:
        from reader.ui.printing import output as printing

        path = self.choose_pdf_path()
        if not path:
            return
        window = self.area.window
        try:
            printing.write_booklet_pdf(self.cards(), path, script=window.look.script,
                                       category=self.category(),
                                       local_info=window.topic_cards.local_info())
        except ReaderError as exc:
            self.say(exc.message)
            return
        self.say(self.t("staff.booklet.saved", path=path, n=len(self.cards())))

    def print_booklet(self) -> None:
        from reader.ui.printing import output as printing

        try:
            sheet, pages = self._pages()
            name = printing.print_pages(
                pages, sheet,
                printer_name=str(self.area.window.settings.get("printer") or "") or None,
                title=self.t("staff.booklet.tab"))
        except ReaderError as exc:
            self.say(exc.message)
            return
        self.say(self.t("staff.booklet.printed", name=name, n=len(self.cards())))

    # ---- texts -------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.look is None:
            return
        t = self.t
        self.title.setText(t("staff.booklet.tab"))
        self.hint.setText(t("staff.booklet.hint"))
        self.choice_label.setText(t("staff.booklet.choice"))
        self.box.setAccessibleName(t("staff.booklet.choice"))
        chosen = self.box.currentData()
        self.box.clear()
        self.box.addItem(t("staff.booklet.all"), "")
        for category in CATEGORIES:
            self.box.addItem(self.look.convert(category), category)
        self.box.setCurrentIndex(max(0, self.box.findData(chosen or "")))
        self.pdf_button.set_texts(t("staff.booklet.pdf"), t("staff.booklet.pdf_desc"))
        self.print_button.set_texts(t("staff.booklet.print"), t("staff.booklet.print_desc"))
