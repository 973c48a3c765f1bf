"""The speech worker: a child process that owns the engine and reads utterances aloud.

Started by SpeechService with multiprocessing's "spawn" method, so `worker_main` must
stay an importable top-level function and this module must stay light (no Qt, no
article code); a frozen program hands the child over through
`multiprocessing.freeze_support()` in reader/__main__.py.

Messages, as tuples over a multiprocessing Pipe:
  parent → worker  ("speak", generation, speed, [(utterance_id, text), ...]) | ("quit",)
  worker → parent  ("ready", voice_id, voice_kind, reason) | ("unavailable", part, detail)
                   | ("started", generation, id) | ("finished", generation, id)
                   | ("done", generation) | ("error", generation, detail)
                   | ("no_sound", generation, detail)  (the player could not play)
Consecutive items with the same id are one sentence said in several utterances: it
gets one "started" before the first and one "finished" after the last. The voice
(voices.py) may cut an utterance into parts; the next part is made while one plays.

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

from reader.speech import engine as tts
from reader.speech.voice_choice import VoiceChoice
from reader.speech.voices import Voice, open_voice

PARENT_CHECK_S = 0.5
WORKER_NICENESS = 5


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
    conn: Connection, voice: Voice, generation: int, items: list[tuple[str, str]]
) -> None:
    """Say every item, making each part while the one before it plays."""
    parts = [
        (uid, part)
        for n, (uid, text) in enumerate(items)
        for part in voice.parts(text, first=n == 0)
    ]
    current: str | None = None
    made = voice.make(parts[0][1]) if parts else None
    for index, (utterance_id, _part) in enumerate(parts):
        if utterance_id != current:
            if current is not None:
                conn.send(("finished", generation, current))
            conn.send(("started", generation, utterance_id))
            current = utterance_id
        playing = voice.play(made)
        if index + 1 < len(parts):
            made = voice.make(parts[index + 1][1])
        playing.wait()
    if current is not None:
        conn.send(("finished", generation, current))
    conn.send(("done", generation))


def worker_main(
    conn: Connection, temp_dir: str, parent_pid: int, choice: VoiceChoice = "auto"
) -> None:
    """Entry point of the worker process."""
    if os.name == "posix":
        # Own session and process group: the parent ends us together with the shell
        # and `aplay` the espeak driver starts, with one os.killpg.
        os.setsid()
        _watch_parent(parent_pid, temp_dir)
        # Synthesis is heavy work beside the window: the window comes first.
        os.nice(WORKER_NICENESS)
    # The espeak driver writes each utterance to a temporary WAV; keep them in a
    # folder the parent removes after killing us mid-sentence.
    tempfile.tempdir = temp_dir
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        _serve(conn, choice)


def _serve(conn: Connection, choice: VoiceChoice) -> None:
    # Imported here: the window imports this module, and pypinyin's tables are big.
    from reader.core.pronounce import pinyin_text
    from reader.core.pronunciation_list import use_lists as use_pronunciation_lists

    try:
        # Loads pypinyin's phrase table (seconds on a busy PC) now, not on the first press.
        pinyin_text("你好")
        voice = open_voice(choice, tts.DEFAULT_SPEED)
    except tts.SpeechUnavailable as exc:
        conn.send(("unavailable", exc.part, exc.detail))
        return
    except Exception as exc:  # anything else at start: the parent counts failed starts
        conn.send(("unavailable", "broken", repr(exc)))
        return
    status = voice.status
    conn.send(("ready", status.name, status.kind, status.reason))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent closed the pipe or is gone
        if message[0] != "speak":
            return
        _, generation, speed, items = message
        try:
            use_pronunciation_lists()  # staff may have changed theirs since the last reading
            voice.set_speed(speed)
            _read_aloud(conn, voice, generation, items)
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
