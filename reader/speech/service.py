"""SpeechService: read aloud through a worker process, without ever blocking the caller.

The engine runs in a child process (reader/speech/worker.py) because pyttsx3 blocks,
clashes with GUI loops, and cannot be stopped: its stop() hangs with the espeak driver,
whose `aplay` survives the worker's terminate(). So stopping means killing: the worker
lives in its own process group on POSIX and `os.killpg` ends it together with its
shell and `aplay` (measured: 4 ms); on Windows the engine plays inside the worker and
terminate() is enough. A fresh worker is started at once, so the next reading finds
one warm.

Qt-free: the window wraps this in reader/ui/shell/speech_bridge.py, which calls
`poll_events()` from a timer. Hang checks run inside `poll_events()`, so it must be
called regularly while reading.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Literal

from reader.speech import engine as tts
from reader.speech.voice_choice import VoiceChoice
from reader.speech.voices import VoiceStatus, configured_voice, missing_part
from reader.speech.worker import worker_main

READING_ERROR = "朗读出了点问题，已经停下。请再按一次“朗读”。"
# A worker that says nothing for this long while reading is taken as hung …
SILENCE_LIMIT_S = 10.0
# … plus this much per character of the sentence being said (slow speed says about
# three characters a second; this leaves room for a slow computer).
SECONDS_PER_CHAR = 0.7
STARTUP_LIMIT_S = 20.0  # from start to "ready"; measured ~0.2 s on a warm disk
MAX_FAILED_STARTS = 3  # then speech is reported broken instead of restarting forever
KILL_WAIT_S = 1.0

EventKind = Literal["started", "finished", "done", "error"]


@dataclass(frozen=True)
class SpeechEvent:
    kind: EventKind
    utterance_id: str = ""
    message: str = ""  # "error": plain Chinese for the resident
    no_sound: bool = False  # "error": this PC could not play the sound
    detail: str = ""  # "error": what went wrong, for the log


@dataclass(eq=False)  # hashed by identity, for _LIVE_WORKERS
class _Worker:
    process: BaseProcess
    conn: Connection
    temp_dir: str
    started_at: float
    ready: bool = False
    voice: VoiceStatus | None = None
    start_problem: str = ""  # detail of an "unavailable broken" message


@dataclass
class _Reading:
    generation: int
    speed: tts.Speed
    items: list[tuple[str, str]]
    sent: bool = False
    chars: dict[str, int] = field(default_factory=dict)  # per sentence id, for hang limits


_LIVE_WORKERS: set[_Worker] = set()


def _kill(worker: _Worker) -> None:
    """End the worker and everything it started; wait for it to be gone."""
    pid = worker.process.pid
    if pid is not None and hasattr(os, "killpg"):
        # ProcessLookupError: the worker has not made its group yet, so it has no
        # children either; killing the process below is enough.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(OSError, ValueError):
        worker.process.kill()  # Windows: TerminateProcess; the sound plays in-process
    worker.process.join(KILL_WAIT_S)
    _discard(worker)


def _discard(worker: _Worker) -> None:
    worker.conn.close()
    worker.process.join(KILL_WAIT_S)
    shutil.rmtree(worker.temp_dir, ignore_errors=True)
    _LIVE_WORKERS.discard(worker)


@atexit.register
def _kill_all_workers() -> None:
    # Runs before multiprocessing's own exit handler (atexit is last-in first-out),
    # which would only terminate() the workers and leave `aplay` playing.
    for worker in list(_LIVE_WORKERS):
        _kill(worker)


class SpeechService:
    """Reads lists of (utterance_id, text) aloud; reports progress as SpeechEvents.

    Only one reading exists at a time: speak() replaces the current one, and a burst
    of speak() calls while the worker is still starting gives only the last reading.
    """

    def __init__(self, *, warm: bool = True, voice: VoiceChoice | None = None) -> None:
        self.voice_choice: VoiceChoice = voice or configured_voice()
        self._context = multiprocessing.get_context("spawn")
        self._worker: _Worker | None = None
        self._reading: _Reading | None = None
        self._events: deque[SpeechEvent] = deque()
        self._generation = 0
        self._failed_starts = 0
        self._unavailable: tts.MissingPart | None = None
        self.unavailable_detail = ""
        self._deadline: float | None = None
        self._closed = False
        if warm and self._missing_part() is None:
            self._start_worker()

    # ---- what callers use ----

    def _missing_part(self) -> tts.MissingPart | None:
        return missing_part(self.voice_choice)

    def availability(self) -> str | None:
        """None when speech should work, else the plain reason (这台电脑还不能朗读…)."""
        part = self._missing_part() or self._unavailable
        return tts.unavailable_message(part) if part else None

    def speak(self, items: Iterable[tuple[str, str]], speed: tts.Speed = tts.DEFAULT_SPEED) -> None:
        """Stop the current reading and read `items` instead."""
        if self._closed:
            raise RuntimeError("SpeechService is closed")
        self._collect()
        self._stop_reading()
        problem = self.availability()
        if problem:
            self._events.append(
                SpeechEvent("error", message=problem, detail=self.unavailable_detail)
            )
            return
        spoken = [(str(uid), text) for uid, text in items if text.strip()]
        if not spoken:
            self._events.append(SpeechEvent("done"))
            return
        self._generation += 1
        reading = _Reading(self._generation, speed, spoken)
        for uid, text in spoken:
            reading.chars[uid] = reading.chars.get(uid, 0) + len(text)
        self._reading = reading
        if self._worker is None:
            self._start_worker()
        self._send_if_ready()

    def stop(self) -> None:
        """Silence now: ends the worker's process group if it may be speaking."""
        self._collect()
        self._stop_reading()
        if self._worker is None and self._unavailable is None and self._missing_part() is None:
            self._start_worker()

    def set_voice(self, choice: VoiceChoice) -> None:
        """Use another voice from the next reading on (stops the current one)."""
        if choice == self.voice_choice:
            return
        self.voice_choice = choice
        self._unavailable, self.unavailable_detail = None, ""
        self._failed_starts = 0
        self._stop_reading()
        self._replace_worker()

    def poll_events(self) -> list[SpeechEvent]:
        """Events since the last call; never blocks. Also notices dead or hung workers."""
        if self._closed:
            return []
        self._collect()
        events = list(self._events)
        self._events.clear()
        return events

    def close(self) -> None:
        """Stop and leave no process behind."""
        self._closed = True
        self._reading = None
        self._events.clear()
        if self._worker is not None:
            _kill(self._worker)
            self._worker = None

    @property
    def reading(self) -> bool:
        return self._reading is not None

    @property
    def worker_pid(self) -> int | None:
        return self._worker.process.pid if self._worker else None

    @property
    def voice(self) -> str:
        """The id of the voice the worker uses, once it is ready."""
        return self._worker.voice.name if self._worker and self._worker.voice else ""

    @property
    def voice_status(self) -> VoiceStatus | None:
        """Which voice the worker uses and why (e.g. the neural voice's files are
        missing, so espeak-ng), once it is ready."""
        self._collect()
        return self._worker.voice if self._worker else None

    @property
    def worker_ready(self) -> bool:
        self._collect()
        return bool(self._worker and self._worker.ready)

    # ---- worker lifecycle ----

    def _start_worker(self) -> None:
        temp_dir = tempfile.mkdtemp(prefix="dazi-speech-")
        # The espeak driver runs `aplay <path>` through a shell, unquoted.
        if any(ch.isspace() for ch in temp_dir):
            shutil.rmtree(temp_dir, ignore_errors=True)
            temp_dir = tempfile.mkdtemp(prefix="dazi-speech-", dir="/tmp")
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(
            target=worker_main,
            args=(child_end, temp_dir, os.getpid(), self.voice_choice),
            name="dazi-speech",
            daemon=True,
        )
        process.start()
        child_end.close()  # so a dead worker shows as end-of-file on our end
        self._worker = _Worker(process, parent_end, temp_dir, time.monotonic())
        _LIVE_WORKERS.add(self._worker)

    def _replace_worker(self) -> None:
        if self._worker is not None:
            _kill(self._worker)
            self._worker = None
        if not self._closed and self._unavailable is None:
            self._start_worker()

    def _stop_reading(self) -> None:
        if self._reading is not None and self._reading.sent:
            self._replace_worker()  # it may be speaking: the only sure stop is a kill
        self._reading = None
        self._deadline = None
        self._events.clear()

    def _send_if_ready(self) -> None:
        worker, reading = self._worker, self._reading
        if worker is None or reading is None or reading.sent or not worker.ready:
            return
        try:
            worker.conn.send(("speak", reading.generation, reading.speed, reading.items))
        except OSError:
            self._worker_gone(worker, "the worker's pipe is closed")
            return
        reading.sent = True
        self._deadline = time.monotonic() + SILENCE_LIMIT_S

    # ---- events from the worker ----

    def _collect(self) -> None:
        worker = self._worker
        if worker is None:
            return
        try:
            while worker.conn.poll(0):
                self._handle(worker, worker.conn.recv())
                if self._worker is not worker:
                    return  # replaced while handling an error
        except (EOFError, OSError):
            self._worker_gone(worker, worker.start_problem or "the worker ended")
            return
        if worker.process.exitcode is not None:
            self._worker_gone(worker, f"the worker exited with code {worker.process.exitcode}")
            return
        self._check_time(worker)

    def _handle(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            worker.voice = VoiceStatus(message[2], str(message[1]), str(message[3]))
            self._failed_starts = 0
            self._send_if_ready()
            return
        if kind == "unavailable":
            part, detail = message[1], str(message[2])
            if part == "broken":
                worker.start_problem = detail  # counted as a failed start when it exits
            else:
                self._unavailable, self.unavailable_detail = part, detail
            return
        reading = self._reading
        if reading is None or message[1] != reading.generation:
            return  # from a reading that was replaced
        now = time.monotonic()
        if kind == "started":
            uid = str(message[2])
            self._events.append(SpeechEvent("started", uid))
            self._deadline = now + SILENCE_LIMIT_S + SECONDS_PER_CHAR * reading.chars.get(uid, 0)
        elif kind == "finished":
            self._events.append(SpeechEvent("finished", str(message[2])))
            self._deadline = now + SILENCE_LIMIT_S
        elif kind == "done":
            self._events.append(SpeechEvent("done"))
            self._reading, self._deadline = None, None
        elif kind == "error":
            self._fail(str(message[2]))
            self._replace_worker()
        elif kind == "no_sound":
            # Not remembered as unavailable: once staff plug in a speaker, the next
            # press reads again (and finds out again, on its first sentence, if not).
            self._fail(str(message[2]), tts.unavailable_message("sound"), no_sound=True)
            self._replace_worker()

    def _fail(self, detail: str, message: str = READING_ERROR, no_sound: bool = False) -> None:
        self._events.append(SpeechEvent("error", message=message, detail=detail,
                                        no_sound=no_sound))
        self._reading, self._deadline = None, None

    def _worker_gone(self, worker: _Worker, detail: str) -> None:
        """The worker died on its own (or said it cannot speak, and exited)."""
        _kill(worker)
        self._worker = None
        if self._unavailable is not None:
            if self._reading is not None:
                self._fail(self.unavailable_detail, tts.unavailable_message(self._unavailable))
            return
        if not worker.ready:
            self._failed_starts += 1
            if self._failed_starts >= MAX_FAILED_STARTS:
                self._unavailable, self.unavailable_detail = "broken", detail
                if self._reading is not None:
                    self._fail(detail, tts.unavailable_message("broken"))
                return
        if self._reading is not None and self._reading.sent:
            self._fail(detail)
        if not self._closed:
            self._start_worker()  # a reading not sent yet goes to the new worker

    def _check_time(self, worker: _Worker) -> None:
        now = time.monotonic()
        if self._reading is not None and self._reading.sent:
            if self._deadline is not None and now > self._deadline:
                self._fail("the worker stopped answering while reading")
                self._replace_worker()
        elif not worker.ready and now - worker.started_at > STARTUP_LIMIT_S:
            if self._reading is not None:  # the resident has waited long enough
                self._fail("the worker did not start in time")
            self._worker_gone(worker, "the worker did not start in time")
