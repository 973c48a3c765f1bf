"""`python -m reader doctor` rows for the window: Qt can open a window, a Chinese font
for 简体 and for 繁體 (the family that will be used), and the settings file.

Qt is tried in a child process: when it cannot open a display it aborts the whole
process, which must not take the checklist down with it. The child is started with
multiprocessing's spawn, which also works in a frozen (PyInstaller) program.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from reader import paths
from reader.core.article import Script
from reader.core.ini_check import ini_problem
from reader.doctor import Check

PROBE_TIMEOUT_S = 30
FONT_FIX = "请安装中文字体（Debian/Ubuntu：sudo apt install fonts-noto-cjk）"


def _probe_child(conn: Connection, platform: str | None, stderr_path: str) -> None:
    """Runs in the child: start Qt, report the platform and the chosen fonts."""
    err = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(err, 2)  # Qt's own complaints go to the file, for the detail line
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform
    from PySide6.QtGui import QGuiApplication

    from reader.ui.shell import fonts

    app = QGuiApplication([])
    result: dict[str, Any] = {"platform": app.platformName(), "fonts": {}}
    scripts: tuple[Script, ...] = ("simplified", "traditional")
    for script in scripts:
        choice = fonts.choose(script)
        result["fonts"][script] = {"family": choice.family, "preferred": choice.preferred}
    conn.send(result)
    conn.close()


def probe_qt(platform: str | None = None) -> tuple[dict[str, Any] | None, str]:
    """(what the child found, or None if Qt failed; Qt's error output)."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    with tempfile.TemporaryDirectory() as scratch:
        stderr_path = str(Path(scratch) / "qt-stderr.txt")
        child = context.Process(target=_probe_child, args=(sender, platform, stderr_path),
                                daemon=True)
        child.start()
        sender.close()
        result = None
        try:
            if receiver.poll(PROBE_TIMEOUT_S):
                result = receiver.recv()
        except (EOFError, OSError):
            result = None
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
        try:
            errors = Path(stderr_path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            errors = ""
    return result, errors


def _qt_problem(errors: str) -> str:
    lines = [line.strip() for line in errors.splitlines() if line.strip()]
    text = errors.lower()
    if "could not connect to display" in text or "no display" in text:
        advice = "没有可用的屏幕：请在电脑桌面上运行（远程登录时要设置 DISPLAY）。"
    elif "xcb-cursor" in text:
        advice = "缺少系统组件：请安装 libxcb-cursor0（sudo apt install libxcb-cursor0）。"
    elif "platform plugin" in text:
        advice = "Qt 的显示组件装不上：请重新安装本程序，或安装 Qt 需要的 libxcb 系列软件包。"
    else:
        advice = "Qt 启动失败。"
    return advice + (f"（{lines[0][:160]}）" if lines else "")


def _font_check(script: str, label: str, found: dict[str, Any] | None) -> Check:
    info = (found or {}).get("fonts", {}).get(script) or {}
    family = info.get("family")
    if not found:
        return Check(label, False, "没能检查（Qt 启动失败）")
    if not family:
        return Check(label, False, f"没有找到，字会显示成方框。{FONT_FIX}")
    note = "" if info.get("preferred") else "（不是专门的字体，个别字形可能不标准）"
    return Check(label, True, f"使用 {family}{note}")


def settings_check() -> Check:
    path = paths.settings_file()
    aside = sorted(path.parent.glob(path.name + ".broken-*")) if path.parent.exists() else []
    kept = f"；以前坏掉的设置文件另存了 {len(aside)} 个" if aside else ""
    problem = ini_problem(path)
    if problem:
        return Check("设置文件", False,
                     f"{problem}下次打开时，看得懂的设置照旧，其余用默认值，原文件另存一份；"
                     f"社区模式不会因此关掉。位置：{path}", required=False)
    if not path.exists():
        return Check("设置文件", True, f"还没有，第一次改设置时会建立：{path}{kept}",
                     required=False)
    if not os.access(path, os.W_OK):
        return Check("设置文件", False, f"能读不能写，改动不会保存：{path}", required=False)
    return Check("设置文件", True, f"能正常读写：{path}{kept}", required=False)


def doctor_checks() -> Iterator[Check]:
    found, errors = probe_qt()
    if found:
        yield Check("Qt 图形界面", True, f"能打开窗口（{found['platform']}）")
    else:
        yield Check("Qt 图形界面", False, _qt_problem(errors))
        found, _ = probe_qt("offscreen")  # fonts can still be checked without a screen
    yield _font_check("simplified", "简体中文字体", found)
    yield _font_check("traditional", "繁体中文字体", found)
    yield settings_check()
