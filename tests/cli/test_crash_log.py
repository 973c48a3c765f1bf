"""The crash log (issue 9): tracebacks go to the log, residents get a plain message."""

from __future__ import annotations

import subprocess
import sys

from reader import crash, paths
from tests.conftest import ROOT


def _raise(message: str) -> None:
    try:
        raise ValueError(message)
    except ValueError:
        crash.log_error(*sys.exc_info())  # type: ignore[arg-type]


def test_errors_are_logged_with_traceback_and_listed() -> None:
    for n in range(5):
        _raise(f"problem {n}")
    text = paths.log_file().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "_raise" in text
    last = crash.last_errors(3)
    assert [line.split("ValueError: ")[1] for line in last] == [
        "problem 2",
        "problem 3",
        "problem 4",
    ]


def test_hook_logs_and_calls_the_ui_with_the_plain_message() -> None:
    shown: list[str] = []
    old = sys.excepthook
    try:
        crash.install(shown.append)
        try:
            raise RuntimeError("inside a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        sys.excepthook = old
    assert shown == ["出了点问题，请找工作人员。"]
    assert "inside a slot" in crash.last_errors(1)[0]


def test_log_is_kept_small(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(crash, "MAX_LOG_BYTES", 2000)
    for n in range(50):
        _raise("x" * 100 + str(n))
    assert paths.log_file().stat().st_size < 4000
    assert paths.log_file().with_suffix(".old.log").exists()


def test_doctor_shows_the_log_and_last_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _raise("shown by doctor")
    out = subprocess.run(
        [sys.executable, "-m", "reader", "doctor"], capture_output=True, text=True, cwd=ROOT
    )
    assert str(paths.log_file()) in out.stdout
    assert "shown by doctor" in out.stdout
