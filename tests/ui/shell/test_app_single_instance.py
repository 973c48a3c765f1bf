"""The real program entry (`reader.ui.app.run`), launched twice: the second launch,
even while the first is still starting, brings the first window forward and ends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from reader import APP_ID
from reader.core.pin import PinStore
from tests.conftest import ROOT

# The real app.run; the only addition is a line printed when the window is brought
# forward, and a clean quit after it (community mode refuses a plain close).
FIRST = """
import sys
from PySide6.QtCore import QTimer
from reader.cli import build_parser
from reader.ui import app, compose
from reader.ui.community import kiosk

real = kiosk.KioskGuard.bring_to_front
real_build = compose.build_program
built = []

def build(*args, **kwargs):
    built.append(real_build(*args, **kwargs))
    return built[-1]

def announce(self):
    real(self)
    print("raised", self.window.isVisible(), self.window.isFullScreen(), flush=True)
    QTimer.singleShot(300, built[0].community.quit_program)

compose.build_program = build
kiosk.KioskGuard.bring_to_front = announce
sys.exit(app.run(build_parser().parse_args(sys.argv[1:])))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    """A user whose staff set the PIN already (community mode needs one)."""
    PinStore(tmp_path / "config" / APP_ID / "staff-pin.json").set_pin("2468")
    return dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"),
                XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")


def test_second_launch_during_start_up_raises_the_first(tmp_path: Path) -> None:
    env = _env(tmp_path)
    first = subprocess.Popen([sys.executable, "-c", FIRST, "--kiosk"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(0.3)  # the first one is still loading Qt: a double click's second click
        started = time.monotonic()
        second = subprocess.run([sys.executable, "-m", "reader"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        took = time.monotonic() - started
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first one is still running
        out, err = first.communicate(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
    assert out.split() == ["raised", "True", "True"], err  # visible, full screen (kiosk)
    assert first.returncode == 0
    print(f"second launch ended after {took:.2f} s")


def test_a_desktop_ending_the_program_lets_it_save_and_clean_up(tmp_path: Path) -> None:
    """Log-out or shut-down sends SIGTERM: the window closes as if staff closed it (the
    place is saved, the socket for later launches removed), even in community mode."""
    import signal
    import tempfile

    env = _env(tmp_path)
    config = tmp_path / "config" / "dazi-reader"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.ini").write_text(
        "[reading]\narticle=003_bcc1e477f3fe7536\nblock=p9\n", encoding="utf-8")
    key_code = "from reader.ui.shell.single_instance import _key; print(_key())"
    key = subprocess.run([sys.executable, "-c", key_code], env=env, cwd=ROOT, text=True,
                         capture_output=True, check=True).stdout.strip()
    socket = Path(tempfile.gettempdir()) / key
    running = subprocess.Popen([sys.executable, "-m", "reader", "--kiosk"], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not socket.exists():  # listening: the window is up and running
            assert running.poll() is None, running.communicate()
            assert time.monotonic() < deadline, "the program did not start"
            time.sleep(0.1)
        running.send_signal(signal.SIGTERM)
        _, err = running.communicate(timeout=30)
    finally:
        if running.poll() is None:
            running.kill()
    assert running.returncode == 0, err
    assert "Traceback" not in err
    assert not socket.exists()
    saved = (config / "settings.ini").read_text(encoding="utf-8")
    assert "geometry=" in saved  # written by the window's close, not only at start
