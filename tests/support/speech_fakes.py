"""Helpers for speech tests: a stand-in `aplay` (this machine has no sound card; see
reader.speech.silent_player) and a look at which processes are still alive."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reader.speech.service import SpeechEvent, SpeechService
from reader.speech.silent_player import PLAYER_SCRIPT as FAKE_APLAY


class FakePlayer:
    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        program = folder / "aplay"
        program.write_text(FAKE_APLAY)
        program.chmod(0o755)
        self.log = folder / "aplay.log"
        self.log.write_text("")
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        monkeypatch.setenv("FAKE_APLAY_LOG", str(self.log))
        self._monkeypatch = monkeypatch

    def cap_ms(self, ms: int) -> None:
        """Play at most `ms` of each utterance (set before the service starts)."""
        self._monkeypatch.setenv("FAKE_APLAY_MAX_MS", str(ms))

    def hang(self) -> None:
        self._monkeypatch.setenv("FAKE_APLAY_HANG", "1")

    def lines(self, kind: str) -> list[str]:
        return [ln for ln in self.log.read_text().splitlines() if ln.startswith(kind + " ")]

    def wait_for(self, kind: str, count: int = 1, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.lines(kind)) < count:
            assert time.monotonic() < deadline, f"the player never logged {count} × {kind}"
            time.sleep(0.01)


def live_in_group(pgid: int) -> list[str]:
    """Processes of a process group that are still running (zombies play nothing:
    this container's PID 1 does not reap orphans, a desktop's init does)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        state, _ppid, pgrp = stat[stat.rindex(")") + 2 :].split()[:3]
        if int(pgrp) == pgid and state not in ("Z", "X"):
            found.append(f"{entry.name} {name} {state}")
    return found


def players_in_group(pgid: int, player: FakePlayer, timeout: float = 10.0) -> set[str]:
    """PIDs of the stand-in players running in a process group, waiting until one is.

    A "start" line alone does not say a player is still running: an utterance may be
    short, and on a loaded machine the next one may not have started yet."""
    deadline = time.monotonic() + timeout
    while True:
        pids = {p.split()[0] for p in live_in_group(pgid) if p.split()[1] == "aplay"}
        if pids:
            return pids
        assert time.monotonic() < deadline, f"no player running; log: {player.log.read_text()!r}"
        time.sleep(0.01)


def wait_ready(service: SpeechService, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not service.worker_ready:
        assert time.monotonic() < deadline, "the speech worker did not get ready"
        time.sleep(0.01)


def events_until_end(service: SpeechService, timeout: float = 30.0) -> list[SpeechEvent]:
    """Poll until a reading ends ("done" or "error"); returns every event seen."""
    seen: list[SpeechEvent] = []
    deadline = time.monotonic() + timeout
    while True:
        seen.extend(service.poll_events())
        if seen and seen[-1].kind in ("done", "error"):
            return seen
        assert time.monotonic() < deadline, f"no end of reading; events so far: {seen}"
        time.sleep(0.01)


def events_until(service: SpeechService, kind: str, timeout: float = 20.0) -> list[SpeechEvent]:
    seen: list[SpeechEvent] = []
    deadline = time.monotonic() + timeout
    while not any(e.kind == kind for e in seen):
        assert time.monotonic() < deadline, f"no {kind} event; events so far: {seen}"
        seen.extend(service.poll_events())
        time.sleep(0.01)
    return seen
