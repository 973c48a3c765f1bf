"""`python -m reader doctor` rows for read-aloud. None is required: without speech the
program still shows, enlarges and prints articles; the 朗读 buttons then explain.

The last row starts the real speech worker (the child process the window uses), so
it also shows that the worker can start on this computer, frozen or not.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import time
from collections.abc import Iterator

from reader.doctor import Check
from reader.speech import engine as tts
from reader.speech import neural_model
from reader.speech.voices import VoiceChoice, configured_voice, missing_part

WORKER_WAIT_S = 20.0


def _row(name: str, ok: bool, detail: str) -> Check:
    return Check(f"朗读：{name}", ok, detail, required=False)


def _engine_row() -> Check:
    try:
        version = importlib.metadata.version("pyttsx3")
    except importlib.metadata.PackageNotFoundError:
        return _row("语音引擎", False, tts.unavailable_message("engine"))
    if tts.uses_espeak() and not tts.espeak_library_loads():
        return _row("语音引擎", False, tts.unavailable_message("library"))
    return _row(
        "语音引擎", True, f"pyttsx3 {version}" + ("，espeak-ng" if tts.uses_espeak() else "")
    )


def _voice_row() -> Check:
    if tts.missing_part(need_player=False) is not None:
        return _row("普通话语音", False, "先要装好语音引擎（见上一行）。")
    try:
        engine = tts.open_engine(need_player=False)
    except tts.SpeechUnavailable as exc:
        return _row("普通话语音", False, str(exc))
    return _row("普通话语音", True, f"使用 {engine.getProperty('voice')}")


def _player_rows() -> Iterator[Check]:
    if not tts.uses_espeak():
        yield _row("放声音", True, "用系统自带的声音功能")
        return
    aplay = shutil.which("aplay")
    if aplay is None:
        yield _row("放声音的程序", False, tts.unavailable_message("player"))
        return
    yield _row("放声音的程序", True, aplay)
    try:
        listing = subprocess.run([aplay, "-l"], capture_output=True, text=True, timeout=5)
        cards = [line for line in listing.stdout.splitlines() if line.startswith("card ")]
    except (OSError, subprocess.TimeoutExpired):
        cards = []
    if cards:
        yield _row("声卡", True, f"找到 {len(cards)} 个：{cards[0]}")
    else:
        yield _row(
            "声卡", False, "没有找到声卡，读出来也听不到。请接上音箱或耳机，再检查声音设置。"
        )


def _neural_row() -> Check:
    try:
        neural_model.find_voice_files()
        neural_model.check_memory()
    except neural_model.NeuralVoiceUnavailable as exc:
        return _row("神经网络语音", False, f"{exc.plain}，会用系统语音。")
    version = importlib.metadata.version("ai-edge-litert")
    return _row("神经网络语音", True, f"模型文件齐全、校验无误（LiteRT {version}）")


def _worker_rows(choice: VoiceChoice) -> Iterator[Check]:
    """Starts the real worker, as the window does, and says which voice it uses."""
    from reader.speech.service import SpeechService

    if missing_part(choice) is not None:
        yield _row("后台朗读程序", False, "缺少上面说的部分，还没有试。")
        return
    started = time.monotonic()
    service = SpeechService(voice=choice)
    try:
        while not service.worker_ready and time.monotonic() - started < WORKER_WAIT_S:
            if service.worker_pid is None:
                break  # it could not start, or said it cannot speak
            time.sleep(0.02)
        status = service.voice_status
        if service.worker_ready and status is not None:
            yield _row("后台朗读程序", True, f"能启动（{time.monotonic() - started:.1f} 秒）")
            yield _row("使用的语音", True, status.describe())
            return
        reason = service.availability() or "朗读程序没能按时启动。请工作人员重启电脑后再试。"
        extra = f"（{service.unavailable_detail}）" if service.unavailable_detail else ""
        yield _row("后台朗读程序", False, reason + extra)
    finally:
        service.close()


def doctor_checks() -> Iterator[Check]:
    yield _engine_row()
    yield _voice_row()
    yield from _player_rows()
    yield _neural_row()
    yield from _worker_rows(configured_voice())
    yield _row("神经网络语音的许可", True, neural_model.LICENCE_NOTE)
