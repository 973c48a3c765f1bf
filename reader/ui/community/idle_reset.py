"""The Qt side of the idle reset (the logic is reader.core.idle.IdleWatch).

An application-wide event filter tells the watch about every press, key, wheel turn,
touch and real mouse movement; a one-second timer asks it what to do. "warn" shows a
gentle notice over the window with a countdown and one big 我还在看 button; any input
takes it away; "reset" calls the reset given (see reader.ui.community.feature).

The clock is a parameter and `tick()` is public, so tests drive it with a fake clock.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.idle import IdleWatch
from reader.core.look import Look

if TYPE_CHECKING:
    from reader.ui.widgets.cover import Cover

TICK_MS = 1000
MOVE_PX = 12  # a mouse nudged by a bump on the desk is not someone reading
_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})


class IdleReset(QObject):
    def __init__(self, window: QWidget, reset: Callable[[], None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.reset = reset
        self.clock = clock
        self.watch = IdleWatch(last_input=clock())
        self._notice: Cover | None = None
        self._look: Look | None = None
        self._last_move = QPointF(-1e6, -1e6)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self.running = False

    # --- control --------------------------------------------------------------------------
    def start(self, timeout_seconds: float) -> None:
        self.watch.timeout = timeout_seconds
        self.watch.input(self.clock())
        if not self.running:
            self.running = True
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._timer.start()

    def stop(self) -> None:
        if self.running:
            self.running = False
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._timer.stop()
        self.hide_notice()

    @property
    def notice(self) -> Cover:
        """The notice, made when first needed (not at start-up)."""
        if self._notice is None:
            from reader.ui.widgets.cover import Cover

            self._notice = Cover.made_for(self.window, "idleNotice", self.still_here, self._look)
        return self._notice

    def set_timeout(self, seconds: float) -> None:
        self.watch.timeout = seconds

    def apply_look(self, look: Look) -> None:
        self._look = look
        if self._notice is not None:
            self._notice.apply_look(look)
            if self._notice.isVisible():
                self._update_notice()

    # --- input ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        try:
            kind = event.type()
            if kind in _INPUT:
                self._input(watched)
            elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                where = event.globalPosition()
                if (where - self._last_move).manhattanLength() >= MOVE_PX:
                    self._last_move = where
                    self._input(watched)
        except Exception:  # an input filter must never break input
            pass
        return False

    def _input(self, watched: QObject) -> None:
        self.watch.input(self.clock())
        # A press on 我还在看 itself is left to the button (its click hides the notice).
        notice = self._notice
        if notice is not None and notice.isVisible() and watched is not notice.button:
            self.hide_notice()

    def still_here(self) -> None:
        self.watch.input(self.clock())
        self.hide_notice()

    def hide_notice(self) -> None:
        if self._notice is None:
            return
        self.notice.hide()
        if self.notice.parentWidget() is not self.window:
            # back from over a dialog, which may be deleted once it closes
            self.notice.setParent(self.window)

    # --- time -------------------------------------------------------------------------------
    def tick(self) -> None:
        now = self.clock()
        action = self.watch.tick(now)
        if action == "warn":
            self._warn()
        elif action == "reset":
            self.hide_notice()
            self.reset()
        elif self._notice is not None and self._notice.isVisible():
            if not self.watch.warned:  # input came that the filter saw but left alone
                self.hide_notice()
            else:
                self._update_notice()

    def _warn(self) -> None:
        # Over an open dialog (print preview, a message) when there is one, or nobody
        # would see the notice.
        host = QApplication.activeModalWidget() or self.window
        if self.notice.parentWidget() is not host:
            self.notice.setParent(host)
            host.installEventFilter(self.notice)
        if self._look is not None:
            self.notice.apply_look(self._look)
        self._update_notice()
        self.notice.cover()

    def seconds_left(self) -> int:
        return math.ceil(self.watch.seconds_left(self.clock()))

    def _update_notice(self) -> None:
        look = self._look
        if look is None:
            return
        self.notice.set_message(look.t("idle.title"),
                                look.t("idle.detail", seconds=self.seconds_left()))
        self.notice.button.set_texts(look.t("idle.still_here"), look.t("idle.still_here_desc"))
