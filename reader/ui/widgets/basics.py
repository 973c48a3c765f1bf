"""Small building blocks shared by the pages: the big button, a wrapping row layout, and
scroll areas whose viewport comes from Python."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLayout,
    QLayoutItem,
    QPushButton,
    QWidget,
    QWidgetItem,
)

from reader.core.click_gate import ClickGate
from reader.core.typography import MIN_TARGET_PX


def give_own_viewport(area: QAbstractScrollArea) -> None:
    """Replace the viewport Qt made in C++ with one made here, set up the same way.

    The first time Python is handed a widget that C++ made, PySide6 looks through every
    widget class it has (and builds their enums) to find its type: measured 15–20 ms,
    once, which would otherwise land in start-up (viewport() is called before the
    first picture). A viewport made from Python already has its type.
    """
    viewport = QWidget()
    viewport.setBackgroundRole(QPalette.ColorRole.Base)  # as Qt sets up its own
    viewport.setAutoFillBackground(True)
    area.setViewport(viewport)


class BigButton(QPushButton):
    """A button for shaky hands and unsure clicks.

    At least 64 × 64 px; Enter and Return press it as well as Space; a burst of clicks
    (double, triple, or an impatient second press) acts once (reader.core.click_gate).
    Use `set_texts` so the label, accessible name, description and tooltip stay in step.
    Connect to `clicked` as usual: the extra clicks of a burst never reach it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = ClickGate()
        self.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(False)

    def set_texts(self, label: str, description: str, name: str = "") -> None:
        """`label` shows on the button; `name` (default: the label) is what a screen
        reader announces; `description` is the tooltip and the accessible description."""
        self.setText(label)
        self.setAccessibleName(name or label)
        self.setAccessibleDescription(description)
        self.setToolTip(description)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.gate.allow():
            event.accept()  # part of a burst: swallow it (its release then does nothing)
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mousePressEvent(event)  # Qt's double-click is a second press

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            event.ignore()  # let the window scroll the page (Left/Right move between buttons)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if event.isAutoRepeat() or not self.gate.allow():
                event.accept()
                return
            if key != Qt.Key.Key_Space:
                event.accept()
                self.click()
                return
        super().keyPressEvent(event)


class FlowLayout(QLayout):
    """Lays widgets left to right and wraps to a new row when the width runs out, so a
    toolbar or a row of card buttons never pushes a button off the window at 1024 px."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._groups: list[list[QWidget]] = []  # see keep_together
        self.setContentsMargins(0, 0, 0, 0)

    def keep_together(self, widgets: list[QWidget]) -> None:
        """Start a new row before `widgets` rather than split them, when they fit on
        one row (the read-aloud controls stay side by side)."""
        self._groups.append(list(widgets))
        self.invalidate()

    def _run_width(self, item: QLayoutItem) -> int:
        """Width of the whole group when `item` is a group's first shown widget, else 0
        (then the item's own width decides)."""
        widget = item.widget()
        for group in self._groups:
            shown = [w for w in group if not w.isHidden()]
            if shown and shown[0] is widget:
                hints = [w.sizeHint().expandedTo(w.minimumSize()).width() for w in shown]
                return sum(hints) + self._gap * (len(hints) - 1)
        return 0

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insert_widget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def widgets(self) -> list[QWidget]:
        return [w for item in self._items if (w := item.widget()) is not None]

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint().expandedTo(item.minimumSize())
            run = min(self._run_width(item), area.width())
            if x > area.x() and x + max(run, hint.width()) > area.right() + 1:
                x, y = area.x(), y + row_height + self._gap
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()

