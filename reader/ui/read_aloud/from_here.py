"""Where the reading is on the page: the 从这里读 button, and keeping the sentence
being read in the middle of the view.

The 从这里读 button opens right under the paragraph the reader chose, so the
link between the two is plain to see, and pushes nothing above it out of place.

Chosen by a click on the paragraph, or from the keyboard with Enter on the article
view, which chooses the first block whose text starts on screen (the paragraphs
themselves take no focus: a Tab stop per paragraph would make the page very long to
walk). The button lives in the view's column, so Tab reaches it in screen order.
"""

from __future__ import annotations

from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QBoxLayout

from reader.core.look import Look
from reader.ui.read_aloud.plan import Planned
from reader.ui.reading.article_view import ArticleView
from reader.ui.widgets.basics import BigButton


class FromHere(QObject):
    chosen = Signal(str)  # Enter on the view chose this block
    read_from = Signal(str)  # the button was pressed for this block

    def __init__(self, view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._button: BigButton | None = None
        self._block: str | None = None
        view.installEventFilter(self)

    @property
    def block(self) -> str | None:
        """The block the button is showing under, if it is shown."""
        return self._block if self._alive() else None

    def show_under(self, block_id: str, look: Look) -> None:
        block = self._view.block_widget(block_id)
        content = self._view.widget()
        column = content.layout() if content is not None else None
        if block is None or not isinstance(column, QBoxLayout):
            return
        if not self._alive():
            self._button = BigButton()
            self._button.setObjectName("readAloud.fromHere")
            self._button.clicked.connect(self._pressed)
        button = cast(BigButton, self._button)
        column.removeWidget(button)
        column.insertWidget(column.indexOf(block) + 1, button, 0, Qt.AlignmentFlag.AlignLeft)
        self._block = block_id
        self.relabel(look)
        button.show()
        self._view.focus_chain_changed.emit()

    def hide(self) -> None:
        if self._alive():
            button = cast(BigButton, self._button)
            content = self._view.widget()
            column = content.layout() if content is not None else None
            if column is not None:
                column.removeWidget(button)
            if button.hasFocus():  # pressed from the keyboard: arrows scroll on
                self._view.setFocus(Qt.FocusReason.OtherFocusReason)
            button.hide()
            button.deleteLater()
            self._view.focus_chain_changed.emit()
        self._button = None
        self._block = None

    def forget(self) -> None:
        """A new article: the view has deleted the button with the old widgets."""
        self._button = None
        self._block = None

    def focus(self) -> None:
        if self._alive():
            cast(BigButton, self._button).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def relabel(self, look: Look) -> None:
        if self._alive():
            cast(BigButton, self._button).set_texts(look.t("speech.read_here"),
                                                    look.t("speech.read_here_desc"))

    def top_block(self) -> str | None:
        """The first block whose text starts on screen (where the eye starts reading);
        the one at the top when none does (a paragraph taller than the view)."""
        top = self._view.verticalScrollBar().value()
        for widget in self._view.text_blocks():
            style = widget.style_()
            if widget.y() + (style.gap_px if style else 0) >= top:
                return widget.block_id
        return self._view.top_block_id()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                block_id = self.top_block()
                if block_id:
                    self.chosen.emit(block_id)
                return True
        return super().eventFilter(watched, event)

    def _alive(self) -> bool:
        return self._button is not None and shiboken6.isValid(self._button)

    def _pressed(self) -> None:
        if self._block is not None:
            self.read_from.emit(self._block)


def keep_in_middle(view: ArticleView, sentence: Planned, position: int | None = None) -> None:
    """Scroll so the sentence's lines are centred in the view. A sentence taller
    than the view puts the line being said (`position`, else its first line) one
    line below the top edge instead."""
    block = view.block_widget(sentence.block_id)
    style = block.style_() if block is not None else None
    if block is None or style is None:
        return
    for _ in range(3):  # lay out now, as the view does before it scrolls
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    top = block.line_top(sentence.start)
    bottom = block.line_top(max(sentence.start, sentence.end - 1)) + style.line_px
    height = view.viewport().height()
    if bottom - top <= height - 2 * style.line_px:
        value = block.y() + (top + bottom) // 2 - height // 2
    else:
        line = block.line_top(position) if position is not None else top
        value = block.y() + line - style.line_px
    view.verticalScrollBar().setValue(value)
