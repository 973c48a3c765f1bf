"""Opening and locking the staff area.

Ctrl+Alt+S (from anywhere in the window) shows the PIN page; the right PIN (or, the
first time, a new PIN typed twice) shows the staff page. Leaving the staff pages in
any way (锁上，回首页, the toolbar's 首页, Esc, the idle reset) locks it again, so the
next person at the PC meets the PIN page. Files dropped on the window go to 添加文章
while the staff area is open, and are refused on the residents' side.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut

from reader.core.article import Article

if TYPE_CHECKING:
    from reader.core.library import Library
    from reader.core.pin import PinStore
    from reader.speech.voices import VoiceStatus
    from reader.ui.shell.main_window import MainWindow
    from reader.ui.staff.context import (
        CardsSource,
        CommunityControls,
        PackChecks,
        StaffContext,
        StaffPrinting,
    )
    from reader.ui.staff.pin_page import PinPage
    from reader.ui.staff.staff_page import StaffPage

SHORTCUT = "Ctrl+Alt+S"
STAFF_PAGES = ("staff_pin", "staff")


class StaffArea(QObject):
    def __init__(self, window: MainWindow, community: CommunityControls,
                 stop_speech: Callable[[], None], cards: CardsSource,
                 content_packs: Callable[[], PackChecks | None],
                 printing: StaffPrinting,
                 pin_clock: Callable[[], float] = time.time,
                 voice_status: Callable[[], VoiceStatus | None] = lambda: None,
                 library_problems: Callable[[], Sequence[str]] = lambda: ()) -> None:
        super().__init__(window)
        self._library_problems = library_problems
        self.window = window
        self.community = community
        self._stop_speech = stop_speech
        self._voice_status = voice_status
        self.cards = cards
        self._content_packs = content_packs
        self._printing = printing
        self.pin_clock = pin_clock
        self.unlocked = False
        self._store: PinStore | None = None
        self._pin_page: PinPage | None = None
        self._staff_page: StaffPage | None = None
        self._library: Library | None = None
        self.shortcut: QShortcut | None = None
        self._to_tell: list[str] = []  # problems staff have not been told yet
        self._told: set[str] = set()
        window.settings.save_failed.connect(self.tell_staff)
        if window.settings.save_problem:
            self.tell_staff(window.settings.save_problem)
        window.page_changed.connect(self._on_page_changed)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def add_shortcut(self) -> None:
        """Made after the first paint (building key sequences loads Qt's key tables)."""
        if self.shortcut is None:
            self.shortcut = QShortcut(QKeySequence(SHORTCUT), self.window)
            self.shortcut.setAutoRepeat(False)
            self.shortcut.activated.connect(self.open)

    # --- pages ------------------------------------------------------------------------------
    def pin_store(self) -> PinStore:
        if self._store is None:
            from reader.core.pin import PinStore, pin_file

            self._store = PinStore(pin_file())
        return self._store

    def pin_page(self) -> PinPage:
        if self._pin_page is None:
            from reader.ui.staff.pin_page import PinPage

            self._pin_page = PinPage(self.pin_store(), self.pin_clock)
            self._pin_page.unlocked.connect(self._on_pin_accepted)
            self._pin_page.back_requested.connect(self.lock_and_go_home)
            self.window.register_page(self._pin_page)
        return self._pin_page

    def context(self) -> StaffContext:
        """What the panels may use (see context.py)."""
        from reader.ui.staff.context import StaffContext

        window = self.window
        return StaffContext(
            settings=window.settings, look=lambda: window.look, community=self.community,
            cards=self.cards, library=self.library, articles_changed=self.articles_changed,
            pin_store=self.pin_store, change_pin=self.change_pin,
            lock_and_go_home=self.lock_and_go_home, idle_minutes=self.idle_minutes,
            content_packs=self._content_packs, usage=window.usage_counts,
            stop_speech=self._stop_speech, voice_status=self._voice_status,
            printing=self._printing,
            library_problems=self._library_problems)

    def staff_page(self) -> StaffPage:
        if self._staff_page is None:
            from reader.ui.staff.staff_page import StaffPage

            self._staff_page = StaffPage(self.context())
            self.window.register_page(self._staff_page)
        return self._staff_page

    def open(self) -> None:
        """Ctrl+Alt+S: the PIN page (or nothing, when the staff page is already open)."""
        if self.unlocked and self.window.current_page().name == "staff":
            return
        self._stop_speech()
        store = self.pin_store()
        store.reload_if_broken()  # reset at the PC since it was found broken?
        page = self.pin_page()
        page.start("locked" if store.broken else "check" if store.is_set else "set")
        self.unlocked = False
        self.window.show_page(page.name)

    def change_pin(self) -> None:
        if not self.unlocked:
            return
        page = self.pin_page()
        page.start("change")
        self.window.show_page(page.name)  # still unlocked: a staff page

    def _on_pin_accepted(self) -> None:
        self.unlocked = True
        page = self.staff_page()
        self.window.show_page(page.name)
        page.show_section(page.current or "status")
        if self.pin_store().problem:
            self.tell_staff(self.pin_store().problem)
        self._tell_now()

    # --- problems said once, to staff ------------------------------------------------------
    def tell_staff(self, message: str) -> None:
        """A problem for staff (a change that could not be saved): shown once, now if
        the staff area is open, else right after the next PIN; 状况 keeps listing it."""
        if message not in self._told and message not in self._to_tell:
            self._to_tell.append(message)
        if self.unlocked:
            self._tell_now()

    def _tell_now(self) -> None:
        if self._to_tell:
            self._told.update(self._to_tell)
            self.window.notice.show_message("\n".join(self._to_tell), seconds=30)
            self._to_tell.clear()

    def show_section(self, key: str) -> None:
        if self.unlocked:
            page = self.staff_page()
            self.window.show_page(page.name)
            page.show_section(key)

    def lock_and_go_home(self) -> None:
        self.window.go_home()  # page_changed locks

    def _on_page_changed(self, name: str) -> None:
        if name not in STAFF_PAGES:
            self.unlocked = False

    # --- what the panels share --------------------------------------------------------------
    def library(self) -> Library:
        if self._library is None:
            from reader.core.articles_source import cached_seeds
            from reader.core.library import Library

            self._library = Library(seeds=cached_seeds)
        else:
            self._library.reload()  # the command line may have changed it meanwhile
        return self._library

    def articles_changed(self) -> None:
        """The library changed: home shows what residents may now see."""
        from reader.core.articles_source import newest_first

        library = self._library
        if library is None:
            return
        self.window.set_articles(newest_first(library.articles()))

    def visible_articles(self) -> list[Article]:
        return list(self.window.articles)

    def idle_minutes(self) -> int:
        """Minutes until the idle reset, or 0 when there is none (not community mode)."""
        return int(self.window.settings.get("idle_minutes")) if self.community.active else 0

    # --- dropped files ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove,
                                               QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)
            wanted = self.unlocked and self.window.current_page().name == "staff" \
                and event.mimeData().hasUrls()
            if not wanted:
                event.ignore()
                return True
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                paths = [Path(url.toLocalFile()) for url in event.mimeData().urls()
                         if url.isLocalFile()]
                self.import_files(paths)
            return True
        return False

    def import_files(self, paths: list[Path]) -> None:
        if not self.unlocked:
            return
        page = self.staff_page()
        page.show_section("import")
        from reader.ui.staff.import_panel import ImportPanel

        panel = page.panel("import")
        assert isinstance(panel, ImportPanel)
        panel.add_files(paths)
