"""A layer over the whole window with one message and one big button.

Used for the idle notice (我还在看) and the crash message (回到首页). It is a child
widget, not a dialog: no second window for a resident to lose behind the first, nothing
the window manager can minimise, and it covers the toolbar too, so the one button is
the only thing to press. The page underneath stays visible through a dark veil.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from reader.core.look import Look
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.text_block import TextBlock

VEIL = QColor(0, 0, 0, 150)
BUTTON_HEIGHT = 96  # well above the 64 px minimum: the one thing to press


class Cover(QWidget):
    def __init__(self, window: QWidget, name: str) -> None:
        super().__init__(window)
        self.setObjectName(name)
        self.panel = QFrame(self)
        self.panel.setObjectName(f"{name}Panel")
        self.title = TextBlock(f"{name}.title", "cover_title")
        self.detail = TextBlock(f"{name}.detail", "cover_detail")
        self.button = BigButton()
        self.button.setObjectName(f"{name}Button")
        self.button.setMinimumHeight(BUTTON_HEIGHT)
        inner = QVBoxLayout(self.panel)
        inner.setContentsMargins(40, 32, 40, 32)
        inner.setSpacing(16)
        inner.addWidget(self.title)
        inner.addWidget(self.detail)
        inner.addSpacing(8)
        inner.addWidget(self.button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel, 6)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._title_text = ""
        self._detail_text = ""
        self._look: Look | None = None
        window.installEventFilter(self)  # follow the window's size
        self.hide()

    @classmethod
    def made_for(cls, window: QWidget, name: str, pressed: Callable[[], None],
                 look: Look | None) -> Cover:
        """A cover made when first needed (not at start-up): `pressed` runs on its button."""
        cover = cls(window, name)
        cover.button.clicked.connect(pressed)
        if look is not None:
            cover.apply_look(look)
        return cover

    def set_message(self, title: str, detail: str) -> None:
        """Texts already in the reader's script."""
        self._title_text, self._detail_text = title, detail
        self._render()

    def apply_look(self, look: Look) -> None:
        self._look = look
        theme = look.theme
        # The program's button style adds 26 px of padding and border to min-height.
        self.panel.setStyleSheet(
            f"#{self.panel.objectName()} {{ background-color: {theme.background};"
            f" border: 4px solid {theme.rule}; border-radius: 16px; }}"
            f" QPushButton {{ min-height: {BUTTON_HEIGHT - 26}px; }}"
        )
        font = QFont(look.family)
        font.setPointSize(max(look.ui_pt, 28))
        font.setBold(True)
        self.button.setFont(font)
        self._render()

    def _render(self) -> None:
        look = self._look
        if look is None:
            return
        # Big, but never so big that the button leaves a 1024 × 600 screen.
        title_pt = min(max(look.sizes.heading, 30), 40)
        detail_pt = min(max(look.body_pt, 22), 30)
        self.title.set_content(self._title_text,
                               look.style(title_pt, gap_px=0, bold=True, heading=True))
        self.detail.set_content(self._detail_text, look.style(detail_pt, gap_px=0))
        self.detail.setVisible(bool(self._detail_text))
        self.setAccessibleName(self._title_text)
        self.setAccessibleDescription(self._detail_text)

    def cover(self) -> None:
        """Show over everything, with the keyboard focus on the button."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.button.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent \
                and self.isVisible():
            self.setGeometry(parent.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), VEIL)
        painter.end()
