"""The print preview: the card's pages as they will come out, and big 打印 / 保存为PDF / 返回.

The pages are painted by the same code that paints the printer and the PDF
(reader.ui.printing.layout.paint_page), so what staff see here is what prints. Staff can
choose the printer and A4 / A5; residents only need the one big 打印 button.

    preview = PrintPreview(card, script="simplified", local_info=info, parent=window)
    preview.printed.connect(...)   # printer name
    preview.saved.connect(...)     # PDF path
    preview.exec()                 # 返回 / Esc closes it (rejected)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reader.core.article import Script
from reader.core.cards import Card
from reader.core.errors import ReaderError
from reader.core.local_info import LocalInfo
from reader.core.strings import convert_text, text
from reader.core.typography import MIN_TARGET_PX, UI_LABEL_PT
from reader.ui.printing import output as printing
from reader.ui.printing.jobs import MANY_PAGES, PrintJob, card_job, sheets_for
from reader.ui.printing.layout import PAPERS
from reader.ui.printing.page_strip import PageStrip
from reader.ui.shell import fonts
from reader.ui.widgets.basics import BigButton


def ask_pdf_path(parent: QWidget, title: str, stem: str) -> str:
    """The system's save dialog for a PDF, in the Documents folder; "" when cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder or Path.home()) / f"{stem}.pdf")
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


class PrintPreview(QDialog):
    printed = Signal(str)  # the printer's name, after the job was handed to it
    saved = Signal(str)  # the PDF's path
    failed = Signal(str)  # the plain message shown

    def __init__(self, card: Card | None = None, *, script: Script = "simplified",
                 local_info: LocalInfo | None = None, paper: str = "A4",
                 printer_name: str | None = None, job: PrintJob | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        if job is None:
            if card is None:
                raise ValueError("PrintPreview needs a card or a job")
            job = card_job(card, script, local_info)
        self.job, self.script, self.card = job, script, card  # card: None for an article
        self.local_info = local_info
        self.only_printer: str | None = None  # community mode: staff's printer or nothing
        self.paper = paper if paper in PAPERS else "A4"
        self.setObjectName("printPreview")
        self.setWindowTitle(self.t("window", title=job.title))
        self.setAccessibleName(self.t("window", title=job.title))
        self._ui_font = QFont(fonts.family_for(script))
        self._ui_font.setPointSize(UI_LABEL_PT)
        self.setFont(self._ui_font)
        self._build(printer_name)
        self._fit_screen()
        self.render_pages()

    def _title(self) -> str:
        return self.job.title

    def t(self, key: str, **fields: object) -> str:
        return text(f"print.preview.{key}", self.script, **fields)

    def _fit_screen(self) -> None:
        """1000×800 where there is room, else the screen's free area (taskbar excluded)."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or self.screen() \
            or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        frame = 40  # the window manager's title bar
        self.resize(min(1000, room.width()), min(800, room.height() - frame))

    # ---- building ------------------------------------------------------------------------

    def _build(self, printer_name: str | None) -> None:
        self._rendered_width = 0
        self._page_in_view = 1
        self.print_button = self._button("print", "printButton")
        bold = QFont(self._ui_font)
        bold.setBold(True)
        self.print_button.setFont(bold)
        self.pdf_button = self._button("pdf", "pdfButton")
        self.back_button = self._button("back", "backButton")
        self.zoom_in_button = self._button("zoom_in", "zoomInButton")
        self.zoom_out_button = self._button("zoom_out", "zoomOutButton")
        for button in (self.zoom_in_button, self.zoom_out_button):
            button.setMinimumSize(MIN_TARGET_PX * 2, MIN_TARGET_PX)
        self.print_button.clicked.connect(self.print_now)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.back_button.clicked.connect(self.reject)
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1))

        self.paper_box = self._combo("paper", "paperChoice")
        for name in PAPERS:  # the paper's name is the item's data; its text may say more
            self.paper_box.addItem(self._paper_label(name), name)
        self.paper_box.setCurrentIndex(self.paper_box.findData(self.paper))
        self.paper_box.currentIndexChanged.connect(
            lambda _index: self._paper_changed(self.paper_box.currentData()))

        self.printer_box = self._combo("printer", "printerChoice")
        self.printers = printing.available_printers()
        if self.printers:
            self.printer_box.addItems(self.printers)
            chosen = printer_name if printer_name in self.printers else (
                printing.default_printer() or self.printers[0])  # fmt: skip
            self.printer_box.setCurrentText(chosen)
        else:
            self.printer_box.addItem(self.t("no_printer_item"))
            self.printer_box.setEnabled(False)
        self.printer_box.currentTextChanged.connect(lambda _name: self._show_page_number(
            self._page_in_view, len(self.pages)))

        # the page count above the pages; what happened right above the buttons
        self.page_count = QLabel()
        self.page_count.setObjectName("printPageCount")
        self.page_count.setFont(bold)
        self.message = QLabel()
        self.message.setObjectName("printMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.t("window", title=""))
        self.message.setFont(bold)
        self.message.setStyleSheet("#printMessage { background-color: #fff3c4; color: #000000;"
                                   " border: 2px solid #000000; padding: 6px; }")
        self.message.hide()

        self.strip = PageStrip()
        self.strip.setAccessibleName(self.t("window", title=self._title()))
        self.strip.page_in_view.connect(self._show_page_number)
        self.page_scroll = self.strip  # (what tests and the kiosk knew it as)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self.strip.draw_pages)

        choices = QHBoxLayout()
        for key, combo in (("paper", self.paper_box), ("printer", self.printer_box)):
            label = QLabel(self.t(key))
            label.setFont(self._ui_font)
            label.setBuddy(combo)
            choices.addWidget(label)
            choices.addWidget(combo, 1 if key == "printer" else 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button, 2)
        buttons.addWidget(self.pdf_button, 2)
        buttons.addWidget(self.back_button, 1)
        buttons.addSpacing(16)
        buttons.addWidget(self.zoom_in_button, 1)
        buttons.addWidget(self.zoom_out_button, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.page_count)
        layout.addWidget(self.strip, 1)
        layout.addWidget(self.message)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        self.print_button.setFocus()

    def _button(self, key: str, name: str) -> BigButton:
        button = BigButton(self)
        button.setObjectName(name)
        button.set_texts(self.t(key), self.t(f"{key}_desc"))
        button.setFont(self._ui_font)
        button.setMinimumSize(max(MIN_TARGET_PX, 120), MIN_TARGET_PX)
        return button

    def _combo(self, key: str, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setFont(self._ui_font)
        combo.setMinimumHeight(MIN_TARGET_PX)
        combo.setAccessibleName(self.t(key))
        combo.setAccessibleDescription(self.t(f"{key}_desc"))
        combo.setToolTip(self.t(f"{key}_desc"))
        return combo

    # ---- pages -----------------------------------------------------------------------------

    @property
    def page_labels(self) -> list[QLabel]:
        return self.strip.labels

    def render_pages(self) -> None:
        """Lay the job out for the chosen paper and show its pages."""
        self.sheet, self.pages = self.job.lay_out(self.paper)
        names = [self.t("page_name", n=n) for n in range(1, len(self.pages) + 1)]
        self.strip.show_pages(self.pages, self.sheet, names)
        self._rendered_width = self.strip.rendered_width
        self.show_message("")
        if self.job.kind == "card" and len(self.pages) > self.sheet.sheet_pages:
            self.show_message(self.t("too_long", n=len(self.pages)))
        elif self.job.kind == "card" and self.pages and self.pages[0].left_out:
            self.show_message(self.t("notes_off", what=self.pages[0].left_out))

    def _paper_label(self, name: str) -> str:
        """"A5（正反两面）" where the job's A5 pages are the front and back of one sheet."""
        sheet = PAPERS[name]
        if sheet.sheet_pages < 2:
            return name
        if self.job.kind == "card" and len(self.job.lay_out(name)[1]) < 2:
            return name  # a card that fits one side
        return self.t("paper_both_sides", paper=name)

    def two_sided(self) -> bool:
        """The pages go on both sides of the paper (A5, more than one page)."""
        return self.sheet.sheet_pages > 1 and len(self.pages) > 1

    def printer_prints_both_sides(self) -> bool:
        """Whether the chosen printer turns the paper itself (without a printer: a PDF,
        which whoever prints it is told to print on both sides)."""
        if not self.printers:
            return True
        return printing.prints_both_sides(self.printer_box.currentText())

    def sheets(self) -> int:
        if self.two_sided() and not self.printer_prints_both_sides():
            return len(self.pages)
        return sheets_for(len(self.pages), self.sheet)

    def _show_page_number(self, page: int, total: int) -> None:
        self._page_in_view = max(page, 1)
        key = "page_of"
        if self.two_sided():
            key = "page_of_both_sides" if self.printer_prints_both_sides() else "page_of_one_side"
        self.page_count.setText(self.t(key, n=self._page_in_view, total=total,
                                       sheets=self.sheets()))  # fmt: skip

    def zoom_by(self, step: int) -> None:
        self.strip.set_zoom(self.strip.zoom_index + step)
        self._rendered_width = self.strip.rendered_width

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if abs(self.strip.page_width() - self._rendered_width) > 8:
            self.strip.draw_pages()  # sized for the screen since it was made: at once
            self._rendered_width = self.strip.rendered_width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if abs(self.strip.page_width() - self._rendered_width) > 8:
            self._resize_timer.start()  # once the window stops changing size

    def _paper_changed(self, paper: str) -> None:
        self.paper = paper
        self.render_pages()

    # ---- actions ---------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _fail(self, error: ReaderError) -> None:
        message = error.message
        if self.pdf_button.isVisibleTo(self):
            self.pdf_button.setFocus()  # the way out that always works
        else:  # the residents' preview (community mode) has no PDF: staff can help
            if isinstance(error, printing.PrintingError):
                message = error.for_residents
            self.back_button.setFocus()
        self.show_message(convert_text(message, self.script))
        self.failed.emit(message)

    def for_residents(self, printer: str) -> None:
        """Community mode: only 打印 and 返回, and the job goes only to `printer`, the
        staff's choice ("" = none). Without one (or when it is gone) 打印 tells the
        resident to ask staff: the program never picks a printer by itself."""
        self.only_printer = printer
        if printer in self.printers:
            self.printer_box.setCurrentText(printer)
        self.pdf_button.hide()
        self.printer_box.hide()
        for label in self.findChildren(QLabel):
            if label.buddy() is self.printer_box:
                label.hide()

    def confirm_many(self, pages: int, sheets: int) -> bool:
        """Asked before printing more than MANY_PAGES pages (tests replace it)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.t("many_title"),
                          self.t("many", n=pages, sheets=sheets), parent=self)  # fmt: skip
        box.setFont(self._ui_font)
        yes = box.addButton(self.t("many_yes"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.t("many_no"), QMessageBox.ButtonRole.RejectRole)
        for button in (yes, no):
            button.setMinimumSize(MIN_TARGET_PX * 2, MIN_TARGET_PX)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def print_now(self) -> None:
        name = self.printer_box.currentText()
        if self.only_printer is not None:
            if not self.only_printer or self.only_printer not in self.printers:
                # never a printer picked by the program
                self._fail(printing.PrintingError("print.preview.ask_staff"))
                return
            name = self.only_printer
        if not self.printers:
            self._fail(printing.PrintingError("print.error.no_printer"))
            return
        if len(self.pages) > MANY_PAGES and not self.confirm_many(len(self.pages),
                                                                   self.sheets()):  # fmt: skip
            self.show_message(self.t("not_printed"))
            return
        self.show_message(self.t("printing"))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            sheet, pages = self.job.lay_out(self.paper)
            name = printing.print_pages(pages, sheet, printer_name=name, title=self.job.title)
        except ReaderError as exc:
            self._fail(exc)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.show_message(self.t("printed", name=name))
        self.printed.emit(name)

    def choose_pdf_path(self) -> str:
        """Ask where to save (a method, so tests and the kiosk mode can replace it)."""
        return ask_pdf_path(self, self.t("save_title"), self._title())

    def save_pdf(self) -> None:
        path = self.choose_pdf_path()
        if not path:
            return
        try:
            self.job.write_pdf(path, self.paper)
        except ReaderError as exc:
            self._fail(exc)
            return
        self.show_message(self.t("saved", path=path))
        self.saved.emit(path)


def for_residents(window: QWidget, printer: str) -> None:
    """For community mode, given each print preview as it opens (the kiosk finds it by
    its object name): the residents' version, printing only to `printer`."""
    if isinstance(window, PrintPreview):
        window.for_residents(printer)
