"""The preview's pages: one under the other, as wide as the view at 100 %, zoomable,
with 第 x 页，共 y 页 following the page in view.

At the default zoom a page fills the view's width, so an 18 pt card line is about as
large on screen as on paper at 1024×600; 缩小 shows a whole page at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from reader.ui.printing import output
from reader.ui.printing.layout import Page, Paper, page_text

ZOOMS = (0.4, 0.6, 0.8, 1.0, 1.5, 2.0)  # × the view's width
DEFAULT_ZOOM = ZOOMS.index(1.0)
MARGIN = 16


class PageStrip(QScrollArea):
    page_in_view = Signal(int, int)  # 1-based page number, pages

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPageStrip")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.box = QWidget()
        self.box.setObjectName("printPages")
        self.box.setStyleSheet("#printPages { background-color: #808080; }")
        self.column = QVBoxLayout(self.box)
        self.column.setSpacing(24)
        self.column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.box)
        self.labels: list[QLabel] = []
        self.zoom_index = DEFAULT_ZOOM
        self.rendered_width = 0
        self._pages: Sequence[Page] = ()
        self._paper: Paper | None = None
        self._names: list[str] = []
        self.verticalScrollBar().valueChanged.connect(self._report_page)

    @property
    def zoom(self) -> float:
        return ZOOMS[self.zoom_index]

    def page_width(self) -> int:
        # room for the vertical scroll bar even before it shows: no sideways scrolling at 100 %
        free = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        return max(200, round((free - 2 * MARGIN) * self.zoom))

    def show_pages(self, pages: Sequence[Page], paper: Paper, names: list[str]) -> None:
        """`names`: each page's accessible name (第 n 页预览)."""
        self._pages, self._paper, self._names = pages, paper, names
        self.draw_pages()

    def draw_pages(self) -> None:
        if self._paper is None:
            return
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        ratio = self.devicePixelRatioF() or 1.0
        width = self.page_width()
        self.rendered_width = width
        self.labels = []
        images = output.page_images(self._pages, self._paper, round(width * ratio))
        for n, image in enumerate(images):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.deviceIndependentSize().toSize())
            label.setAccessibleName(self._names[n])
            label.setAccessibleDescription(page_text(self._pages[n], self._paper))
            self.column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self._report_page()

    def set_zoom(self, index: int) -> None:
        index = max(0, min(len(ZOOMS) - 1, index))
        if index == self.zoom_index:
            return
        bar = self.verticalScrollBar()
        share = bar.value() / max(1, bar.maximum())  # keep the same part of the pages in view
        self.zoom_index = index
        self.draw_pages()
        self.box.adjustSize()
        bar.setValue(round(share * bar.maximum()))

    def current_page(self) -> int:
        """The page whose area covers the middle of the view (1-based; 0 with no pages)."""
        if not self.labels:
            return 0
        middle = self.verticalScrollBar().value() + self.viewport().height() // 2
        for n, label in enumerate(self.labels, start=1):
            if label.geometry().bottom() + self.column.spacing() >= middle:
                return n
        return len(self.labels)

    def _report_page(self) -> None:
        self.page_in_view.emit(self.current_page(), len(self.labels))
