"""打印机: which printer residents' printing goes to (saved in the settings as
"printer"; empty means the system's default printer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.staff.parts import Panel, button, combo, heading, label

if TYPE_CHECKING:
    from reader.ui.staff.feature import StaffArea


class PrinterPanel(Panel):
    key = "printer"

    def __init__(self, area: StaffArea) -> None:
        super().__init__(area)
        self.settings = area.window.settings
        self.title = heading()
        self.hint = label()
        self.choice_label = label()
        self.box = combo("printerBox")
        self.box.activated.connect(self._chosen)
        self.refresh_button = button("printerRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.add(self.title, self.hint, self.choice_label, self.box, self.message,
                 self.refresh_button)
        self.column.addStretch(1)
        self.printers: list[str] = []
        self.default: str | None = None

    def refresh(self) -> None:
        from reader.ui.printing import (
            output as printing,  # Qt's print support, loaded only when needed
        )

        self.printers = printing.available_printers()
        self.default = printing.default_printer()
        self.say("")
        self.retranslate()

    def _chosen(self, _index: int) -> None:
        name = str(self.box.currentData() or "")
        self.settings.set("printer", name)
        self.say(self.t("staff.printer.saved", name=name) if name
                 else self.t("staff.printer.saved_default"))

    def retranslate(self) -> None:
        if self.look is None:
            return
        t = self.t
        self.title.setText(t("staff.printer.tab"))
        self.hint.setText(t("staff.printer.hint"))
        self.choice_label.setText(t("staff.printer.choice"))
        self.box.setAccessibleName(t("staff.printer.choice"))
        self.refresh_button.set_texts(t("staff.printer.refresh"), t("staff.printer.refresh_desc"))
        self.box.clear()
        chosen = str(self.settings.get("printer"))
        self.box.setVisible(bool(self.printers))
        self.choice_label.setVisible(bool(self.printers))
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
