"""The text-to-speech engine: pyttsx3 with a Mandarin voice, one utterance at a time.

Only the speech worker process (reader/speech/worker.py) and `speak --wav` open an
engine; the window never does, because pyttsx3 blocks and clashes with GUI loops.

Measured with pyttsx3 2.99 and espeak-ng 1.51 (see DESIGN.md "Speech"):
- the espeak driver never plays sound itself: `say()` writes a WAV and runs `aplay`;
- its first `runAndWait()` after `init()` returns at once while espeak synthesises
  and plays in its own thread (pyttsx3 issue #219), and a rate set while espeak's
  thread is still finishing the last utterance is lost. `open_engine` therefore runs
  one empty `runAndWait()` (after it, the driver's loop waits for the end of each
  utterance), and `speak`, `save_wav` and `set_speed` wait for espeak to go idle
  (`espeak_Synchronize`) before returning.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import sys
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, get_args

from reader.core.errors import ReaderError

Speed = Literal["slow", "medium", "fast"]
SPEEDS: tuple[Speed, ...] = get_args(Speed)  # slowest first: 语速 steps through them
DEFAULT_SPEED: Speed = "slow"
SPEED_LABELS: dict[Speed, str] = {"slow": "慢", "medium": "中", "fast": "快"}
# pyttsx3 rates (words per minute for every driver). With espeak-ng's
# sit/cmn-latn-pinyin these give 3.0, 3.7 and 4.5 characters a second on a news
# sentence with its pauses (measured); 4.5 is about a radio newsreader.
SPEED_RATES: dict[Speed, int] = {"slow": 140, "medium": 170, "fast": 200}

LINUX_VOICE_ID = "sit/cmn-latn-pinyin"  # sit/cmn reads many words as English spellings
# espeak-ng 1.50 and older (Ubuntu 22.04 has 1.50) have no pinyin voice of their own:
# there sit/cmn reads Latin letters as pinyin, giving the same phonemes as 1.51's pinyin
# voice. From 1.51 sit/cmn spells them as English, and its name says so.
OLDER_LINUX_VOICE_ID = "sit/cmn"
WINDOWS_VOICE_NAMES = ("huihui", "yaoyao", "kangkang")  # SAPI5 zh-CN voices, best first
MAC_VOICE_LOCALES = ("zh_cn", "zh-cn")
# Where pyttsx3's espeak driver looks for the library on Linux (same order).
ESPEAK_LIBRARY_NAMES = ("libespeak-ng.so.1", "/usr/local/lib/libespeak-ng.so.1", "libespeak.so.1")

# pyttsx3 2.99 on Windows speaks only the first say() of an engine (issues #440, #419):
# the worker opens a fresh engine for every utterance there instead of pinning an old
# pyttsx3. espeak must keep one engine per process (it can be initialised only once).
FRESH_ENGINE_PER_UTTERANCE = sys.platform == "win32"

MissingPart = Literal["engine", "library", "voice", "player", "broken", "sound"]

_FIRST = "这台电脑还不能朗读："
_VOICE_FIX = {
    "win32": "没有中文（简体）语音。请工作人员在 Windows 设置的“语音”里添加中文（简体）语音。",
    "darwin": "没有中文（普通话）语音。请工作人员在系统设置的“朗读内容”里添加中文语音。",
}
_MESSAGES: dict[MissingPart, str] = {
    "engine": "没有装好语音引擎（pyttsx3）。请工作人员重新安装本程序。",
    "library": "缺少语音库 espeak-ng。请工作人员安装 espeak-ng（sudo apt install espeak-ng）。",
    "voice": "没有普通话语音。请工作人员安装带普通话的 espeak-ng"
    "（python -m reader doctor 会说缺哪个）。",
    "player": "缺少放声音的程序 aplay。请工作人员安装 alsa-utils（sudo apt install alsa-utils）。",
    "broken": "朗读程序启动不了。请工作人员运行 python -m reader doctor 检查。",
    "sound": "放不出声音（找不到音箱或耳机）。请工作人员检查音箱、耳机和音量，"
    "再按“试一下声音”。",
}


def unavailable_message(part: MissingPart) -> str:
    """The plain reason a resident is shown when speech cannot work on this computer."""
    if part == "voice" and sys.platform in _VOICE_FIX:
        return _FIRST + _VOICE_FIX[sys.platform]
    return _FIRST + _MESSAGES[part]


class SpeechUnavailable(ReaderError):
    """This computer lacks a part speech needs; `part` names it."""

    def __init__(self, part: MissingPart, detail: str = "") -> None:
        super().__init__(unavailable_message(part), detail)
        self.part: MissingPart = part


def uses_espeak() -> bool:
    return sys.platform not in ("win32", "darwin")


def espeak_library_loads() -> bool:
    import ctypes  # here: the window imports this module (for SPEEDS) before its first paint

    for name in ESPEAK_LIBRARY_NAMES:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    return False


def missing_part(*, need_player: bool = True) -> MissingPart | None:
    """The first missing part found without starting an engine (cheap enough to call
    on every press): pyttsx3, the espeak-ng library and the `aplay` player on Linux.
    The voice needs an engine and is checked by `open_engine`."""
    if importlib.util.find_spec("pyttsx3") is None:
        return "engine"
    if uses_espeak():
        if not espeak_library_loads():
            return "library"
        if need_player and shutil.which("aplay") is None:
            return "player"
    return None


class VoiceLike(Protocol):
    id: str
    name: str | None
    languages: list[Any]


def _languages(voice: VoiceLike) -> list[str]:
    out = []
    for lang in voice.languages or []:
        if isinstance(lang, bytes):
            lang = lang.decode("utf-8", "ignore")
        out.append(str(lang).lower())
    return out


def choose_voice(voices: Sequence[VoiceLike], platform: str = sys.platform) -> str | None:
    """The id of the Mandarin voice to use, or None when this computer has none."""
    if platform == "win32":
        # SAPI5 lists zh-CN voices with `languages` sometimes empty: go by name first.
        for wanted in WINDOWS_VOICE_NAMES:
            for voice in voices:
                if wanted in (voice.name or "").lower() or wanted in str(voice.id).lower():
                    return str(voice.id)
        for voice in voices:
            if any(lang.replace("_", "-") == "zh-cn" for lang in _languages(voice)):
                return str(voice.id)
        return None
    if platform == "darwin":
        for voice in voices:
            if any(lang in MAC_VOICE_LOCALES for lang in _languages(voice)):
                return str(voice.id)
        return None
    for voice in voices:
        if str(voice.id).lower() == LINUX_VOICE_ID:
            return str(voice.id)
    for voice in voices:  # another espeak build may name it without the "sit/" family
        if "latin as pinyin" in (voice.name or "").lower():
            return str(voice.id)
    for voice in voices:
        if (str(voice.id).lower() == OLDER_LINUX_VOICE_ID
                and "latin as" not in (voice.name or "").lower()):
            return str(voice.id)
    return None


def open_engine(
    speed: Speed = DEFAULT_SPEED, *, fresh: bool = False, need_player: bool = True
) -> Any:
    """A pyttsx3 engine set to the Mandarin voice and `speed`, ready for `speak`
    (or, with need_player=False, only for `save_wav`).

    Raises SpeechUnavailable naming the missing part. `fresh` makes a new engine even
    when pyttsx3 still holds one (for the Windows one-say-per-engine bug)."""
    part = missing_part(need_player=need_player)
    if part is not None:
        raise SpeechUnavailable(part)
    import pyttsx3

    try:
        engine = pyttsx3.engine.Engine() if fresh else pyttsx3.init()
        voices = engine.getProperty("voices")
    except Exception as exc:  # a driver that cannot start: missing library or COM parts
        raise SpeechUnavailable("library" if uses_espeak() else "engine", repr(exc)) from exc
    voice = choose_voice(voices)
    if voice is None:
        raise SpeechUnavailable("voice", f"{len(voices)} voices, none Mandarin")
    engine.setProperty("voice", voice)
    engine.setProperty("rate", SPEED_RATES[speed])
    if engine.driver_name == "espeak":
        engine.runAndWait()  # settles the driver (see the module notes)
        _wait_until_idle(engine)
        # A rate set before the settling run is now and then lost (its WAVs came out
        # at the driver's own 200 words a minute: measured 1 in 5 in a row of WAVs);
        # set once espeak is idle, it holds.
        set_speed(engine, speed)
    return engine


def set_speed(engine: Any, speed: Speed) -> None:
    engine.setProperty("rate", SPEED_RATES[speed])
    # espeak queues the change behind its own thread; a later stop() there would
    # drop it, so wait until it has been applied.
    _wait_until_idle(engine)


def _wait_until_idle(engine: Any) -> None:
    if engine.driver_name == "espeak":
        from pyttsx3.drivers import _espeak

        _espeak.Synchronize()


def _run(engine: Any) -> None:
    """runAndWait, turning an engine error that pyttsx3 only reports as an event into
    an exception."""
    errors: list[BaseException] = []
    tokens = [engine.connect("error", lambda name=None, exception=None: errors.append(exception))]
    try:
        engine.runAndWait()
        _wait_until_idle(engine)
    finally:
        for token in tokens:
            engine.disconnect(token)
    if errors:
        raise RuntimeError(f"speech engine error: {errors[0]!r}")


def speak(engine: Any, text: str) -> None:
    """Say `text` aloud; returns when it has been played.

    With espeak the sound is made into a WAV here and played with `aplay` (what the
    driver's say() does too, but without looking): espeak now and then ends a message
    with no sound at all, and the sentence would be skipped in silence (see save_wav,
    which says it again). Other drivers play it themselves."""
    if engine.driver_name != "espeak":
        engine.say(text)
        _run(engine)
        return
    handle, name = tempfile.mkstemp(suffix=".wav")  # the worker's own temp folder
    os.close(handle)
    try:
        save_wav(engine, text, name)
        import subprocess

        # The worker's process group: stopping the worker ends the player with it.
        played = subprocess.run(["aplay", name, "-q"], stdin=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, check=False)
        check_played(played.returncode, played.stderr)
    finally:
        with contextlib.suppress(OSError):
            os.remove(name)


def check_played(returncode: int, stderr: bytes) -> None:
    """Raise SpeechUnavailable("sound") when `aplay` could not play. No sound card, no
    device, a device in use: without this check every sentence "finishes" in a few ms
    and the whole article races by in silence."""
    if returncode != 0:
        reason = stderr.decode("utf-8", "replace").strip()[-300:]
        raise SpeechUnavailable("sound", f"aplay exited {returncode}: {reason}")


def save_wav(engine: Any, text: str, path: str | Path) -> None:
    """Synthesise `text` into the WAV file `path`.

    The espeak driver keeps writing files after its first save_to_file, so an engine
    used for files must not be used to speak afterwards."""
    path = Path(path)
    # Now and then espeak ends a message at once, with no sound at all (measured: about
    # 1 WAV in 15 when several are written in one process, never twice in a row), and
    # the driver still writes the file: a WAV with no frames. Said again, it works.
    for _attempt in range(SAVE_ATTEMPTS):
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
            engine.save_to_file(text, str(path))  # the driver prints "Audio saved to …"
            _run(engine)
        if _frames(path) > 0:
            return
    raise RuntimeError(f"the engine wrote no sound for {text!r}")


SAVE_ATTEMPTS = 3


def _frames(path: Path) -> int:
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes()
    except (OSError, EOFError, wave.Error):
        return 0
