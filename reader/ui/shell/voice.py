"""The window's one voice: the speech worker every reader shares, and "stop, everyone".

The article's read-aloud and 朗读这张卡 both speak through one Voice, so there is one
worker process and one voice at a time. Each reader tags its utterance ids with its own
prefix and ignores the others' events. Anyone may ask every reader to stop (the
community-centre reset, the crash guard, opening the staff area) with `stop_all()`:
each reader listens to `stop_requested`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from reader.speech.engine import Speed
    from reader.speech.service import SpeechService
    from reader.speech.voice_choice import VoiceChoice
    from reader.speech.voices import VoiceStatus
    from reader.ui.shell.speech_bridge import SpeechBridge

log = logging.getLogger(__name__)

# The speech worker starts this long after the window is shown: after the first paint,
# but long before anyone can find the 朗读 button.
START_DELAY_MS = 400


class Voice(QObject):
    """Owns the SpeechBridge (made on first need) and passes its events on."""

    stop_requested = Signal()  # every reader stops and forgets its reading
    sentence_started = Signal(str)  # utterance id
    sentence_finished = Signal(str)
    finished = Signal()  # the end of a reading
    failed = Signal(str)  # a plain Chinese message: speech cannot go on

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge: SpeechBridge | None = None
        self._closed = False
        self._choice: VoiceChoice | None = None  # None: what settings.ini says

    def use_voice(self, choice: VoiceChoice) -> None:
        """Speak with `choice` (auto / neural / system) from the next reading on; any
        reading now stops."""
        if choice == self._choice:
            return
        self._choice = choice
        if self._bridge is not None:
            self.stop_all()
            self._bridge.service.set_voice(choice)

    def follow_setting(self, name: str, value: object) -> None:
        """Settings.changed: the staff area chose another voice."""
        if name == "voice":
            self.use_voice(value)  # type: ignore[arg-type]  # Settings checked it

    def voice_status(self) -> VoiceStatus | None:
        """Which voice the worker speaks with and why, once it is ready."""
        return self._bridge.service.voice_status if self._bridge is not None else None

    def start_later(self) -> None:
        """Start the speech worker shortly after the window is on screen."""
        QTimer.singleShot(START_DELAY_MS, self.start)

    def start(self, service: SpeechService | None = None) -> None:
        """Start the warm speech worker (tests pass a fake service). Idempotent."""
        if self._bridge is not None or self._closed:
            return
        from reader.ui.shell.speech_bridge import SpeechBridge

        # The sentence planner's imports take ~0.2 s: do them off the UI thread now
        # rather than on the first press.
        threading.Thread(target=_import_planner, name="speech-text-import", daemon=True).start()
        if service is None:
            from reader.speech.service import SpeechService

            service = SpeechService(voice=self._choice)
        self._bridge = SpeechBridge(service, self)
        self._bridge.sentenceStarted.connect(self.sentence_started)
        self._bridge.sentenceFinished.connect(self.sentence_finished)
        self._bridge.finished.connect(self.finished)
        self._bridge.failed.connect(self.failed)

    @property
    def bridge(self) -> SpeechBridge | None:
        return self._bridge

    def problem(self) -> str | None:
        """None when a reading can start now; else why not, in plain words (the worker
        is started here if it was not yet)."""
        if self._bridge is None and not self._closed:
            try:
                self.start()
            except Exception:  # a broken install must not take the window down
                log.exception("speech service did not start")
        if self._bridge is None:
            return plain_problem("")
        problem = self._bridge.availability()
        return plain_problem(problem) if problem else None

    def speak(self, items: Iterable[tuple[str, str]], speed: Speed) -> None:
        """Say `items` ((utterance id, text) pairs); call after `problem()` said None."""
        if self._bridge is not None:
            self._bridge.speak(items, speed)

    def silence(self) -> None:
        """Stop the sound now (the reader that calls this has ended its own reading)."""
        if self._bridge is not None:
            self._bridge.stop()

    def stop_all(self) -> None:
        """Every reader stops."""
        self.stop_requested.emit()

    def close(self) -> None:
        """Silence and end the speech worker: the window is closing."""
        self.stop_all()
        self._closed = True
        if self._bridge is not None:
            self._bridge.close()


def plain_problem(message: str) -> str:
    """`message`, or the general "cannot read aloud" one when the worker gave none."""
    if message:
        return message
    from reader.speech.engine import unavailable_message

    return unavailable_message("broken")


def _import_planner() -> None:
    try:
        import reader.core.speech_text  # noqa: F401
    except Exception:  # the press will report it
        log.exception("speech text planner did not import")
