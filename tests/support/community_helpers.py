"""Helpers for the community-centre tests: the real window with the real Community
(crash guard, staff area, kiosk, idle reset), driven by fake clocks."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.core.articles_source import ArticlesSource
from reader.core.pin import PinStore, pin_file
from reader.ui.community.feature import Community
from reader.ui.compose import Program, add_community, build_parts
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.settings import Settings
from reader.ui.staff.parts import Panel
from reader.ui.staff.pin_page import PinPage
from reader.ui.staff.staff_page import StaffPage
from tests.support.window_helpers import open_gates, settle


class FakeClock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


STAFF_PIN = "2468"


def set_staff_pin(pin: str = STAFF_PIN) -> None:
    """A PIN staff set before (community mode cannot start without one)."""
    PinStore(pin_file()).set_pin(pin)


def make_community_window(qtbot: QtBot, kiosk: bool = False,
                          settings: Settings | None = None,
                          idle_clock: FakeClock | None = None,
                          pin_clock: FakeClock | None = None,
                          size: tuple[int, int] = (1024, 600),
                          pin_set: bool | None = None) -> tuple[MainWindow, Community]:
    program = make_program(qtbot, kiosk, settings, idle_clock, pin_clock, size, pin_set)
    return program.window, program.community


def make_program(qtbot: QtBot, kiosk: bool = False,
                 settings: Settings | None = None,
                 idle_clock: FakeClock | None = None,
                 pin_clock: FakeClock | None = None,
                 size: tuple[int, int] = (1024, 600),
                 pin_set: bool | None = None) -> Program:
    """The window with every feature, as `run` builds it, on fake clocks. `pin_set`: a
    staff PIN exists already (default: in kiosk mode, as after the first-run step)."""
    if kiosk if pin_set is None else pin_set:
        set_staff_pin()
    settings = settings or Settings()
    source = ArticlesSource()
    program = add_community(build_parts(settings, source.load()), kiosk_flag=kiosk,
                            idle_clock=idle_clock or FakeClock(),
                            pin_clock=pin_clock or FakeClock(),
                            library_problems=lambda: source.problems)
    window, community = program.window, program.community
    # Community mode refuses a plain close, so the window's own closing may never come:
    # end the speech worker here (the idle notice is spoken and starts one).
    qtbot.addWidget(window, before_close_func=lambda _window: program.voice.close())
    window.resize(*size)
    community.start()
    assert not community.waiting_for_pin, "community mode needs a staff PIN: pin_set=True"
    if not community.active:
        window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    settle()
    community.staff.add_shortcut()
    return program


def press_staff_keys(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Alt+S, as staff type it."""
    window.activateWindow()  # a window shortcut needs the window active
    settle()
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    settle()


def click(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    open_gates(window)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle()


def type_pin(qtbot: QtBot, window: MainWindow, page: PinPage, pin: str) -> None:
    """On the on-screen keypad, then 确定."""
    for digit in pin:
        click(qtbot, window, page.keys[digit])
    click(qtbot, window, page.ok)


def unlock(qtbot: QtBot, window: MainWindow, community: Community,
           pin: str = STAFF_PIN) -> StaffPage:
    """Open the staff area (setting the PIN on first use)."""
    press_staff_keys(qtbot, window)
    page = community.staff.pin_page()
    type_pin(qtbot, window, page, pin)
    if page.mode == "set" and window.current_page() is page:
        type_pin(qtbot, window, page, pin)
    staff = community.staff.staff_page()
    assert window.current_page() is staff
    return staff


PanelKind = TypeVar("PanelKind", bound=Panel)


def open_panel(qtbot: QtBot, key: str, kind: type[PanelKind], **window_options: Any
               ) -> tuple[MainWindow, StaffPage, PanelKind]:
    """A community window, the staff area unlocked, and its section `key` shown."""
    window, community = make_community_window(qtbot, **window_options)
    staff = unlock(qtbot, window, community)
    staff.show_section(key)
    panel = staff.panel(key)
    assert isinstance(panel, kind)
    return window, staff, panel
