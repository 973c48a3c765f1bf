"""打印机: which printer residents' printing goes to (saved in the settings as
"printer"; empty means none chosen, and then community mode does not print), and
打印测试页 for the printer chosen in the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.errors import ReaderError
from reader.ui.staff.parts import Panel, button, combo, heading, label

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext


class PrinterPanel(Panel):
    key = "printer"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.settings = ctx.settings
        self.title = heading()
        self.hint = label()
        self.choice_label = label()
        self.box = combo("printerBox")
        self.box.activated.connect(self._chosen)
        self.refresh_button = button("printerRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.test_button = button("printerTest")
        self.test_button.clicked.connect(self.print_test_page)
        self.add(self.title, self.hint, self.choice_label, self.box, self.message,
                 self.test_button, self.refresh_button)
        self.column.addStretch(1)
        self.printers: list[str] = []
        self.default: str | None = None

    def refresh(self) -> None:
        self.printers = self.ctx.printing.available_printers()
        self.default = self.ctx.printing.default_printer()
        self.say("")
        self.retranslate()

    def _chosen(self, _index: int) -> None:
        name = str(self.box.currentData() or "")
        self.settings.set("printer", name)
        self.say(self.t("staff.printer.saved", name=name) if name
                 else self.t("staff.printer.saved_default"))

    def print_test_page(self) -> None:
        name = str(self.box.currentData() or "")
        if not name:
            self.say(self.t("staff.printer.test_pick"))
            return
        try:
            sent = self.ctx.printing.print_test_page(
                name, self.look.script if self.look else "simplified")
        except ReaderError as exc:
            self.say(exc.message)
            return
        self.say(self.t("staff.printer.test_sent", name=sent))

    def retranslate(self) -> None:
        if self.look is None:
            return
        t = self.t
        self.title.setText(t("staff.printer.tab"))
        self.hint.setText(t("staff.printer.hint"))
        self.choice_label.setText(t("staff.printer.choice"))
        self.box.setAccessibleName(t("staff.printer.choice"))
        self.refresh_button.set_texts(t("staff.printer.refresh"), t("staff.printer.refresh_desc"))
        self.test_button.set_texts(t("staff.printer.test"), t("staff.printer.test_desc"))
        self.box.clear()
        chosen = str(self.settings.get("printer"))
        self.box.setVisible(bool(self.printers))
        self.choice_label.setVisible(bool(self.printers))
        self.test_button.setVisible(bool(self.printers))
        if not self.printers:
            self.say(t("staff.printer.none"))
            return
        self.box.addItem(t("staff.printer.default_item", name=self.default) if self.default
                         else t("staff.printer.default_none"), "")
        for name in self.printers:
            self.box.addItem(name, name)
        index = self.box.findData(chosen)
        self.box.setCurrentIndex(max(0, index))
        if chosen and index < 0:
            self.say(t("staff.printer.missing", name=chosen))
