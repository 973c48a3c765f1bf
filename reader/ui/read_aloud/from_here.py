"""Where the reading is on the page: the 从这里读 button, and keeping the sentence
being read in the middle of the view.

A click on a paragraph marks it and puts 从这里读 (read on from here to the end) and
朗读这一段 (read just this part) right beside it, under it when that is on screen, else
above it, so the buttons never open out of sight and the paragraph does not move.

Chosen by a click on the paragraph, or from the keyboard with Enter on the article
view, which chooses the first block whose text starts on screen (the paragraphs
themselves take no focus: a Tab stop per paragraph would make the page very long to
walk). The buttons live in the view's column, so Tab reaches them in screen order.
"""

from __future__ import annotations

from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QBoxLayout, QWidget

from reader.core.look import Look
from reader.ui.read_aloud.plan import Planned
from reader.ui.widgets.article_view import ArticleView, ButtonRow
from reader.ui.widgets.basics import BigButton


class FromHere(QObject):
    chosen = Signal(str)  # Enter on the view chose this block
    read_from = Signal(str)  # 从这里读 was pressed for this block
    read_part = Signal(str)  # 朗读这一段 was pressed for this block

    def __init__(self, view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._row: QWidget | None = None
        self._button: BigButton | None = None  # 从这里读
        self._part_button: BigButton | None = None  # 朗读这一段
        self._block: str | None = None
        view.installEventFilter(self)

    @property
    def block(self) -> str | None:
        """The block the buttons are showing beside, if they are shown."""
        return self._block if self._alive() else None

    @property
    def buttons(self) -> list[BigButton]:
        return [b for b in (self._button, self._part_button) if b is not None] \
            if self._alive() else []

    def show_under(self, block_id: str, look: Look) -> None:
        """Mark the chosen paragraph and put 从这里读 / 朗读这一段 right beside it, in
        view: under it when there is room on screen, else just above it (a long
        paragraph, or one at the bottom edge), with the paragraph kept where it was."""
        block = self._view.block_widget(block_id)
        content = self._view.widget()
        column = content.layout() if content is not None else None
        if block is None or not isinstance(column, QBoxLayout):
            return
        self._unmark()
        if not self._alive():
            self._make_row()
        row = cast(QWidget, self._row)
        column.removeWidget(row)
        for _ in range(3):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bar = self._view.verticalScrollBar()
        row_height = row.sizeHint().height()
        room_below = block.y() + block.height() + row_height <= bar.value() + \
            self._view.viewport().height()
        place = column.indexOf(block) + (1 if room_below else 0)
        column.insertWidget(place, row)  # full width: the row's buttons wrap, not clip
        self._block = block_id
        block.setProperty("chosen", True)
        block.style().unpolish(block)
        block.style().polish(block)
        self.relabel(look)
        row.show()
        self._part_button_visible()
        for _ in range(3):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if not room_below:
            bar.setValue(bar.value() + row.height())  # the paragraph stays put
            self._view.ensureWidgetVisible(row, 0, 8)
        self._view.focus_chain_changed.emit()

    def _make_row(self) -> None:
        # in the view's column from the start: shown without a parent, the row would be a
        # window of its own for a moment and take the keyboard focus from the window
        row = ButtonRow(self._view.widget())  # the view's Tab order walks its buttons
        row.setObjectName("readAloud.fromHereRow")
        row.flow.setContentsMargins(0, 8, 0, 8)
        self._row = row
        self._button = BigButton()
        self._button.setObjectName("readAloud.fromHere")
        self._button.clicked.connect(self._pressed)
        self._part_button = BigButton()
        self._part_button.setObjectName("readAloud.readPart")
        self._part_button.clicked.connect(self._part_pressed)
        row.add_button(self._button)
        row.add_button(self._part_button)

    def _part_button_visible(self) -> None:
        """朗读这一段 only for paragraphs (a title or heading has 朗读全文 / its own)."""
        article = self._view.article
        block = article.block(self._block) if article and self._block else None
        if self._part_button is not None:
            self._part_button.setVisible(block is not None and block.kind == "paragraph")

    def hide(self) -> None:
        self._unmark()
        if self._alive():
            row = cast(QWidget, self._row)
            content = self._view.widget()
            column = content.layout() if content is not None else None
            if column is not None:
                column.removeWidget(row)
            if any(b.hasFocus() for b in self.buttons):  # pressed from the keyboard
                self._view.setFocus(Qt.FocusReason.OtherFocusReason)
            row.hide()
            row.deleteLater()
            self._view.focus_chain_changed.emit()
        self._row = self._button = self._part_button = None
        self._block = None

    def _unmark(self) -> None:
        if self._block is None:
            return
        block = self._view.block_widget(self._block)
        if block is not None and shiboken6.isValid(block):
            block.setProperty("chosen", False)
            block.style().unpolish(block)
            block.style().polish(block)

    def forget(self) -> None:
        """A new article: the view has deleted the buttons with the old widgets."""
        self._row = self._button = self._part_button = None
        self._block = None

    def focus(self) -> None:
        if self._alive():
            cast(BigButton, self._button).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def relabel(self, look: Look) -> None:
        if self._alive():
            cast(BigButton, self._button).set_texts(look.t("speech.read_here"),
                                                    look.t("speech.read_here_desc"))
            cast(BigButton, self._part_button).set_texts(look.t("speech.read_section"),
                                                         look.t("speech.read_part_desc"))

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
        return self._row is not None and shiboken6.isValid(self._row)

    def _pressed(self) -> None:
        if self._block is not None:
            self.read_from.emit(self._block)

    def _part_pressed(self) -> None:
        if self._block is not None:
            self.read_part.emit(self._block)


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
