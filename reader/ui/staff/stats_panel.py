"""本月统计: how often this PC was used in a month, for the staff's monthly report.

Counts only (reader.core.usage_counts): articles opened, cards opened and printed by
card, 请工作人员帮忙 presses, read-aloud starts. The month is chosen from a list (this
month first); 存成表格 writes the same rows as a CSV file a spreadsheet opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QWidget

from reader.core.errors import plain_os_error
from reader.core.usage_counts import (
    CSV_HEADER,
    TOTAL_ROW,
    MonthCounts,
    ReportRow,
    UsageCounts,
    month_of,
    report_csv,
    report_rows,
    write_report_csv,
)
from reader.ui.staff.file_health import current_cards
from reader.ui.staff.parts import Panel, button, combo, heading, label

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext


class StatsPanel(Panel):
    key = "stats"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.title, self.hint = heading(), label()
        self.month_label = QLabel()
        self.month_box = combo("statsMonth")
        self.month_box.activated.connect(lambda _index: self.show_month())
        self.table = QWidget()
        self.table.setObjectName("statsTable")
        self.grid = QGridLayout(self.table)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(32)
        self.problem = label(name="statsProblem")
        self.csv_button = button("statsCsv")
        self.csv_button.clicked.connect(self.save_csv)
        self.add(self.title, self.hint, self.month_label, self.month_box, self.table,
                 self.problem, self.csv_button, self.message)
        self.column.addStretch(1)
        self.counts: MonthCounts | None = None
        self.rows: list[ReportRow] = []
        self.month = ""  # the month shown, "2026-12"

    def store(self) -> UsageCounts:
        return self.ctx.usage()

    def refresh(self) -> None:
        self.month = ""  # this month again
        self.say("")
        self.retranslate()

    def show_month(self) -> None:
        self.month = str(self.month_box.currentData() or "")
        self.say("")
        self._fill_table()

    # --- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.look is None:
            return
        t = self.t
        self.title.setText(t("staff.stats.tab"))
        self.hint.setText(t("staff.stats.hint"))
        self.month_label.setText(t("staff.stats.month"))
        self.month_box.setAccessibleName(t("staff.stats.month"))
        self.csv_button.set_texts(t("staff.stats.csv"), t("staff.stats.csv_desc"))
        store = self.store()
        this_month = month_of(store.clock())
        months = sorted(set(store.months()) | {this_month}, reverse=True)
        self.month = self.month if self.month in months else this_month
        self.month_box.blockSignals(True)
        self.month_box.clear()
        for month in months:
            year, number = month.split("-")
            name = t("staff.stats.month_item", year=year, month=int(number))
            if month == this_month:
                name = t("staff.stats.this_month", name=name)
            self.month_box.addItem(name, month)
        self.month_box.setCurrentIndex(months.index(self.month))
        self.month_box.blockSignals(False)
        self._fill_table()

    def _fill_table(self) -> None:
        store = self.store()
        self.counts = store.month(self.month)
        titles = {card.id: self.in_script(card.title) for card in current_cards(self.ctx)}
        self.rows = report_rows(self.counts, titles)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        for number, row in enumerate(self.rows):
            name = self._row_name(row)
            count = label(str(row.count), name="statsCount")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cell = label(name, name="statsItem")
            if not row.card or row.card == TOTAL_ROW:
                cell.setProperty("staffBold", True)
            self.grid.addWidget(cell, number, 0)
            self.grid.addWidget(count, number, 1)
        self.grid.setColumnStretch(2, 1)
        self.restyle(self.table)
        self.problem.setText(self.look_convert(store.problem))
        self.problem.setVisible(bool(store.problem))

    def _row_name(self, row: ReportRow) -> str:
        item = self.look_convert(row.item)
        if not row.card:
            return item
        if row.card == TOTAL_ROW:
            return self.t("staff.stats.total", item=item)
        return self.t("staff.stats.card_row", card=row.card)

    def look_convert(self, text: str) -> str:
        return self.look.convert(text) if self.look is not None else text

    # --- the report file ---------------------------------------------------------------------
    def choose_csv_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        stem = self.t("staff.stats.file_name", month=self.month)
        suggested = str(Path(folder or Path.home()) / f"{stem}.csv")
        path, _filter = QFileDialog.getSaveFileName(self, self.t("staff.stats.save_title"),
                                                    suggested, "CSV (*.csv)")
        if path and not path.lower().endswith(".csv"):
            path += ".csv"
        return path

    def save_csv(self) -> None:
        if self.counts is None:
            return
        path = self.choose_csv_path()
        if not path:
            return
        rows = [ReportRow(self.look_convert(row.item), self.look_convert(row.card), row.count)
                for row in self.rows]
        header = [self.look_convert(name) for name in CSV_HEADER]
        try:
            write_report_csv(Path(path), report_csv(self.counts, rows, header))
        except OSError as exc:
            self.say(self.t("staff.stats.csv_failed", path=path,
                            reason=self.look_convert(plain_os_error(exc))))
            return
        self.say(self.t("staff.stats.saved", path=path))
