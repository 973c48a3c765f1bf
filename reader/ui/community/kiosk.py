"""Community-centre mode (社区模式): full screen, and no way out for residents.

While it is on:
- the window is full screen without a frame, so there is no close, minimise or
  title-bar menu; a close request (Alt+F4, the task bar) is refused, and a minimised
  window comes straight back;
- nothing on the residents' side opens a file dialog: the print preview shows only
  打印 and 返回 (no 保存为PDF, no printer choice) and prints to the printer staff chose;
  any other file dialog that opens while the staff area is locked is closed at once.
The staff area turns the mode on and off (`enter` / `leave`); `allow_quit` lets the
program end (staff's 退出程序, or the computer shutting down).

What a program cannot stop on its own: the Windows key, Alt+Tab, Ctrl+Alt+Del. For a
PC that must be fully locked down, use the system's kiosk features as well (Windows
"assigned access", a Linux session that starts only this program).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QWidget

from reader.ui.shell.settings import Settings

PRINT_PREVIEW = "printPreview"  # object name of reader.ui.printing.preview.PrintPreview


class KioskGuard(QObject):
    def __init__(self, window: QMainWindow, settings: Settings,
                 staff_unlocked: Callable[[], bool] = lambda: False,
                 for_residents: Callable[[QWidget, str], None] = lambda _preview, _printer: None,
                 ) -> None:
        """`for_residents(preview, printer)` makes a print preview that has just opened
        the residents' one: only 打印 and 返回, and only to `printer`, the staff's choice
        (reader.ui.printing.preview.for_residents, handed in by compose.py)."""
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.staff_unlocked = staff_unlocked
        self.for_residents = for_residents
        self.active = False
        self._quitting = False
        window.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Logging off or shutting down must not wait for a window that refuses to close.
            app.commitDataRequest.connect(self._session_ending)

    # --- turning it on and off ----------------------------------------------------------
    def enter(self) -> None:
        if self.active:
            return
        self.active = True
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.window.showFullScreen()  # changing flags hides the window; this shows it

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, False)
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def allow_quit(self) -> None:
        """From now on a close request is honoured (the program is ending)."""
        self._quitting = True

    def _session_ending(self, _manager: object) -> None:
        self.allow_quit()

    def bring_to_front(self) -> None:
        """A second launch asked for the window (see reader.ui.shell.single_instance)."""
        if self.active:
            self.window.showFullScreen()
        elif self.window.isMinimized():
            self.window.showNormal()
        else:
            self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    # --- guarding -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.Close and self.active and not self._quitting:
                event.ignore()  # a close event is accepted unless ignored
                return True
            if kind == QEvent.Type.WindowStateChange and self.active \
                    and self.window.isMinimized():
                QTimer.singleShot(0, self.window.showFullScreen)
            return False
        if kind == QEvent.Type.Show and self.active and isinstance(watched, QWidget) \
                and watched.isWindow():
            self._guard_new_window(watched)
        return False

    def _guard_new_window(self, widget: QWidget) -> None:
        if widget.objectName() == PRINT_PREVIEW:
            self.for_residents(widget, str(self.settings.get("printer")))
        elif isinstance(widget, QFileDialog) and not self.staff_unlocked():
            QTimer.singleShot(0, widget.reject)
