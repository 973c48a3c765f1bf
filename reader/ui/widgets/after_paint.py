"""Run something right after a widget is next painted.

For start-up work that must not delay the first picture: the action runs from the event
loop once the paint (and the rest of that screen update) is done, not inside it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """Runs `action` once, just after `widget` is next painted. Watches only that one
    widget's own events, so it costs next to nothing while it waits."""

    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self._action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._action)
            self.deleteLater()
        return False
