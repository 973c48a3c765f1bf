"""A soak test of the real window: thousands of random clicks, keys and wheel turns.

What a shared PC gets over a day, compressed: a resident presses anything, anywhere,
in any order, including inside dialogs (PIN keypad, print preview, the idle notice).
The driver schedules one action at a time with a fresh single-shot timer, so actions
keep coming inside a modal dialog's own event loop too. A heartbeat timer measures
the longest gap in the event loop (a frozen window shows up as a long gap).

Used by tests/ui/tools/test_soak.py (a short run) and `python -m reader soak` (a long one).
Nothing here may touch the user's files: the command runs with temporary settings,
data and home folders, and file dialogs answer "cancel" without opening.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QWidget,
)

if TYPE_CHECKING:
    from reader.ui.community.feature import Community
    from reader.ui.compose import Parts

KEYS = [
    Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Space,
    Qt.Key.Key_Escape, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Down,
    Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End,
    Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_5, Qt.Key.Key_0, Qt.Key.Key_Backspace,
    Qt.Key.Key_A,
]
CHORDS = [  # (key, modifiers): the size shortcuts and the staff-area chord
    (Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
]
HEARTBEAT_MS = 10
VISIT_EVERY = 150
LISTEN_EVERY = 2000  # actions between starts of reading aloud that are listened to
LISTEN_S = 5.0  # a listening visit waits this long at most for one whole sentence
PROGRESS_S = 30.0  # the command prints a line at least this often


@dataclass
class SoakReport:
    actions: int = 0
    clicks: int = 0
    keys: int = 0
    wheels: int = 0
    errors: list[str] = field(default_factory=list)  # uncaught exceptions (must be none)
    tracebacks: list[str] = field(default_factory=list)
    longest_stall_ms: float = 0.0  # longest gap between heartbeats beyond their period
    start: Memory = field(default_factory=lambda: Memory(0.0, 0.0, 0.0))  # after warm-up
    end: Memory = field(default_factory=lambda: Memory(0.0, 0.0, 0.0))
    pages_seen: set[str] = field(default_factory=set)
    dialogs_seen: set[str] = field(default_factory=set)
    sentences_started: int = 0  # read aloud: sentences that began to play
    sentences_finished: int = 0  # ...and that played to their end

    @property
    def growth_mb(self) -> float:
        """Memory growth after the warm-up, each page counted once (PSS; RSS elsewhere)."""
        return self.end.counted - self.start.counted

    def summary(self) -> str:
        return (
            f"{self.actions} actions ({self.clicks} clicks, {self.keys} keys, "
            f"{self.wheels} wheel turns); errors: {len(self.errors)}; longest stall "
            f"{self.longest_stall_ms:.0f} ms; memory after warm-up {self.start.counted:.1f} → "
            f"{self.end.counted:.1f} MB (growth {self.growth_mb:+.1f} MB; private "
            f"{self.end.private - self.start.private:+.1f} MB; RSS {self.start.rss:.1f} → "
            f"{self.end.rss:.1f} MB, {self.end.rss - self.start.rss:+.1f} MB); read aloud: "
            f"{self.sentences_started} sentences started, {self.sentences_finished} played to "
            f"the end; pages {sorted(self.pages_seen)}; dialogs {sorted(self.dialogs_seen)}"
        )

    def progress(self, total: int) -> str:
        now = memory_now()
        growth = f"{now.counted - self.start.counted:+.1f} MB since warm-up" \
            if self.start.counted else "warming up"
        return (f"{self.actions}/{total} actions; memory {now.counted:.1f} MB ({growth}; "
                f"RSS {now.rss:.1f} MB); longest stall {self.longest_stall_ms:.0f} ms; "
                f"errors {len(self.errors)}; sentences read aloud {self.sentences_finished}")


class Memory(NamedTuple):
    """The process's memory in MB. `counted` is PSS where Linux gives it: RSS counts
    a page of a font file once for every FreeType face that maps it, and Qt opens
    up to eight faces of the one Noto Sans CJK .ttc (SC, TC, JP, KR, HK and the Mono
    ones, for fallbacks), so RSS grew by font pages already in memory. `private` is
    the heap and other anonymous memory."""

    counted: float
    rss: float
    private: float


def memory_now() -> Memory:
    rss = rss_mb()
    fields: dict[str, float] = {}
    try:
        for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("Pss", "Pss_Anon") and value.split():
                fields[name] = int(value.split()[0]) / 1e3
    except (OSError, ValueError):
        pass
    return Memory(fields.get("Pss", rss), rss, fields.get("Pss_Anon", 0.0))


def rss_mb() -> float:
    """Resident memory now (Linux /proc; elsewhere the peak, which only grows)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def _targets() -> list[QWidget]:
    """Visible, enabled widgets of the active top-level window (a modal dialog when one
    is open, since a person cannot click past it either)."""
    top = QApplication.activeModalWidget() or QApplication.activeWindow()
    if top is None:
        tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        top = tops[-1] if tops else None
    if top is None:
        return []
    widgets = [top, *top.findChildren(QWidget)]
    return [w for w in widgets if w.isVisible() and w.isEnabled() and w.width() > 0]


class SoakDriver:
    def __init__(self, window: QWidget, actions: int, seed: int,
                 page_name: Callable[[], str] | None = None,
                 visits: list[Callable[[], object]] | None = None,
                 progress: Callable[[str], None] | None = None) -> None:
        self.window = window
        self.total = actions
        self.progress = progress  # gets a line every PROGRESS_S seconds (the command)
        self._last_progress = time.monotonic()
        # While a listening visit lasts the driver presses nothing: a resident listening.
        self._listen_until = 0.0
        self._finished_at_listen = 0
        self.read_aloud: Callable[[], object] | None = None  # starts a reading to listen to
        self.listen_every = LISTEN_EVERY
        # Every VISIT_EVERY actions one of `visits` runs (open a card, the PIN page…),
        # so each screen gets its share of random presses, not only the ones a random
        # walk happens to reach.
        self.visits = visits or []
        self._visits_made = 0
        self.remaining = actions
        # Memory and stalls count after a warm-up: the first actions meet every size,
        # both scripts and both themes for the first time, and Qt fills its font-engine
        # and glyph caches (heap) and maps more of the CJK font files (file-backed pages)
        # for each size and script shown; it trims both again on its own timers. A long
        # run warms up over its first tenth (at most 20,000 actions), so what counts is
        # the trend, not the first hours' caches.
        self.warmup = max(min(1000, max(200, actions // 4)), min(actions // 10, 20_000))
        self.rng = random.Random(seed)
        self.report = SoakReport()
        self.page_name = page_name
        self._last_beat = time.perf_counter()
        self._heartbeat = QTimer()
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last_beat) * 1000 - HEARTBEAT_MS
        self._last_beat = now
        if self.report.actions > self.warmup:
            self.report.longest_stall_ms = max(self.report.longest_stall_ms, gap)

    def run(self) -> SoakReport:
        """Drive the window until the actions are used up; returns the report."""
        old_hook = sys.excepthook

        def record(kind: type[BaseException], error: BaseException,
                   tb: TracebackType | None) -> None:
            self.report.errors.append(f"{kind.__name__}: {error}")
            self.report.tracebacks.append("".join(traceback.format_exception(kind, error, tb)))
            old_hook(kind, error, tb)

        sys.excepthook = record
        self._heartbeat.start()
        # A real event loop, not processEvents() in a loop: objects closed with
        # deleteLater() are only freed when control returns to an event loop.
        self._loop = QEventLoop()
        try:
            QTimer.singleShot(0, self._step)
            self._loop.exec()
            self._close_dialogs()
        finally:
            self._heartbeat.stop()
            sys.excepthook = old_hook
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        self.report.end = memory_now()
        return self.report

    def listen(self) -> None:
        """Hold still while the window reads aloud: until one sentence has played to its
        end, or LISTEN_S seconds (random presses would stop every reading at once)."""
        self._listen_until = time.monotonic() + LISTEN_S
        self._finished_at_listen = self.report.sentences_finished

    def count_speech(self, bridge: QObject) -> None:
        """Count the sentences a speech bridge (reader.ui.shell.speech_bridge) plays."""
        def started(_uid: str) -> None:
            self.report.sentences_started += 1

        def finished(_uid: str) -> None:
            self.report.sentences_finished += 1

        bridge.sentenceStarted.connect(started)  # type: ignore[attr-defined]
        bridge.sentenceFinished.connect(finished)  # type: ignore[attr-defined]

    def _listening(self) -> bool:
        if not self._listen_until:
            return False
        if time.monotonic() < self._listen_until and \
                self.report.sentences_finished == self._finished_at_listen:
            return True
        self._listen_until = 0.0
        return False

    def _step(self) -> None:
        if self._listening():
            QTimer.singleShot(20, self._step)
            return
        if self.progress and time.monotonic() - self._last_progress >= PROGRESS_S:
            self._last_progress = time.monotonic()
            self.progress(self.report.progress(self.total))
        if self.remaining <= 0:
            self._close_dialogs()
            self._loop.quit()
            return
        self.remaining -= 1
        self.report.actions += 1
        if self.report.actions == self.warmup:
            gc.collect()
            self.report.start = memory_now()
        # Schedule the next action first: if this one opens a modal dialog, its nested
        # event loop runs that timer, and the soak goes on inside the dialog.
        QTimer.singleShot(0, self._step)
        self._note_where()
        if self.read_aloud and self.report.actions % self.listen_every == 0:
            self._close_dialogs()
            self.read_aloud()
            return
        if self.visits and self.report.actions % VISIT_EVERY == 0:
            self._close_dialogs()
            # In turn, not at random: a short run must still reach every screen.
            self.visits[self._visits_made % len(self.visits)]()
            self._visits_made += 1
            return
        roll = self.rng.random()
        if roll < 0.6:
            self._click()
        elif roll < 0.9:
            self._key()
        else:
            self._wheel()

    def _note_where(self) -> None:
        if self.page_name:
            self.report.pages_seen.add(self.page_name())
        modal = QApplication.activeModalWidget()
        if modal is not None:
            self.report.dialogs_seen.add(type(modal).__name__)

    def _click(self) -> None:
        targets = _targets()
        if not targets:
            return
        buttons = [w for w in targets if isinstance(w, QAbstractButton)]
        # Most presses land on buttons (that is what people aim at); some anywhere.
        pool = buttons if buttons and self.rng.random() < 0.7 else targets
        widget = self.rng.choice(pool)
        point = QPoint(self.rng.randrange(max(1, widget.width())),
                       self.rng.randrange(max(1, widget.height())))
        self.report.clicks += 1
        if self.rng.random() < 0.15:  # the elderly double-click habit
            QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                              point)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             point)

    def _key(self) -> None:
        target = QApplication.focusWidget() or QApplication.activeWindow() or self.window
        self.report.keys += 1
        if self.rng.random() < 0.08:
            key, modifiers = self.rng.choice(CHORDS)
            QTest.keyClick(target, key, modifiers)
        else:
            QTest.keyClick(target, self.rng.choice(KEYS))

    def _wheel(self) -> None:
        targets = _targets()
        if not targets:
            return
        widget = self.rng.choice(targets)
        centre = QPointF(widget.width() / 2, widget.height() / 2)
        delta = self.rng.choice([-360, -120, 120, 360])
        event = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(), QPoint(0, delta),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        self.report.wheels += 1
        QApplication.sendEvent(widget, event)

    def _close_dialogs(self) -> None:
        from reader.ui.community.crash_guard import close_dialogs_and_popups

        close_dialogs_and_popups()
        QApplication.processEvents()


def keep_dialogs_inside(community: Community | None = None) -> None:
    """File dialogs would let random clicks create or rename files, an editor would
    leave the program, and 退出程序 would end the soak: answer "cancel" / do nothing
    instead. Message boxes still open and get clicked like anything else."""
    QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: ([], ""))  # type: ignore[method-assign]
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: ("", ""))  # type: ignore[method-assign]
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: ("", ""))  # type: ignore[method-assign]
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: "")  # type: ignore[method-assign]
    from reader.ui.staff import local_info_panel

    local_info_panel.open_in_text_editor = lambda path, report: report(True)
    if community is not None:
        community.quit_program = lambda: None  # type: ignore[method-assign]


def descendants(pid: int | None = None) -> list[str]:
    """Running processes below `pid` (default: this one), as "pid name" — except
    multiprocessing's resource tracker (idle bookkeeping) and the print-font builder
    (it ends by itself within seconds and is killed at exit), which are not speech.
    Zombies are left out: they run nothing (this container's init never reaps them)."""
    root = pid or os.getpid()
    table: dict[int, tuple[int, str, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        ignored = "resource_tracker" in cmdline or "build-print-font" in cmdline
        if state not in ("Z", "X") and not ignored:
            table[int(entry.name)] = (int(ppid), name, cmdline)
    found = []
    for child, (_ppid, name, _cmd) in table.items():
        parent = child
        while parent in table and parent != root:
            parent = table[parent][0]
        if parent == root and child != root:
            found.append(f"{child} {name}")
    return found


def cmd_soak(args: argparse.Namespace) -> int:
    """`python -m reader soak [--events N] [--seed S]`: the long run, printed as it goes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as scratch:
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "HOME", "APPDATA"):
            os.environ[var] = str(Path(scratch) / var.lower())
        from reader.speech import silent_player
        from reader.ui.compose import build_program

        if not silent_player.has_sound_card():  # espeak still speaks for real
            silent_player.install(Path(scratch) / "player")
            print("no sound card: sentences are played by a silent stand-in for aplay")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        program = build_program(kiosk=False)
        window = program.window
        keep_dialogs_inside(program.community)
        window.resize(1280, 800)
        window.show()
        QApplication.processEvents()
        driver = make_driver(program, args.events, args.seed,
                             progress=lambda line: print(line, flush=True))
        print(f"soak: {args.events} actions, seed {args.seed}; memory growth counts after "
              f"{driver.warmup} warm-up actions (memory now {memory_now().counted:.1f} MB)",
              flush=True)
        report = driver.run()
        print(report.summary(), flush=True)
        healthy = responds_normally(window)
        print("still responds normally:", "yes" if healthy else "NO")
        window.close()
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)
        left = descendants()
        print("processes left after closing:", left or "none")
    return 0 if healthy and not report.errors and not left else 1


def make_driver(parts: Parts, actions: int, seed: int,
                progress: Callable[[str], None] | None = None) -> SoakDriver:
    """A driver over the real window: its screens visited in turn, reading aloud started
    and listened to, the sentences played counted."""
    window = parts.window
    driver = SoakDriver(window, actions, seed, page_name=lambda: window.current_page().name,
                        visits=standard_visits(parts), progress=progress)
    parts.voice.start()
    bridge = parts.voice.bridge
    if bridge is not None:
        driver.count_speech(bridge)

    def read_aloud() -> None:
        window.open_article(driver.rng.choice(window.articles).id)
        parts.read_aloud.read_all()
        driver.listen()

    driver.read_aloud = read_aloud
    return driver


def standard_visits(parts: Parts) -> list[Callable[[], object]]:
    """Jumps to each screen of the real window: home, an article, a card, the PIN page."""
    window = parts.window
    staff_chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return [
        window.go_home,
        lambda: window.open_article(window.articles[0].id),
        lambda: window.open_article(window.articles[-1].id),
        lambda: parts.cards.open_card("dibao"),
        lambda: QTest.keyClick(window, Qt.Key.Key_S, staff_chord),
    ]


def responds_normally(window: QWidget) -> bool:
    """After the soak: home, open the first article, one size step; all must work."""
    from reader.ui.shell.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.go_home()
    QApplication.processEvents()
    if window.current_page().name != "home":
        return False
    first = window.articles[0]
    if not window.open_article(first.id):
        return False
    QApplication.processEvents()
    return window.current_page().name == "article"
