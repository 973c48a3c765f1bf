"""A second launch brings the first window forward instead of starting again (issue 9)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

# A launch that got the lock stays until it has been asked to come forward `raises`
# times (or `stay_ms` at most); one that did not ends, as the program does.
FIRST = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from reader.ui.shell.single_instance import SingleInstance
app = QCoreApplication([])
guard = SingleInstance()
first = guard.claim()
print("first" if first else "second", flush=True)
raised = []
def on_raise():
    print("activated", flush=True)
    raised.append(1)
    if len(raised) >= int(sys.argv[2]):
        app.quit()
guard.activated.connect(on_raise)
if first:
    QTimer.singleShot(int(sys.argv[1]), app.quit)
    app.exec()
guard.release()
"""


def _start(tmp_path: Path, stay_ms: int, raises: int = 1) -> subprocess.Popen[str]:
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-c", FIRST, str(stay_ms), str(raises)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def test_second_launch_raises_the_first(tmp_path: Path) -> None:
    first = _start(tmp_path, 20000)
    assert first.stdout is not None
    assert first.stdout.readline().strip() == "first"
    second = _start(tmp_path, 0)
    out, _ = second.communicate(timeout=20)
    assert out.split()[0] == "second"
    assert first.stdout.readline().strip() == "activated"
    first.wait(timeout=20)


def test_two_launches_at_once_give_one_window(tmp_path: Path) -> None:
    # the first stays until both others have asked it to come forward
    launches = [_start(tmp_path, 20000, raises=2) for _ in range(3)]
    outputs = [p.communicate(timeout=30)[0].split() for p in launches]
    assert sorted(out[0] for out in outputs) == ["first", "second", "second"]
    assert [out for out in outputs if out[0] == "first"] == [["first", "activated", "activated"]]


def test_a_lock_left_by_a_crash_does_not_block(tmp_path: Path) -> None:
    crashed = _start(tmp_path, 10000)
    assert crashed.stdout is not None and crashed.stdout.readline().strip() == "first"
    crashed.kill()
    crashed.wait()
    time.sleep(0.2)
    after = _start(tmp_path, 0)
    assert after.communicate(timeout=30)[0].split()[0] == "first"


def test_a_stopped_first_window_does_not_swallow_later_launches(tmp_path: Path) -> None:
    import signal

    first = _start(tmp_path, 60000)
    assert first.stdout is not None and first.stdout.readline().strip() == "first"
    time.sleep(0.3)  # listening
    os.kill(first.pid, signal.SIGSTOP)  # hung: the system still accepts its connections
    try:
        second = _start(tmp_path, 20000)
        assert second.stdout is not None
        # It waited for an answer, got none, and opened its own window...
        assert second.stdout.readline().strip() == "first"
        # ...which now answers the launches after it.
        third = _start(tmp_path, 0)
        assert third.communicate(timeout=30)[0].split()[0] == "second"
        assert second.stdout.readline().strip() == "activated"
        second.wait(timeout=20)
    finally:
        os.kill(first.pid, signal.SIGCONT)
        first.kill()
        first.wait()
