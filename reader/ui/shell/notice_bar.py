"""A message line under the toolbar for short news ("字已经是最大的了").

Big text, high contrast, no pop-up window to close: it goes away by itself after a few
seconds, or with its 知道了 button. Messages are kept in simplified form and converted
on every look change, so a 简/繁 switch converts a message already on screen too.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from reader.core.look import Look
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.text_block import TextBlock

SHOW_SECONDS = 6


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.message = TextBlock("notice", "notice")
        self.close_button = BigButton()
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.close_button)
        self._simplified = ""
        self._look: Look | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, simplified: str, seconds: float = SHOW_SECONDS) -> None:
        """Show `simplified` (converted to the reader's script) for `seconds`."""
        self._simplified = simplified
        self._render()
        self.show()
        self._timer.start(int(seconds * 1000))

    def text(self) -> str:
        return self.message.plain_text()

    def apply_look(self, look: Look) -> None:
        self._look = look
        self.close_button.set_texts(look.t("notice.close"), look.t("notice.close_desc"))
        self._render()

    def _render(self) -> None:
        look = self._look
        if look is None:
            return
        self.message.set_content(look.convert(self._simplified),
                                 look.style(look.ui_pt, gap_px=0, bold=True))
        self.message.setAccessibleName(look.convert(self._simplified))
