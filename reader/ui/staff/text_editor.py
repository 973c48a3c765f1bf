"""Opening a file in the system's text editor without ever holding up the window.

On Windows and macOS the editor is started detached. On Linux `xdg-open` decides which
program takes the file, and its exit code says whether one did (3 or 4: nothing for this
kind of file). But on desktops xdg-open does not know (openbox, kiosk sessions) it runs
the editor itself and waits until it is closed. So xdg-open is started in its own
session and watched from a timer: an early non-zero exit means it found nothing and one
of LINUX_EDITORS is started instead; still running after XDG_OPEN_SETTLE_S means an
editor is open. Either way the result comes back once, through `report`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QProcess, QTimer

# Text editors tried on Linux when xdg-open is missing or has no program for a .toml file.
LINUX_EDITORS = ("gnome-text-editor", "gedit", "kate", "kwrite", "mousepad", "xed", "pluma",
                 "featherpad", "leafpad")
XDG_OPEN_SETTLE_S = 3.0  # xdg-open that finds no program says so well within this
_POLL_MS = 200

Report = Callable[[bool], None]  # True: an editor was started; False: none could be

_watching: set[_XdgOpenWatch] = set()  # kept alive until xdg-open ends


def open_in_text_editor(path: Path, report: Report) -> None:
    """Start the system's text editor on `path` and return at once; `report` is called
    once, now or within XDG_OPEN_SETTLE_S, with whether an editor could be started."""
    if sys.platform == "win32":
        report(QProcess.startDetached("notepad.exe", [str(path)])[0])
        return
    if sys.platform == "darwin":
        report(QProcess.startDetached("open", ["-t", str(path)])[0])
        return
    opener = shutil.which("xdg-open")
    if opener is None:
        report(_start_an_editor(path))
        return
    try:
        process = subprocess.Popen(
            [opener, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        report(_start_an_editor(path))
        return
    _XdgOpenWatch(process, path, report)


def _start_an_editor(path: Path) -> bool:
    for name in LINUX_EDITORS:
        found = shutil.which(name)
        if found and QProcess.startDetached(found, [str(path)])[0]:
            return True
    return False


class _XdgOpenWatch:
    """Looks at a running xdg-open every _POLL_MS, never waiting on it."""

    def __init__(self, process: subprocess.Popen[bytes], path: Path, report: Report) -> None:
        self.process, self.path, self.report = process, path, report
        self.started = time.monotonic()
        self.reported = False
        self.timer = QTimer()
        self.timer.setInterval(_POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        _watching.add(self)

    def check(self) -> None:
        code = self.process.poll()
        if code is None:  # still running: after a while, it is holding an open editor
            if not self.reported and time.monotonic() - self.started >= XDG_OPEN_SETTLE_S:
                self._report(True)
            return
        self.timer.stop()  # it ended (and is reaped): nothing more to watch
        _watching.discard(self)
        if not self.reported:
            self._report(code == 0 or _start_an_editor(self.path))

    def _report(self, started: bool) -> None:
        self.reported = True
        self.report(started)
