"""Content packs in the window: the background check and 从U盘导入内容包.

`ContentPacks(window, cards)` (made by reader.ui.compose after the first picture)
checks the subscribed source soon after start and then every few hours
(reader.core.pack_schedule), always in a thread of its own: a slow
or dead server must never hold up a resident's screen. What a check brings is shown
without changing the screen under a resident's hands: when home is on screen, its
tiles are rebuilt the next time the reader leaves it, or once nobody has touched the
PC for a minute (a PC left on home overnight shows the new articles in the morning).
The cards are read again at once (an open article keeps its place; its links follow
the new cards).
Staff see every outcome through `checked` (reader.ui.staff.packs_panel listens).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from reader import crash

if TYPE_CHECKING:
    from reader.core.article import Article
    from reader.core.pack_pull import PullResult
    from reader.core.pack_source import Timeouts
    from reader.ui.shell.main_window import MainWindow

# The pack code (urllib, cryptography) is imported in the checking thread, never on the
# UI thread: the window made this object right after its first picture.
QUIET_S = 60.0  # nobody touched the PC this long: home may change on screen
_INPUT = (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel,
          QEvent.Type.TouchBegin)


class ReloadsCards(Protocol):
    """The topic cards, read again from their folders after a pack brought new ones."""

    def reload_cards(self, folder: Path | None = None) -> None: ...


class ContentPacks(QObject):
    checked = Signal(object)  # PullResult, on the UI thread
    _finished = Signal(object)  # PullResult or None, from the worker thread (queued)

    def __init__(self, window: MainWindow, cards: ReloadsCards,
                 delay: Callable[[bool], float] | None = None,
                 timeouts: Timeouts | None = None, quiet_s: float = QUIET_S,
                 load_articles: Callable[[], list[Article]] | None = None) -> None:
        """`delay(first)`: seconds until the next background check (default: a few
        hours, spread: reader.core.pack_schedule). `quiet_s`: how long nobody must
        touch the PC before home, on screen, shows what a check brought.
        `load_articles`: what home shows after a check (default: a fresh load whose
        library problems nobody is told; compose gives the window's ArticlesSource)."""
        super().__init__(window)
        self.window = window
        self.cards = cards
        self._load_articles = load_articles
        self.delay = delay
        self.timeouts = timeouts
        self.busy = False
        self.last: PullResult | None = None
        self._thread: threading.Thread | None = None
        self._refresh_home_later = False
        self.quiet_s = quiet_s
        self._last_input = 0.0
        self._quiet_timer = QTimer(self)
        self._quiet_timer.setInterval(max(100, round(quiet_s * 1000 / 4)))
        self._quiet_timer.timeout.connect(self._check_quiet)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._scheduled)
        self._finished.connect(self._done)
        window.page_changed.connect(self._on_page_changed)

    # --- when -------------------------------------------------------------------------------
    def _next_delay_ms(self, first: bool) -> int:
        if self.delay is not None:
            return round(self.delay(first) * 1000)
        from reader.core.pack_schedule import next_check_delay

        return round(next_check_delay(first) * 1000)

    def start(self) -> None:
        """The first check soon after start, then one every few hours."""
        self._timer.start(self._next_delay_ms(True))

    def stop(self) -> None:
        self._timer.stop()

    def _scheduled(self) -> None:
        self.check_now(background=True)
        self._timer.start(self._next_delay_ms(False))

    # --- what -------------------------------------------------------------------------------
    def check_now(self, background: bool = False) -> bool:
        """Check the subscribed source in a thread; False when a check is under way. In
        the background, a PC that subscribes to nothing is left alone (nothing is said)."""
        timeouts = self.timeouts

        def job() -> PullResult | None:
            from reader.core.subscription import load_subscription

            subscription = load_subscription()
            if background and not subscription.source:
                return None
            from reader.core.content_store import ContentStore
            from reader.core.pack_pull import pull

            return pull(ContentStore(), subscription, timeouts=timeouts)

        return self._run(job)

    def import_file(self, path: Path) -> bool:
        """A pack file staff chose (from a USB stick), checked and applied in a thread."""

        def job() -> PullResult:
            from reader.core.content_store import ContentStore
            from reader.core.pack_pull import import_pack_file
            from reader.core.subscription import load_subscription

            return import_pack_file(ContentStore(), load_subscription(), path)

        return self._run(job)

    def wait(self, timeout: float = 60.0) -> None:
        """For tests and closing: until the running check has ended."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, job: Callable[[], PullResult | None]) -> bool:
        if self.busy:
            return False
        self.busy = True

        def work() -> None:
            try:
                result = job()
            except Exception:  # logged for us; staff read a plain sentence
                crash.log_error(*sys.exc_info())
                from reader.core.pack_pull import PullResult
                from reader.core.strings import text

                result = PullResult("retry", text("staff.packs.check_failed"))
            self._finished.emit(result)

        self._thread = threading.Thread(target=work, daemon=True, name="content-pack")
        self._thread.start()
        return True

    def _done(self, result: PullResult | None) -> None:
        self.busy = False
        if result is None:
            return
        self.last = result
        if result.outcome == "applied":
            self._show_new_content()
        self.checked.emit(result)

    # --- showing what came ----------------------------------------------------------------
    def _show_new_content(self) -> None:
        self.cards.reload_cards()
        if self.window.current_page() is self.window.home and self.window.isVisible():
            self._refresh_home_later = True
            self._last_input = time.monotonic()
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._quiet_timer.start()
        else:
            self._refresh_home()

    def _on_page_changed(self, name: str) -> None:
        if self._refresh_home_later and name != self.window.home.name:
            self._refresh_home()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While new tiles wait: when did someone last press, type or scroll?"""
        if event.type() in _INPUT:
            self._last_input = time.monotonic()
        return False

    def _check_quiet(self) -> None:
        """A PC left on home shows the new tiles once nobody has touched it for a while."""
        if time.monotonic() - self._last_input >= self.quiet_s:
            self._refresh_home()

    def _refresh_home(self) -> None:
        from reader.core.articles_source import load_articles

        load = self._load_articles or load_articles
        self._refresh_home_later = False
        self._quiet_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.window.set_articles(load())
