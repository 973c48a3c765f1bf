"""A stand-in SpeechService for window tests: it records what it was asked and says
nothing; the test plays the worker's part with `start(n)`, `finish(n)`, `done()` and
`fail(message)`. (tests/speech/test_speech_service.py and tests/ui/read_aloud/test_speech_bridge.py
test the real service.)"""

from __future__ import annotations

from collections.abc import Iterable

from reader.speech.engine import DEFAULT_SPEED, Speed
from reader.speech.service import SpeechEvent, SpeechService


class FakeSpeechService(SpeechService):
    def __init__(self, unavailable: str | None = None) -> None:
        super().__init__(warm=False)  # no worker process
        self.problem = unavailable
        self.calls: list[tuple[str, object]] = []  # ("speak", (items, speed)) / ("stop", None)
        self.items: list[tuple[str, str]] = []  # the last reading asked for
        self.speed: Speed | None = None
        self._pending: list[SpeechEvent] = []
        self._playing = False

    # --- what the window calls ---
    def availability(self) -> str | None:
        return self.problem

    def speak(self, items: Iterable[tuple[str, str]], speed: Speed = DEFAULT_SPEED) -> None:
        self.items = [(str(uid), text) for uid, text in items]
        self.speed = speed
        self.calls.append(("speak", (list(self.items), speed)))
        self._pending.clear()
        self._playing = bool(self.items)

    def stop(self) -> None:
        self.calls.append(("stop", None))
        self._pending.clear()
        self._playing = False

    def poll_events(self) -> list[SpeechEvent]:
        events, self._pending = self._pending, []
        return events

    def close(self) -> None:
        self.calls.append(("close", None))
        self._playing = False

    @property
    def reading(self) -> bool:
        return self._playing

    # --- what the test calls (the worker's part) ---
    @staticmethod
    def sentence_of(uid: str) -> str:
        """The sentence an utterance id belongs to: the article's read-aloud gives each
        part of a sentence its own id, "reading:sentence:part"; other callers give all
        parts of a sentence one id ("card3:7")."""
        return uid.rsplit(":", 1)[0] if uid.count(":") >= 2 else uid

    def sentences(self) -> dict[str, list[str]]:
        """The last reading's utterance ids, grouped by sentence, in order."""
        grouped: dict[str, list[str]] = {}
        for uid, _text in self.items:
            grouped.setdefault(self.sentence_of(uid), []).append(uid)
        return grouped

    def sentence_ids(self) -> list[str]:
        return list(self.sentences())

    def sentence_texts(self) -> list[str]:
        """What the engine was asked to say, one string per sentence."""
        texts: dict[str, str] = {}
        for uid, text in self.items:
            key = self.sentence_of(uid)
            texts[key] = texts.get(key, "") + text
        return list(texts.values())

    def start(self, n: int, part: int = 0) -> str:
        """The worker starts part `part` of the n-th sentence of the last reading."""
        uid = list(self.sentences().values())[n][part]
        self._pending.append(SpeechEvent("started", uid))
        return uid

    def finish(self, n: int) -> None:
        """The worker finishes the n-th sentence (its last part)."""
        self._pending.append(SpeechEvent("finished", list(self.sentences().values())[n][-1]))

    def done(self) -> None:
        self._pending.append(SpeechEvent("done"))
        self._playing = False

    def fail(self, message: str) -> None:
        self._pending.append(SpeechEvent("error", message=message, detail="test"))
        self._playing = False

    def count(self, kind: str) -> int:
        return sum(1 for name, _ in self.calls if name == kind)
