"""Every screen a resident reaches fits the screens community-centre PCs have: the window
starts maximised (or a saved size is brought inside), every visible button is wholly
on screen, the toolbar is one row and an opened article shows its text at once.

Each case starts the program in its own process (tests/support/screen_fit_probe.py):
the screen size is fixed when Qt starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ONE_ROW_PX = 100  # the toolbar's height with one row of 64 px buttons and its margins


def probe(width: int, height: int, mode: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "tests.support.screen_fit_probe",
                           str(width), str(height), mode], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(("width", "height", "mode"), [
    (1024, 600, "first"), (1366, 768, "first"), (1920, 1080, "first"),
    (1024, 600, "restored"), (1024, 600, "community"), (1366, 768, "community"),
])
def test_every_screen_fits(width: int, height: int, mode: str, tmp_path: Path) -> None:
    report = probe(width, height, mode, tmp_path)
    sx, sy, sw, sh = report["screen"]
    screens = report["screens"]
    assert {"home", "article1", "help banner", "chosen paragraph", "idle notice",
            "crash cover", "staff pin page", "staff settings"} <= set(screens)
    for name, seen in screens.items():
        x, y, w, h = seen["frame"]
        assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh, name
        assert seen["outside"] == [], name
        assert seen["toolbar_height"] < ONE_ROW_PX, name
    if mode == "first":
        assert screens["home"]["frame"] == report["screen"]  # maximised
    if mode != "restored":  # (a window the reader made smaller shows what fits)
        for article in ("article1", "article2"):
            assert screens[article]["body_seen"], article  # text at once, no scrolling
