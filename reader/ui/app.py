"""`python -m reader` (the `run` command): open the reading window.

Order matters for a quick first paint: the articles come from the cache (no OpenCC, no
ingest imports), only the current script's font is looked up, and the dictionaries for
the other script are loaded after the window is on screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from types import TracebackType

from reader import APP_ID, APP_NAME
from reader.core.article import Article, Script


def _no_display_message() -> str | None:
    """Qt aborts the whole process when it can't open a display, so say it first."""
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")):
        from reader.core.strings import text

        return text("app.no_display")
    return None


def _log_error(kind: type[BaseException], error: BaseException,
               tb: TracebackType | None) -> None:
    from reader import crash

    crash.log_error(kind, error, tb)


def _show_missing_font() -> int:
    """No Chinese font: a message that can actually be read, instead of boxes."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QMessageBox

    from reader.ui.shell import fonts

    text, family = fonts.missing_font_display()
    print(text, file=sys.stderr)
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Dazi Reader: no Chinese font")
    if family:
        font = QFont(family)
        font.setPointSize(20)
        box.setFont(font)
    box.setText(text)
    box.setAccessibleName("No Chinese font")
    box.setAccessibleDescription(text)
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        box.exec()
    return 1


_PHASES: list[tuple[str, float]] = []


def _phase(label: str) -> None:
    """Start-up milestones, printed by the benchmark's first-paint probe."""
    if os.environ.get("READER_BENCH_FIRST_PAINT"):
        _PHASES.append((label, time.time()))


def _show_plain_error() -> int:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QMessageBox

    from reader.core import strings
    from reader.ui.shell import fonts

    text = strings.text("notice.error")
    print(text, file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        box = QMessageBox(QMessageBox.Icon.Warning, strings.text("app.title"), text)
        font = QFont(fonts.family_for("simplified"))
        font.setPointSize(22)
        box.setFont(font)
        box.exec()
    return 1


def _first_paint_probe(window: object) -> None:
    """For the start-up benchmark (READER_BENCH_FIRST_PAINT=1): print the wall-clock time
    of the first painted article view (and the milestones before it) and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    viewport = window.article_page.view.viewport()  # type: ignore[attr-defined]

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is viewport:
                for label, when in _PHASES:
                    print(f"PHASE {when:.6f} {label}")
                print(f"PAINTED {time.time():.6f}", flush=True)
                viewport.removeEventFilter(self)
                QTimer.singleShot(0, QApplication.quit)
            return False

    probe = Probe(viewport)
    viewport.installEventFilter(probe)


def run(args: argparse.Namespace) -> int:
    _phase("run() called")
    problem = _no_display_message()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader import crash
    from reader.ui.shell import fonts
    from reader.ui.shell.settings import Settings
    from reader.ui.shell.single_instance import SingleInstance

    _phase("modules imported")
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    # Until the window can show its plain message, errors are only logged.
    crash.install(lambda _message: None)
    # A second launch (a double click while this one starts) raises this window and
    # ends; the lock is taken now, the answering socket after the first paint.
    instance = SingleInstance()
    if not instance.claim(listen=False):
        return 0

    settings = Settings()
    _phase("QApplication and settings")
    if fonts.choose("simplified").family is None and fonts.choose("traditional").family is None:
        return _show_missing_font()
    _phase("fonts chosen")
    try:
        from reader.ui.compose import build_program

        program = build_program(bool(getattr(args, "kiosk", False)), settings, _phase)
    except Exception as exc:  # nothing to show yet: a plain message, not a traceback
        _log_error(type(exc), exc, exc.__traceback__)
        return _show_plain_error()
    window, community = program.window, program.community
    _phase("window built")
    if os.environ.get("READER_BENCH_FIRST_PAINT"):
        _first_paint_probe(window)
    # community mode is already full screen; the first-run PIN step shows its own window
    if not community.active and not community.waiting_for_pin:
        window.place_on_screen()
        # Before show(): the article is then laid out once, at the window's real size,
        # and home (which the reader does not see now) is built only when first shown.
        try:  # on a shared PC every resident starts at home (community mode)
            window.restore_reading()
        except Exception as exc:  # a bad saved place must not keep the program from starting
            _log_error(type(exc), exc, exc.__traceback__)
            window.go_home()
        _phase("article opened")
        window.show()
    _phase("window shown")
    instance.activated.connect(community.bring_to_front)
    _close_on_terminate(community.quit_program)
    QTimer.singleShot(300, instance.listen)
    QTimer.singleShot(1500, lambda: warm_up(window.articles))
    program.voice.start_later()  # the warm speech worker, after the first paint
    code = app.exec()
    instance.release()
    return code


def _close_on_terminate(close: Callable[[], None]) -> None:
    """A desktop that logs out or shuts down asks running programs to end (SIGTERM):
    close the window properly then, so the reader's place and settings are saved and
    nothing is left behind. Python runs its signal handlers only between bytecodes, and
    the Qt event loop runs none while idle: a timer wakes it twice a second."""
    import signal

    from PySide6.QtCore import QCoreApplication, QTimer

    if not hasattr(signal, "SIGTERM"):
        return
    signal.signal(signal.SIGTERM, lambda _signum, _frame: QTimer.singleShot(0, close))
    app = QCoreApplication.instance()
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(500)


def warm_up(articles: list[Article]) -> None:
    """Load what the first 简/繁 switch needs while the reader looks at the page: the
    other script's font and OpenCC dictionary, UI strings and articles converted."""
    from reader.core import strings
    from reader.core.article_cache import in_script
    from reader.ui.shell import fonts

    scripts: tuple[Script, ...] = ("simplified", "traditional")
    for script in scripts:
        fonts.choose(script)
        for template in strings.STRINGS.values():
            strings.convert_text(template, script)
        for article in articles:
            in_script(article, script)
