"""What a resident sees when something unexpected goes wrong: a plain message and one
big 回到首页 button, over the window; the program keeps running.

reader.crash.install does the logging (traceback to the log in the user's data folder)
and calls `show_plain_message`; that runs inside whatever failed (a slot, a paint), so
the message is put up from the event loop a moment later, never from inside the error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reader import crash
from reader.core.look import Look

if TYPE_CHECKING:
    from reader.ui.widgets.cover import Cover


def close_dialogs_and_popups() -> None:
    """Close open menus, drop-down lists and dialogs (a print preview, a message box),
    so that what comes next is not hidden behind them."""
    for _ in range(10):  # a dialog may have opened another
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
            continue
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()
        if QApplication.activeModalWidget() is modal:  # it refused: stop trying
            modal.hide()


class CrashGuard(QObject):
    def __init__(self, window: QWidget, go_home: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.go_home = go_home
        self._cover: Cover | None = None
        self._look: Look | None = None
        self._message = crash.PLAIN_MESSAGE
        self.shown = 0  # how many times the message was put up (for tests and doctor)

    @property
    def cover(self) -> Cover:
        """The message layer, made when first needed (not at start-up)."""
        if self._cover is None:
            from reader.ui.widgets.cover import Cover

            self._cover = Cover.made_for(self.window, "crashNotice", self.back_home, self._look)
        return self._cover

    def install(self) -> None:
        crash.install(self.show_plain_message)

    def apply_look(self, look: Look) -> None:
        self._look = look
        if self._cover is not None:
            self._cover.apply_look(look)
            self._render()

    def show_plain_message(self, message: str) -> None:
        """Called by the crash handler, from inside the failing code: only schedule."""
        self._message = message
        QTimer.singleShot(0, self._put_up)

    def _put_up(self) -> None:
        close_dialogs_and_popups()
        self._render()
        self.cover.cover()
        self.shown += 1

    def _render(self) -> None:
        look = self._look
        if look is None:
            return
        self.cover.set_message(look.convert(self._message.rstrip("。")),
                               look.t("crash.detail"))
        self.cover.button.set_texts(look.t("crash.home"), look.t("crash.home_desc"))

    def back_home(self) -> None:
        self.cover.hide()
        self.go_home()
