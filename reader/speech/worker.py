"""The speech worker: a child process that owns the engine and reads utterances aloud.

Started by SpeechService with multiprocessing's "spawn" method, so `worker_main` must
stay an importable top-level function and this module must stay light (no Qt, no
article code); a frozen program hands the child over through
`multiprocessing.freeze_support()` in reader/__main__.py.

Messages, as tuples over a multiprocessing Pipe:
  parent → worker  ("speak", generation, speed, [(utterance_id, text), ...]) | ("quit",)
  worker → parent  ("ready", voice_id) | ("unavailable", part, detail)
                   | ("started", generation, id) | ("finished", generation, id)
                   | ("done", generation) | ("error", generation, detail)
                   | ("no_sound", generation, detail)  (the player could not play)
Consecutive items with the same id are one sentence said in several utterances: it
gets one "started" before the first and one "finished" after the last.

The worker reads one list at a time and is never interrupted by a message: to stop,
the parent kills it (see service.py), because pyttsx3's own stop() hangs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from reader.speech import engine as tts

PARENT_CHECK_S = 0.5


def _watch_parent(parent_pid: int, temp_dir: str) -> None:
    """If the program dies without stopping us (crash, kill -9), end our whole group,
    so `aplay` does not keep reading to an empty room, and remove our temp folder,
    which the program would have removed."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        shutil.rmtree(temp_dir, ignore_errors=True)
        os.killpg(os.getpgrp(), signal.SIGKILL)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _read_aloud(
    conn: Connection, engine: Any, generation: int, speed: tts.Speed, items: list[tuple[str, str]]
) -> Any:
    """Say every item; returns the engine to keep using (a new one on Windows)."""
    current: str | None = None
    for utterance_id, text in items:
        if utterance_id != current:
            if current is not None:
                conn.send(("finished", generation, current))
            conn.send(("started", generation, utterance_id))
            current = utterance_id
        if tts.FRESH_ENGINE_PER_UTTERANCE:
            del engine  # see FRESH_ENGINE_PER_UTTERANCE: one say() per engine on Windows
            engine = tts.open_engine(speed, fresh=True)
        tts.speak(engine, text)
    if current is not None:
        conn.send(("finished", generation, current))
    conn.send(("done", generation))
    return engine


def worker_main(conn: Connection, temp_dir: str, parent_pid: int) -> None:
    """Entry point of the worker process."""
    if os.name == "posix":
        # Own session and process group: the parent ends us together with the shell
        # and `aplay` the espeak driver starts, with one os.killpg.
        os.setsid()
        _watch_parent(parent_pid, temp_dir)
    # The espeak driver writes each utterance to a temporary WAV; keep them in a
    # folder the parent removes after killing us mid-sentence.
    tempfile.tempdir = temp_dir
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        _serve(conn)


def _serve(conn: Connection) -> None:
    try:
        engine = tts.open_engine(tts.DEFAULT_SPEED)
        voice = str(engine.getProperty("voice"))
    except tts.SpeechUnavailable as exc:
        conn.send(("unavailable", exc.part, exc.detail))
        return
    except Exception as exc:  # anything else at start: the parent counts failed starts
        conn.send(("unavailable", "broken", repr(exc)))
        return
    speed: tts.Speed = tts.DEFAULT_SPEED
    conn.send(("ready", voice))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent closed the pipe or is gone
        if message[0] != "speak":
            return
        _, generation, new_speed, items = message
        try:
            if new_speed != speed and not tts.FRESH_ENGINE_PER_UTTERANCE:
                tts.set_speed(engine, new_speed)
            speed = new_speed
            engine = _read_aloud(conn, engine, generation, new_speed, items)
        except (BrokenPipeError, EOFError):
            return
        except tts.SpeechUnavailable as exc:  # no sound: stop at this sentence and say so
            with contextlib.suppress(OSError):
                conn.send(("no_sound", generation, exc.detail))
            return
        except Exception as exc:  # the engine raised: report, and let the parent replace us
            with contextlib.suppress(OSError):
                conn.send(("error", generation, repr(exc)))
            return
