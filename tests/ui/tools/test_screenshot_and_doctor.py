"""`python -m reader screenshot` and the window's `doctor` rows."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from reader import paths
from reader.ui.shell.doctor_checks import doctor_checks, settings_check
from reader.ui.tools.screenshot import cmd_screenshot


def shot_args(out: Path, **options: object) -> argparse.Namespace:
    values: dict[str, object] = {"out": str(out), "article": None, "card": None, "script": None,
              "font_size": None, "theme": None, "size": "1024x600"}
    values.update(options)
    return argparse.Namespace(**values)


def test_screenshot_of_an_article_in_the_options_given(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    out = tmp_path / "shot.png"
    assert cmd_screenshot(shot_args(out, article="1", script="traditional", font_size=34,
                                    theme="高对比", size="1024x600")) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 600)
    assert image.pixelColor(10, 595).name() == "#000000"  # high-contrast background
    assert not paths.settings_file().exists()  # the reader's settings are left alone


def test_screenshot_rejects_bad_options(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.png"
    assert cmd_screenshot(shot_args(out, size="big")) == 2
    assert cmd_screenshot(shot_args(out, theme="purple")) == 2
    assert cmd_screenshot(shot_args(out, font_size=99)) == 2
    assert cmd_screenshot(shot_args(out, article="99")) == 1
    assert "找不到文章 99" in capsys.readouterr().err
    assert not out.exists()


def test_screenshot_command_line_runs_offscreen(tmp_path: Path) -> None:
    out = tmp_path / "home.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run([sys.executable, "-m", "reader", "screenshot", str(out),
                             "--size", "800x500"], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 800


def test_doctor_rows_for_window_fonts_and_settings() -> None:
    checks = {c.name: c for c in doctor_checks()}
    assert checks["Qt 图形界面"].ok and "offscreen" in checks["Qt 图形界面"].detail
    assert checks["简体中文字体"].ok and "Noto Sans CJK SC" in checks["简体中文字体"].detail
    assert checks["繁体中文字体"].ok and "Noto Sans CJK TC" in checks["繁体中文字体"].detail
    assert checks["设置文件"].ok and str(paths.settings_file()) in checks["设置文件"].detail


def test_doctor_names_a_broken_settings_file() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\x01garbage")
    check = settings_check()
    assert not check.ok and not check.required and "默认值" in check.detail
    assert "社区模式不会因此关掉" in check.detail


def test_doctor_reads_a_notepad_settings_file_and_names_the_pin_reset() -> None:
    from reader.core.pin import PinStore, pin_file
    from reader.doctor import pin_check

    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes("[community]\r\nenabled=true\r\n".encode("utf-16"))
    assert settings_check().ok
    assert pin_check().ok and "还没有设" in pin_check().detail
    PinStore(pin_file()).set_pin("2468")
    assert pin_check().ok and "reset-pin" in pin_check().detail
    pin_file().write_bytes(b'{"failures": 1000000000000}')
    check = pin_check()
    assert not check.ok and "坏了" in check.detail and "reset-pin" in check.detail


def test_doctor_explains_a_missing_display() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    code = ("from reader.ui.shell.doctor_checks import doctor_checks\n"
            "for c in doctor_checks(): print(c.ok, c.name, c.detail, sep='|')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=120)
    rows = {line.split("|")[1]: line.split("|") for line in result.stdout.splitlines()}
    assert rows["Qt 图形界面"][0] == "False"
    assert "屏幕" in rows["Qt 图形界面"][2] or "Qt" in rows["Qt 图形界面"][2]
    assert rows["简体中文字体"][0] == "True"  # fonts still checked, without a screen
