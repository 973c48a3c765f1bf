"""Speech for the window: SpeechService's events as Qt signals, never blocking the UI.

A QTimer polls the service (every 20 ms while reading, 250 ms when idle, so a
worker that died between readings is still replaced). Polling never waits: the
service only looks at its pipe with a zero timeout. A QSocketNotifier would not
work on Windows, where the pipe is not a socket.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from reader.speech.engine import DEFAULT_SPEED, Speed
from reader.speech.service import SpeechService

log = logging.getLogger(__name__)

BUSY_POLL_MS = 20
IDLE_POLL_MS = 250


class SpeechBridge(QObject):
    """Read aloud from the window.

    speak([(sentence_id, text), ...]) — consecutive items with the same id are one
    sentence said in parts (SpokenSentence.chunks); it is announced once.
    Signals: sentenceStarted(id), sentenceFinished(id), finished() at the end of a
    reading, failed(plain Chinese message) when speech cannot go on. stop() emits
    nothing: the caller knows it stopped.
    """

    sentenceStarted = Signal(str)
    sentenceFinished = Signal(str)
    finished = Signal()
    failed = Signal(str)

    def __init__(self, service: SpeechService | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service if service is not None else SpeechService()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll)
        self._timer.start(IDLE_POLL_MS)

    @property
    def service(self) -> SpeechService:
        return self._service

    def availability(self) -> str | None:
        """None when this computer can read aloud, else the reason to show."""
        return self._service.availability()

    def is_reading(self) -> bool:
        return self._service.reading

    def speak(self, items: Iterable[tuple[str, str]], speed: Speed = DEFAULT_SPEED) -> None:
        self._service.speak(items, speed)
        self._timer.start(BUSY_POLL_MS)
        # An immediate answer (e.g. "cannot read aloud") arrives from the event loop,
        # not from inside this call.
        QTimer.singleShot(0, self._poll)

    def stop(self) -> None:
        self._service.stop()
        self._timer.start(IDLE_POLL_MS)

    def close(self) -> None:
        """Stop and end the worker; call when the window closes."""
        self._timer.stop()
        self._service.close()

    def _poll(self) -> None:
        for event in self._service.poll_events():
            if event.kind == "started":
                self.sentenceStarted.emit(event.utterance_id)
            elif event.kind == "finished":
                self.sentenceFinished.emit(event.utterance_id)
            elif event.kind == "done":
                self.finished.emit()
            elif event.kind == "error":
                if event.detail:
                    log.warning("speech: %s", event.detail)
                self.failed.emit(event.message)
        interval = BUSY_POLL_MS if self._service.reading else IDLE_POLL_MS
        if self._timer.isActive() and self._timer.interval() != interval:
            self._timer.start(interval)
