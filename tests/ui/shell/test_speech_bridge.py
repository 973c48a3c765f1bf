"""SpeechBridge: the real speech worker's events arrive as Qt signals on the UI thread.

Sound goes to the stand-in `aplay` of tests/support/speech_fakes.py (no sound card here).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from reader.speech import engine, neural_model
from reader.speech.service import READING_ERROR
from reader.ui.shell.speech_bridge import SpeechBridge
from tests.support.speech_fakes import FakePlayer, live_in_group

pytestmark = pytest.mark.realspeech


@pytest.fixture
def player(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakePlayer:
    return FakePlayer(tmp_path / "bin", monkeypatch)


@pytest.fixture
def bridge(player: FakePlayer, qtbot):
    speech = SpeechBridge()
    qtbot.waitUntil(lambda: speech.service.worker_ready, timeout=20000)
    yield speech
    speech.close()


class Recorder:
    def __init__(self, bridge: SpeechBridge) -> None:
        self.calls: list[tuple[str, str]] = []
        bridge.sentenceStarted.connect(lambda uid: self.calls.append(("started", uid)))
        bridge.sentenceFinished.connect(lambda uid: self.calls.append(("finished", uid)))
        bridge.finished.connect(lambda: self.calls.append(("done", "")))
        bridge.failed.connect(lambda message: self.calls.append(("failed", message)))


def test_signals_follow_the_sentences(player: FakePlayer, qtbot) -> None:
    player.cap_ms(150)
    speech = SpeechBridge()
    try:
        qtbot.waitUntil(lambda: speech.service.worker_ready, timeout=20000)
        seen = Recorder(speech)
        with qtbot.waitSignal(speech.finished, timeout=20000):
            speech.speak([("a", "第一句。"), ("b", "第二句前半，"), ("b", "后半。")], "fast")
            assert speech.is_reading()
        assert seen.calls == [
            ("started", "a"), ("finished", "a"), ("started", "b"), ("finished", "b"), ("done", "")
        ]  # fmt: skip
        assert not speech.is_reading()
    finally:
        speech.close()


def test_cannot_speak_is_a_failed_signal(
    player: FakePlayer, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "ESPEAK_LIBRARY_NAMES", ("libespeak-ng-not-here.so.9",))
    monkeypatch.setattr(neural_model, "runtime_present", lambda: False)  # no voice at all
    speech = SpeechBridge()
    try:
        seen = Recorder(speech)
        assert speech.availability() is not None
        with qtbot.waitSignal(speech.failed, timeout=2000) as blocker:
            speech.speak([("a", "你好。")])
            assert seen.calls == []  # not from inside speak(): from the event loop
        assert blocker.args[0].startswith("这台电脑还不能朗读")
        assert "espeak-ng" in blocker.args[0]
    finally:
        speech.close()


def test_stop_is_silent_and_final(bridge: SpeechBridge, player: FakePlayer, qtbot) -> None:
    seen = Recorder(bridge)
    with qtbot.waitSignal(bridge.sentenceStarted, timeout=10000):
        bridge.speak([("a", "这一句很长，要读好几秒钟，读到一半就会被停下来。")])
    player.wait_for("start")
    worker = bridge.service.worker_pid
    bridge.stop()
    assert live_in_group(worker) == []  # type: ignore[arg-type]
    qtbot.wait(300)
    assert seen.calls == [("started", "a")]  # no finished, no failure after a stop
    assert not bridge.is_reading()


def test_a_crashed_worker_is_a_failed_signal(
    bridge: SpeechBridge, player: FakePlayer, qtbot
) -> None:
    with qtbot.waitSignal(bridge.sentenceStarted, timeout=10000):
        bridge.speak([("a", "这一句很长，要读好几秒钟，读到一半工作进程就没了。")])
    old = bridge.service.worker_pid
    with qtbot.waitSignal(bridge.failed, timeout=5000) as blocker:
        os.kill(old, signal.SIGKILL)  # type: ignore[arg-type]
    assert blocker.args == [READING_ERROR]
    qtbot.waitUntil(lambda: bridge.service.worker_ready, timeout=20000)
    assert bridge.service.worker_pid != old
