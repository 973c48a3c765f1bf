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
    from reader.ui.staff.context import StaffContext


class BookletPanel(Panel):
    key = "booklet"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.title = heading()
        self.hint = label()
        self.choice_label = label()
        self.box = combo("bookletCategory")
        self.pdf_button = button("bookletPdf")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button = button("bookletPrint")
        self.print_button.clicked.connect(self.print_booklet)
        self.fit = label(name="staff.booklet.fit")  # cards that do not fit one sheet
        self.add(self.title, self.hint, self.fit, self.choice_label, self.box, self.pdf_button,
                 self.print_button, self.message)
        self.column.addStretch(1)

    # ---- what goes in ------------------------------------------------------------------
    def category(self) -> str | None:
        """The chosen category (simplified), or None for every card."""
        return self.box.currentData() or None

    def cards(self) -> list[Card]:
        chosen = self.category()
        every = self.ctx.cards.cards_in().cards
        return [card for card in every if chosen is None or card.category == chosen]

    def refresh(self) -> None:
        """Say which cards do not fit one A4 page, or both sides of an A5 sheet (staff
        edit card files and local information by hand)."""
        script = self.ctx.look().script
        local = self.ctx.cards.local_info()
        too_long, notes_off, too_long_a5 = [], [], []
        for card in self.ctx.cards.cards_in().cards:
            pages, left_out = self.ctx.printing.card_fit(card, script, local)
            title = card.converted(script).title
            if pages > 1:
                too_long.append(self.t("staff.booklet.card_pages", title=title, n=pages))
            elif left_out:
                notes_off.append(title)
            a5_pages, _ = self.ctx.printing.card_fit(card, script, local, paper="A5")
            if a5_pages > self.ctx.printing.pages_per_sheet("A5"):
                too_long_a5.append(self.t("staff.booklet.card_pages", title=title, n=a5_pages))
        lines = []
        if too_long:
            lines.append(self.t("staff.booklet.too_long", cards="、".join(too_long)))
        if notes_off:
            lines.append(self.t("staff.booklet.notes_off", cards="、".join(notes_off)))
        if too_long_a5:
            lines.append(self.t("staff.booklet.too_long_a5", cards="、".join(too_long_a5)))
        self.fit.setText("\n".join(lines) or self.t("staff.booklet.fit_ok"))

    # ---- actions -----------------------------------------------------------------------
    def choose_pdf_path(self) -> str:
        """Where to save (a method, so tests can replace the dialog)."""
        return self.ctx.printing.ask_pdf_path(
            self, self.t("staff.booklet.save_title"),
            self.t("staff.booklet.file_name", what=self.box.currentText()))

    def save_pdf(self) -> None:
        path = self.choose_pdf_path()
        if not path:
            return
        try:
            self.ctx.printing.write_booklet_pdf(self.cards(), path, self.ctx.look().script,
                                                self.category(), self.ctx.cards.local_info())
        except ReaderError as exc:
            self.say(exc.message)
            return
        self.say(self.t("staff.booklet.saved", path=path, n=len(self.cards())))

    def print_booklet(self) -> None:
        """Through the print preview: it says how many pages and sheets, and asks
        before printing more than ten pages."""
        printer = str(self.ctx.settings.get("printer") or "")
        try:
            self.ctx.printing.print_booklet(
                self.cards(), self.ctx.look().script, self.category(),
                self.ctx.cards.local_info(), self.t("staff.booklet.tab"), printer or None,
                self.window(), lambda name: self.say(
                    self.t("staff.booklet.printed", name=name, n=len(self.cards()))))
        except ReaderError as exc:
            self.say(exc.message)

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
