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

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.core.article import Script
from reader.core.cards import Card
from reader.core.errors import ReaderError
from reader.core.local_info import LocalInfo
from reader.core.strings import convert_text
from reader.core.typography import MIN_TARGET_PX, UI_LABEL_PT
from reader.ui.printing import output as printing
from reader.ui.printing.layout import PAPERS, page_text
from reader.ui.shell import fonts
from reader.ui.widgets.basics import BigButton

# The preview's own strings, in 简体 (converted for 繁體 like every other string).
TEXT = {
    "window": "打印预览：{title}",
    "print": "打印",
    "print_desc": "把这张卡片送到打印机",
    "pdf": "保存为PDF",
    "pdf_desc": "把这张卡片存成 PDF 文件，可以拷走或以后再打印",
    "back": "返回",
    "back_desc": "不打印，回到卡片",
    "paper": "纸张",
    "paper_desc": "选纸的大小：A4 是常用的打印纸，A5 是它的一半",
    "printer": "打印机",
    "printer_desc": "选用哪一台打印机（工作人员用）",
    "no_printer_item": "（没有打印机）",
    "pages": "共 {n} 页",
    "page_name": "第 {n} 页预览",
    "printing": "正在打印……",
    "printed": "已经送到打印机“{name}”，请到打印机那里取。",
    "saved": "已经保存：{path}",
    "save_title": "保存为PDF",
}


def ask_pdf_path(parent: QWidget, title: str, stem: str) -> str:
    """The system's save dialog for a PDF, in the Documents folder; "" when cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder or Path.home()) / f"{stem}.pdf")
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


# The end of a printing error that points to 保存为PDF (reader.ui.printing.output)
_PDF_HINT = re.compile(r"(?:，请换一台)?[，；]?(?:也可以|可以|或者?)?先保存为PDF。$")


class PrintPreview(QDialog):
    printed = Signal(str)  # the printer's name, after the job was handed to it
    saved = Signal(str)  # the PDF's path
    failed = Signal(str)  # the plain message shown

    def __init__(self, card: Card, *, script: Script = "simplified",
                 local_info: LocalInfo | None = None, paper: str = "A4",
                 printer_name: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.card, self.script, self.local_info = card, script, local_info
        self.paper = paper if paper in PAPERS else "A4"
        self.setObjectName("printPreview")
        title = card.converted(script).title
        self.setWindowTitle(self.t("window", title=title))
        self.setAccessibleName(self.t("window", title=title))
        self._ui_font = QFont(fonts.family_for(script))
        self._ui_font.setPointSize(UI_LABEL_PT)
        self.setFont(self._ui_font)
        self._build(printer_name)
        self.resize(1000, 800)
        self.render_pages()

    def _title(self) -> str:
        return self.card.converted(self.script).title

    def t(self, key: str, **fields: object) -> str:
        return convert_text(TEXT[key], self.script).format(**fields)

    # ---- building ------------------------------------------------------------------------

    def _build(self, printer_name: str | None) -> None:
        self._rendered_height = 0
        self.print_button = self._button("print", "printButton")
        bold = QFont(self._ui_font)
        bold.setBold(True)
        self.print_button.setFont(bold)
        self.pdf_button = self._button("pdf", "pdfButton")
        self.back_button = self._button("back", "backButton")
        self.print_button.clicked.connect(self.print_now)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.back_button.clicked.connect(self.reject)

        self.paper_box = self._combo("paper", "paperChoice")
        self.paper_box.addItems(list(PAPERS))
        self.paper_box.setCurrentText(self.paper)
        self.paper_box.currentTextChanged.connect(self._paper_changed)

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

        self.message = QLabel()
        self.message.setObjectName("printMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.t("window", title=""))
        self.message.setFont(self._ui_font)

        # Whole pages side by side, each as tall as the view: the layout at a glance.
        self.pages_box = QWidget()
        self.pages_box.setObjectName("printPages")
        self.pages_box.setStyleSheet("#printPages { background-color: #808080; }")
        self.pages_layout = QHBoxLayout(self.pages_box)
        self.pages_layout.setSpacing(24)
        self.pages_layout.setContentsMargins(16, 16, 16, 16)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self.render_pages)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setWidget(self.pages_box)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.page_scroll.setAccessibleName(self.t("window", title=self._title()))

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

        layout = QVBoxLayout(self)
        layout.addWidget(self.page_scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        self.print_button.setFocus()

    def _button(self, key: str, name: str) -> BigButton:
        button = BigButton(self)
        button.setObjectName(name)
        button.set_texts(self.t(key), self.t(f"{key}_desc"))
        button.setFont(self._ui_font)
        button.setMinimumSize(max(MIN_TARGET_PX, 160), max(MIN_TARGET_PX, 80))
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

    def render_pages(self) -> None:
        """Lay the card out for the chosen paper and show each page as an image."""
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        sheet, self.pages = printing.card_pages(self.card, script=self.script, paper=self.paper,
                                                local_info=self.local_info)  # fmt: skip
        ratio = self.devicePixelRatioF() or 1.0
        height = max(420, self.page_scroll.viewport().height() - 40)
        width = round(height * sheet.width_pt / sheet.height_pt)
        self._rendered_height = height
        self.page_labels: list[QLabel] = []
        self.pages_layout.addStretch(1)
        for n, image in enumerate(printing.page_images(self.pages, sheet, round(width * ratio)),
                                  start=1):  # fmt: skip
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.deviceIndependentSize().toSize())
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            label.setAccessibleName(self.t("page_name", n=n))
            label.setAccessibleDescription(page_text(self.pages[n - 1], sheet))  # screen readers
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        self.pages_layout.addStretch(1)
        self.show_message(self.t("pages", n=len(self.pages)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if abs(max(420, self.page_scroll.viewport().height() - 40) - self._rendered_height) > 8:
            self._resize_timer.start()  # once the window stops changing size

    def _paper_changed(self, paper: str) -> None:
        self.paper = paper
        self.render_pages()

    # ---- actions ---------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def _fail(self, message: str) -> None:
        if self.pdf_button.isVisibleTo(self):
            self.pdf_button.setFocus()  # the way out that always works
        else:  # the residents' preview (community mode) has no PDF: staff can help
            message = _PDF_HINT.sub("。请找工作人员帮忙。", message)
            self.back_button.setFocus()
        self.show_message(convert_text(message, self.script))
        self.failed.emit(message)

    def print_now(self) -> None:
        if not self.printers:
            self._fail(printing.NO_PRINTER)
            return
        self.show_message(self.t("printing"))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            sheet, pages = printing.card_pages(self.card, script=self.script, paper=self.paper,
                                               local_info=self.local_info)  # fmt: skip
            name = printing.print_pages(pages, sheet, printer_name=self.printer_box.currentText(),
                                        title=self.card.converted(self.script).title)  # fmt: skip
        except ReaderError as exc:
            self._fail(exc.message)
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
            printing.write_card_pdf(self.card, path, script=self.script, paper=self.paper,
                                    local_info=self.local_info)  # fmt: skip
        except ReaderError as exc:
            self._fail(exc.message)
            return
        self.show_message(self.t("saved", path=path))
        self.saved.emit(path)
