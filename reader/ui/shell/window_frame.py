"""The window on the screen: where it opens and in which language Qt's own texts are.

The first start is maximised to the screen less its taskbar; a saved size and place are
kept but brought inside that area (a PC whose screen got smaller, a window saved on a
second screen that is gone). Qt's own dialogs (file chooser, print dialog, message-box
buttons) speak the reader's script, from the translations PySide6 ships.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.article import Script
from reader.core.screen_fit import Rect, fit_inside

# Width and height a window manager adds around the window (borders, title bar) before
# the window has been shown and the real ones are known.
FRAME_GUESS = (2, 32)

_qt_translator: QTranslator | None = None


def use_qt_translations(script: Script) -> None:
    """Qt's own texts in the reader's script; English if the translations are missing."""
    global _qt_translator
    name = "qtbase_zh_TW" if script == "traditional" else "qtbase_zh_CN"
    if _qt_translator is not None and _qt_translator.objectName() == name:
        return
    app = QApplication.instance()
    if app is None:
        return
    translator = QTranslator(app)
    translator.setObjectName(name)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(name, folder):
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
    app.installTranslator(translator)
    _qt_translator = translator


def maximise_on_screen(window: QWidget) -> None:
    """First start: the whole screen less its taskbar."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def fit_frame(window: QWidget) -> None:
    """Bring the whole window, borders and title bar included, inside the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.windowState() & (Qt.WindowState.WindowMaximized
                                                 | Qt.WindowState.WindowFullScreen):
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    margins = (frame.width() - window.width(), frame.height() - window.height())
    if margins == (0, 0):  # not shown yet: leave room for a usual title bar and border
        margins = FRAME_GUESS
    outer = Rect(window.x(), window.y(), window.width() + margins[0],
                 window.height() + margins[1])
    fitted = fit_inside(outer, Rect(area.x(), area.y(), area.width(), area.height()))
    if fitted != outer:
        window.resize(fitted.width - margins[0], fitted.height - margins[1])
        window.move(fitted.x, fitted.y)  # move() places the frame, resize() the inside
