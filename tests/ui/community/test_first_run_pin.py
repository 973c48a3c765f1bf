"""The PIN is never a resident's: community mode without a staff PIN first shows a
staff-only step that sets it, before the reading window is ever on screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.articles_source import load_articles
from reader.core.click_gate import ClickGate
from reader.core.pin import PinStore, pin_file
from reader.ui.community.feature import Community
from reader.ui.compose import add_community, build_parts
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.settings import Settings
from reader.ui.staff.pin_page import FirstRunWindow, PinPage
from tests.conftest import ROOT
from tests.support.community_helpers import FakeClock
from tests.support.window_helpers import open_gates, settle


def start(qtbot: QtBot, kiosk: bool = True,
          settings: Settings | None = None) -> tuple[MainWindow, Community]:
    """What `python -m reader [--kiosk]` does: the window, its community parts, start()."""
    program = add_community(build_parts(settings or Settings(), load_articles()),
                            kiosk_flag=kiosk, idle_clock=FakeClock(), pin_clock=FakeClock())
    window, community = program.window, program.community
    qtbot.addWidget(window)
    window.resize(1024, 600)
    community.start()
    settle()
    return window, community


def first_run(community: Community) -> FirstRunWindow:
    assert community.first_run is not None
    return community.first_run


def press(qtbot: QtBot, page: PinPage, pin: str) -> None:
    """On the keypad, then 确定 (each a new press: tests click faster than people)."""
    for button in [*(page.keys[digit] for digit in pin), page.ok]:
        button.gate = ClickGate()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()


def test_kiosk_on_a_fresh_install_asks_staff_for_the_pin_first(qtbot: QtBot) -> None:
    window, community = start(qtbot)
    step = first_run(community)
    qtbot.addWidget(step)
    assert step.isVisible() and step.isFullScreen()
    assert not window.isVisible()  # no resident has seen the reading window
    assert not community.active and community.waiting_for_pin
    page = step.page
    assert page.mode == "first_run"
    assert page.title.text() == "社区模式第一次打开：请工作人员先设员工密码"
    assert "只给工作人员" in page.hint.text()
    assert page.back.text() == "退出程序"
    qtbot.keyClick(step, Qt.Key.Key_Escape)  # Esc goes nowhere from here
    assert step.isVisible() and not window.isVisible()
    press(qtbot, page, "12")
    assert page.message.text() == "密码要用 4 到 8 位数字。"
    press(qtbot, page, "2468")
    assert page.title.text() == "请再输一遍刚才的密码" and not window.isVisible()
    press(qtbot, page, "2468")
    assert PinStore(pin_file()).is_set
    assert community.first_run is None and not step.isVisible()
    assert community.active and window.isVisible() and window.isFullScreen()
    assert window.current_page() is window.home
    # from now on the staff area asks for that PIN
    open_gates(window)
    community.staff.open()
    assert community.staff.pin_page().mode == "check"


def test_quit_instead_of_setting_a_pin(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    window, community = start(qtbot)
    step = first_run(community)
    qtbot.mouseClick(step.page.back, Qt.MouseButton.LeftButton)
    settle()
    assert quits and not step.isVisible() and not window.isVisible()
    assert not PinStore(pin_file()).is_set and not community.active


def test_a_remembered_community_mode_with_a_broken_pin_file(qtbot: QtBot) -> None:
    """Fails closed: no step where whoever is at the PC sets a new PIN; residents get
    the window in community mode and the staff area stays locked until a reset."""
    path = pin_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken", encoding="utf-8")
    settings = Settings()
    settings.set("community_mode", True)
    window, community = start(qtbot, kiosk=False, settings=settings)
    assert community.first_run is None
    assert community.active and window.isFullScreen()
    assert community.staff.pin_store().broken and not PinStore(pin_file()).is_set
    assert path.read_text(encoding="utf-8") == "{broken"


def test_community_mode_cannot_be_entered_without_a_pin(qtbot: QtBot) -> None:
    window, community = start(qtbot, kiosk=False)
    assert community.first_run is None  # a plain start needs no PIN
    window.show()
    assert community.enter() is False
    assert not community.active and not window.isFullScreen()
    assert window.settings.get("community_mode") is False


def test_the_program_started_with_kiosk_shows_only_the_pin_step(tmp_path: Path) -> None:
    script = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reader.cli import build_parser
from reader.ui import app
from reader.ui.community import feature as community

real = community.Community.start

def report():
    shown = sorted(w.objectName() or type(w).__name__
                   for w in QApplication.topLevelWidgets() if w.isVisible())
    print(" ".join(shown), flush=True)
    QApplication.quit()

def start(self):
    real(self)
    QTimer.singleShot(1500, report)

community.Community.start = start
sys.exit(app.run(build_parser().parse_args(sys.argv[1:])))
"""
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen"}
    import os

    done = subprocess.run([sys.executable, "-c", script, "--kiosk"], cwd=ROOT,
                          env=dict(os.environ, **env), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["firstRunPin"], done.stderr
