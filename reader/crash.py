"""Unexpected errors: logged with their traceback for staff, never shown to a resident.

`install(show_plain_message)` replaces sys.excepthook (PySide6 calls it for an exception
raised inside a slot, then keeps the event loop running) and threading.excepthook. The
traceback goes to the log in the user's data folder; the resident sees only the plain
message the UI shows through the callback. `doctor` shows the log's place and the last
errors. Qt-free, so the command line uses it too.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from reader import paths

PLAIN_MESSAGE = "出了点问题，请找工作人员。"
MAX_LOG_BYTES = 1_000_000  # keep the log small on a PC that runs for months
_SEPARATOR = "\n===== "


def log_error(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    path = paths.log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            old = path.with_suffix(".old.log")
            path.replace(old)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"{_SEPARATOR}{stamp} {exc_type.__name__}: {exc}\n{text}")
    except OSError:
        pass  # a full disk must not turn one error into a crash loop


def last_errors(count: int = 3) -> list[str]:
    """The headline ("time Type: message") of the newest `count` logged errors."""
    path = paths.log_file()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    entries = [e for e in text.split(_SEPARATOR) if e.strip()]
    return [e.splitlines()[0] for e in entries[-count:]]


def install(show_plain_message: Callable[[str], None]) -> None:
    """Log every uncaught error and ask the UI to show the plain message."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log_error(exc_type, exc, tb)
        try:
            show_plain_message(PLAIN_MESSAGE)
        except Exception:  # the message box itself failed: the log still has it
            log_error(*sys.exc_info())

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log_error(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def doctor_checks() -> Iterable[object]:
    from reader.doctor import Check

    path: Path = paths.log_file()
    errors = last_errors()
    yield Check(
        "错误记录",
        True,
        f"{path}（{'没有记录' if not errors else f'最近 {len(errors)} 条见下'}）",
        required=False,
    )
    for line in errors:
        yield Check("最近的错误", False, line, required=False)
