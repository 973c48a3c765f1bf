"""Building blocks of the staff panels: the panel base class, labels and buttons.

Staff read more per screen than residents, so the staff area uses STAFF_PT (still the
program's smallest reading size, MIN_TEXT_PT) instead of the toolbar's 22 pt, and plain
QLabels. Every text is a key of reader.core.strings, drawn again on every look change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reader.core.article import Script
from reader.core.look import Look
from reader.core.typography import MIN_TARGET_PX, MIN_TEXT_PT
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.text_block import TextBlock

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext

STAFF_PT = MIN_TEXT_PT


def staff_font(look: Look, bold: bool = False, extra_pt: int = 0) -> QFont:
    font = QFont(look.family)
    font.setPointSize(STAFF_PT + extra_pt)
    font.setBold(bold)
    return font


def set_fonts(root: QWidget, look: Look) -> None:
    """The staff font on `root` and everything in it (headings keep theirs: bold, larger)."""
    plain = staff_font(look)
    bold = staff_font(look, bold=True)
    heading = staff_font(look, bold=True, extra_pt=4)
    for widget in (root, *root.findChildren(QWidget)):
        if isinstance(widget, TextBlock):
            continue
        widget.setFont(heading if widget.property("staffHeading") else
                       bold if widget.property("staffBold") else plain)


def field_style(look: Look) -> str:
    """Style sheet for the staff area's text fields and lists (the program's own style
    sheet has none: residents never type). Set on the staff pages only."""
    t = look.theme
    return f"""
QLineEdit, QComboBox {{ background-color: {t.tile}; color: {t.tile_text};
  border: 3px solid {t.rule}; border-radius: 6px; padding: 4px 8px; }}
QLineEdit:focus, QComboBox:focus {{ border: 5px solid {t.focus}; padding: 2px 6px; }}
QComboBox QAbstractItemView {{ background-color: {t.tile}; color: {t.tile_text};
  selection-background-color: {t.pressed}; selection-color: {t.pressed_text}; }}
QFrame#staffRow {{ border: 2px solid {t.rule}; border-radius: 8px; }}
"""


def data_in_script(text: str, script: Script) -> str:
    from reader.core.script import convert  # OpenCC, loaded when first needed

    return convert(text, script)


def label(text: str = "", name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # file names and article text are data
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if name:
        widget.setObjectName(name)
    return widget


def heading(text: str = "") -> QLabel:
    widget = label(text)
    widget.setProperty("staffHeading", True)
    return widget


def button(name: str) -> BigButton:
    widget = BigButton()
    widget.setObjectName(name)
    return widget


class StillComboBox(QComboBox):
    """A choice list that the mouse wheel never changes: the wheel scrolls the page
    under it, as a staff member scrolling down the settings expects (a plain
    QComboBox takes the wheel and changes the font size or the idle time as it passes).
    It changes only when pressed and chosen from, or from the keyboard when focused."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no focus from the wheel either

    def wheelEvent(self, event: QWheelEvent) -> None:
        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()
            return
        # Handed to the page's scroll area directly: Qt passes an ignored wheel event on
        # to the parents only when it came from the system, not when a program sent it.
        QApplication.sendEvent(area.viewport(), event)
        event.accept()


def combo(name: str) -> QComboBox:
    widget = StillComboBox()
    widget.setObjectName(name)
    widget.setMinimumHeight(MIN_TARGET_PX)
    widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return widget


class Panel(QWidget):
    """One section of the staff area. Subclasses build their widgets in __init__ and
    put texts in `retranslate`; `refresh` re-reads what they show (called when the
    panel is opened)."""

    key = "panel"  # "staff.<key>.tab" is the section's button label

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"staff.{self.key}")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 8, 0, 24)
        self.column.setSpacing(12)
        self.look: Look | None = None
        self.message = label(name=f"staff.{self.key}.message")
        self.message.hide()

    def t(self, key: str, **fields: object) -> str:
        look = self.look or self.ctx.look()
        return look.t(key, **fields)

    def apply_look(self, look: Look) -> None:
        self.look = look
        self.retranslate()
        set_fonts(self, look)

    def in_script(self, text: str) -> str:
        """Text from the data (an article title, written in either script) in the
        interface's script, so a list never mixes 简体 and 繁體."""
        return data_in_script(text, (self.look or self.ctx.look()).script)

    def retranslate(self) -> None:
        """Put every text in the current script."""

    def refresh(self) -> None:
        """Read again what the panel shows (files may have changed)."""

    def add(self, *widgets: QWidget) -> None:
        """Add to the panel's column; buttons and lists keep their own width (a button
        as wide as the screen reads as a bar, not as something to press)."""
        for widget in widgets:
            if isinstance(widget, BigButton | QComboBox):
                self.column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                self.column.addWidget(widget)

    def say(self, text: str) -> None:
        """A message under the panel's controls (already in the reader's script)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def restyle(self, widget: QWidget) -> None:
        """Fonts for widgets made after apply_look (rows of a list)."""
        if self.look is not None:
            set_fonts(widget, self.look)
