"""Everything that makes the window safe to leave running on a shared PC, in one place.

`Community(window, voice, staff_area, first_run, …)` (made by reader.ui.compose, which
builds the staff area and the first-run step and hands them in) adds to the window:
- the crash guard (plain message + 回到首页; `install_crash_handler` makes it global);
- the staff area's shortcut (Ctrl+Alt+S, PIN), and its lock for the kiosk;
- community-centre mode (社区模式): reader.ui.community.kiosk (full screen, no way out) and
  reader.ui.community.idle_reset (notice, then a fresh start for the next resident);
- a plain message at start-up when a file people can edit was broken.

Community mode needs a staff PIN: without one anyone could open the staff area and
set it. When the mode is asked for (``--kiosk``, or staff turned it on before) and no
PIN is set (a fresh install, or the PIN file was broken), the reading window is not
shown; a staff-only full-screen step asks for the PIN first (FirstRunWindow) and the
mode starts once it is set, or the program ends. That keeps the start-up to one go for
the staff member installing the PC, instead of refusing and sending them to a second,
plain start to set the PIN and a third to start community mode.

Idle reset runs only in community mode. At home the reader is one person who may
stop for a phone call or read slowly at a big size; taking them back to the start
would lose their place and their size for nothing (the program remembers both on
purpose, and the 适老化 rules ask for no time limits). On a shared PC the reset is
the point: the next resident must not inherit 繁體 at 48 pt in high contrast.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance

from reader.core.look import Look
from reader.core.strings import STRINGS
from reader.ui.community.crash_guard import CrashGuard, close_dialogs_and_popups
from reader.ui.community.kiosk import KioskGuard

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.core.pin import PinStore
    from reader.ui.community.idle_reset import IdleReset
    from reader.ui.shell.main_window import MainWindow
    from reader.ui.shell.voice import Voice

FILE_CHECK_DELAY_MS = 2500  # after the first picture, and after the cards' own check
RESET_FIELDS = (("font_size", "default_font_size"), ("script", "default_script"),
                ("theme", "default_theme"))


class StaffDoor(Protocol):
    """The staff area as community mode uses it (reader.ui.staff.feature.StaffArea)."""

    @property
    def unlocked(self) -> bool: ...

    def add_shortcut(self) -> None: ...

    def pin_store(self) -> PinStore: ...


class FirstRunStep(Protocol):
    """The staff-only full-screen window that asks for the first PIN
    (reader.ui.staff.pin_page.FirstRunWindow)."""

    @property
    def pin_set(self) -> SignalInstance: ...

    @property
    def quit_requested(self) -> SignalInstance: ...

    def apply_look(self, look: Look) -> None: ...

    def showFullScreen(self) -> None: ...

    def raise_(self) -> None: ...

    def activateWindow(self) -> None: ...

    def setProperty(self, name: str, value: object) -> bool: ...

    def close(self) -> bool: ...

    def deleteLater(self) -> None: ...


class Community(QObject):
    def __init__(self, window: MainWindow, voice: Voice,
                 staff_area: Callable[[Community], StaffDoor],
                 first_run: Callable[[PinStore], FirstRunStep],
                 for_residents: Callable[[QWidget, str], None] = lambda _preview, _printer: None,
                 kiosk_flag: bool = False,
                 idle_clock: Callable[[], float] = time.monotonic,
                 listening: Callable[[], bool] = lambda: False,
                 say: Callable[[str], None] = lambda _simplified: None,
                 library_problems: Callable[[], Sequence[str]] = lambda: ()) -> None:
        """`staff_area` makes the staff area for this Community (asked once, when first
        needed), `first_run` the first-PIN window for a PIN store, `for_residents` turns
        a print preview that opens in community mode into the residents' one (only to
        the staff's printer); compose.py hands in all three. `library_problems`: what was
        wrong with the library files at the last load of the articles."""
        super().__init__(window)
        # what was wrong with the library files at the last load of the articles
        self._library_problems = library_problems
        # For the idle reset: whether someone is being read to, and how to say its
        # notice aloud (simplified text); compose.py takes both from read-aloud and cards.
        self._listening, self._say = listening, say
        self.window = window
        self.voice = voice
        self.settings = window.settings
        self.kiosk_flag = kiosk_flag  # started with --kiosk
        self._idle_clock = idle_clock
        self._make_staff_area, self._make_first_run = staff_area, first_run
        self.crash = CrashGuard(window, self.back_home)
        # The staff area and the idle reset are made when first needed (the staff area
        # right after the first picture, for its shortcut and dropped files).
        self._staff: StaffDoor | None = None
        self._idle: IdleReset | None = None
        self.first_run: FirstRunStep | None = None  # open while the first PIN is asked for
        self.kiosk = KioskGuard(window, self.settings, lambda: self.staff.unlocked,
                                for_residents)
        window.look_changed.connect(self._apply_look)
        self.settings.changed.connect(self._on_setting_changed)
        self._apply_look(window.look)
        window.after_first_paint(self._add_staff_shortcut)

    def _add_staff_shortcut(self) -> None:
        self.staff.add_shortcut()

    @property
    def staff(self) -> StaffDoor:
        if self._staff is None:
            self._staff = self._make_staff_area(self)
        return self._staff

    @property
    def idle(self) -> IdleReset:
        if self._idle is None:
            from reader.ui.community.idle_reset import IdleReset

            self._idle = IdleReset(self.window, self.reset_for_next_resident, self._idle_clock,
                                   listening=self._listening, say=self._say)
            self._idle.apply_look(self.window.look)
        return self._idle

    @property
    def active(self) -> bool:
        """Community-centre mode is on."""
        return self.kiosk.active

    def install_crash_handler(self) -> None:
        self.crash.install()

    # --- community-centre mode ---------------------------------------------------------
    def start(self) -> None:
        """At start-up: community mode if asked for by the flag or by staff before (after
        the staff-only first-run step when no PIN is set yet)."""
        if self.kiosk_flag or self.settings.get("community_mode"):
            store = self.staff.pin_store()
            # A broken PIN file keeps the staff area locked (see reader.core.pin), but
            # residents can still read: no first-run step that could never be finished.
            if store.is_set or store.broken:
                self._start_community_mode()
            else:
                self._ask_for_the_first_pin()
        QTimer.singleShot(FILE_CHECK_DELAY_MS, self.report_broken_files)

    def _start_community_mode(self) -> None:
        self.enter(remember=False)
        self.reset_for_next_resident()  # nobody inherits the last session's look

    def _ask_for_the_first_pin(self) -> None:
        self.first_run = self._make_first_run(self.staff.pin_store())
        self.first_run.pin_set.connect(self._first_pin_set)
        self.first_run.quit_requested.connect(self.quit_program)
        self.window.look_changed.connect(self.first_run.apply_look)
        self.first_run.showFullScreen()

    def _first_pin_set(self) -> None:
        first_run, self.first_run = self.first_run, None
        if first_run is not None:
            first_run.setProperty("done", True)
            first_run.close()
            first_run.deleteLater()
        self._start_community_mode()

    @property
    def waiting_for_pin(self) -> bool:
        """The first-run step is open: the reading window must not be shown yet."""
        return self.first_run is not None

    def bring_to_front(self) -> None:
        """A second launch asked for the window."""
        if self.first_run is not None:
            self.first_run.showFullScreen()
            self.first_run.raise_()
            self.first_run.activateWindow()
        else:
            self.kiosk.bring_to_front()

    def enter(self, remember: bool = True) -> bool:
        """Community mode on; False (and nothing changes) while no staff PIN is set (a
        broken PIN file counts as set: it keeps the staff area locked)."""
        store = self.staff.pin_store()
        if not (store.is_set or store.broken):
            return False
        if remember:
            self.settings.set("community_mode", True)
        self.kiosk.enter()
        self.idle.start(self._idle_seconds())
        self.window.pointer_forced = True  # 特大鼠标 for every resident
        self.window.update_pointer()
        return True

    def leave(self) -> None:
        self.settings.set("community_mode", False)
        if self._idle is not None:
            self._idle.stop()
        self.kiosk.leave()
        self.window.pointer_forced = False
        self.window.update_pointer()

    def quit_program(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.kiosk.allow_quit()
        if self.first_run is not None:
            self.first_run.setProperty("done", True)
            self.first_run.close()
        self.window.close()
        QApplication.quit()

    def _idle_seconds(self) -> float:
        return 60.0 * int(self.settings.get("idle_minutes"))

    def _on_setting_changed(self, name: str, _value: object) -> None:
        if name == "idle_minutes" and self._idle is not None:
            self._idle.set_timeout(self._idle_seconds())

    # --- going back ---------------------------------------------------------------------------
    def back_home(self) -> None:
        """After the crash message: silence, no dialog in the way, home."""
        self.voice.stop_all()
        close_dialogs_and_popups()
        self.window.go_home()

    def reset_for_next_resident(self) -> None:
        """Speech stops, dialogs close, the staff area locks, and the window shows home
        with the staff's default size, script and theme."""
        window = self.window
        self.voice.stop_all()
        close_dialogs_and_popups()
        for field, default in RESET_FIELDS:
            self.settings.set(field, self.settings.get(default))
        self.settings.reset("speed")
        window.notice.hide()
        window.help_banner.hide()
        window.go_home()
        window.forget_places()
        area = window.home.scroll_area()
        area.verticalScrollBar().setValue(0)

    # --- broken files -------------------------------------------------------------------------
    def report_broken_files(self) -> None:
        """A plain line for whoever is at the PC when the settings or the library index
        had to be set aside; the details are in the staff area's 状况. (Card and local
        information problems are told by the topic-card feature.)"""
        lines = [STRINGS[key] for key, broken in (("kiosk.settings_problem", self.settings.problem),
                                                  ("kiosk.library_problem",
                                                   self._library_problems()))
                 if broken]
        if lines:
            # longer than a size notice: it asks for someone to come and look
            self.window.notice.show_message("\n".join(lines), seconds=30)

    def _apply_look(self, look: Look) -> None:
        self.crash.apply_look(look)
        if self._idle is not None:
            self._idle.apply_look(look)
