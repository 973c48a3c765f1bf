"""The program's settings: one object, declared defaults, a `changed` signal.

Stored with QSettings in INI format at reader.paths.settings_file(), so staff can read
the file in Notepad. Every value is checked when read: a bad value (hand-edited, or from
an older version) falls back to its default. A file that is unreadable or not INI at all
is moved aside (kept, never overwritten, so staff can look at it) and the program starts
from defaults; `problem` then says what happened, in plain Chinese.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QSettings, Signal

from reader import paths
from reader.core.ini_check import ini_problem
from reader.core.theme import DEFAULT_THEME, THEMES
from reader.core.typography import DEFAULT_BODY_PT, MAX_BODY_PT, MIN_BODY_PT, nearest_step
from reader.speech.voices import VOICE_CHOICES

log = logging.getLogger(__name__)

SPEEDS = ("slow", "medium", "fast")
SCRIPTS = ("simplified", "traditional")


def _font_size(value: object) -> int | None:
    try:
        number = float(str(value))
    except ValueError:
        return None
    if not MIN_BODY_PT <= number <= MAX_BODY_PT:
        return None
    return nearest_step(number)


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        return str(value) if str(value) in choices else None

    return check


def _matching(pattern: str) -> Callable[[object], str | None]:
    compiled = re.compile(pattern)

    def check(value: object) -> str | None:
        text = str(value)
        return text if compiled.fullmatch(text) else None

    return check


def _flag(value: object) -> bool | None:
    """INI files keep booleans as words; accept what QSettings and people write."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    return True if word in ("true", "1", "yes") else False if word in ("false", "0", "no") \
        else None


def _whole(low: int, high: int) -> Callable[[object], int | None]:
    def check(value: object) -> int | None:
        try:
            number = int(str(value).strip())
        except ValueError:
            return None
        return number if low <= number <= high else None

    return check


class Field(NamedTuple):
    key: str  # the key in the INI file ("group/name")
    default: Any
    parse: Callable[[object], Any]  # stored value -> clean value, or None if invalid


FIELDS: dict[str, Field] = {
    "font_size": Field("display/font_size", DEFAULT_BODY_PT, _font_size),
    "script": Field("display/script", "simplified", _one_of(SCRIPTS)),
    "theme": Field("display/theme", DEFAULT_THEME, _one_of(tuple(THEMES))),
    # read-aloud speed, used by the speech feature; slow suits this audience
    "speed": Field("speech/speed", "slow", _one_of(SPEEDS)),
    # which voice reads aloud: auto (the neural one where it can run), neural or system
    "voice": Field("speech/voice", "auto", _one_of(VOICE_CHOICES)),
    "geometry": Field("window/geometry", "", _matching(r"[0-9a-f]{0,4000}")),
    # where the reader stopped: article id and the block id at the top of the view
    "last_article": Field("reading/article", "", _matching(r"[\w.\-]{0,200}")),
    "last_block": Field("reading/block", "", _matching(r"[\w\-]{0,40}")),
    # community-centre mode (issue 9): set by staff in the staff area
    "community_mode": Field("community/enabled", False, _flag),
    "idle_minutes": Field("community/idle_minutes", 5, _whole(1, 60)),
    "default_font_size": Field("community/default_font_size", DEFAULT_BODY_PT, _font_size),
    "default_script": Field("community/default_script", "simplified", _one_of(SCRIPTS)),
    "default_theme": Field("community/default_theme", DEFAULT_THEME, _one_of(tuple(THEMES))),
    # the printer residents' printing goes to ("" = the system's default printer)
    "printer": Field("printing/printer", "", _matching(r"[^\r\n]{0,200}")),
}


class Settings(QObject):
    """Current values in memory; every change is written through to the file."""

    changed = Signal(str, object)  # field name, new value

    def __init__(self, path: Path | None = None, persist: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path or paths.settings_file()
        self.problem: str | None = None  # plain Chinese, when the file was broken
        self._values: dict[str, Any] = {name: f.default for name, f in FIELDS.items()}
        self._store: QSettings | None = None
        if persist:
            self._open_store()

    # --- loading -------------------------------------------------------------------
    def _open_store(self) -> None:
        problem = ini_problem(self.path)
        if problem:
            moved = self._move_aside()
            self.problem = problem + (f" 已另存为 {moved.name}，改用默认设置。" if moved
                                      else " 改用默认设置（这次的改动不会保存）。")
            log.warning("settings file %s: %s", self.path, self.problem)
            if not moved:
                return  # can't move it: leave it alone, keep settings in memory only
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("settings folder not created: %s", exc)
        store = QSettings(str(self.path), QSettings.Format.IniFormat)
        if store.status() != QSettings.Status.NoError:
            self.problem = self.problem or "设置文件打不开，改用默认设置。"
            return
        self._store = store
        bad: list[str] = []
        for name, field in FIELDS.items():
            raw = store.value(field.key)
            if raw is None:
                continue
            value = field.parse(raw)
            if value is None:
                log.warning("settings: bad value %r for %s, using default", raw, field.key)
                bad.append(name)
            else:
                self._values[name] = value
        if bad:
            # The file reads, but someone wrote a value it cannot use: say so, keep the
            # file as it was, and write the defaults in its place (so it is said once).
            kept = self._copy_aside()
            for name in bad:
                store.setValue(FIELDS[name].key, FIELDS[name].default)
            store.sync()
            keys = "、".join(FIELDS[name].key for name in bad)
            self.problem = (f"设置文件里有 {len(bad)} 项写得不对（{keys}），"
                            "这几项改用默认值" + (f"；原来的文件另存为 {kept.name}。" if kept
                                                  else "。"))

    def _copy_aside(self) -> Path | None:
        return self._set_aside(shutil.copyfile)

    def _move_aside(self) -> Path | None:
        return self._set_aside(os.replace)

    def _set_aside(self, how: Callable[[Path, Path], object]) -> Path | None:
        """The settings file kept as `settings.ini.broken-<time>` (copied or moved)."""
        target = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            how(self.path, target)
        except OSError as exc:
            log.warning("could not set the settings file aside: %s", exc)
            return None
        return target

    # --- values --------------------------------------------------------------------
    def get(self, name: str) -> Any:
        return self._values[name]

    def set(self, name: str, value: Any) -> None:
        """Set and save a value; an invalid value raises ValueError (a program bug)."""
        field = FIELDS[name]
        clean = field.parse(value)
        if clean is None:
            raise ValueError(f"invalid value for {name}: {value!r}")
        if clean == self._values[name]:
            return
        self._values[name] = clean
        if self._store is not None:
            self._store.setValue(field.key, clean)
        self.changed.emit(name, clean)

    def reset(self, *names: str) -> None:
        """Back to defaults (all fields when none named); used by the community-centre
        reset between residents."""
        for name in names or tuple(FIELDS):
            self.set(name, FIELDS[name].default)

    def sync(self) -> None:
        if self._store is not None:
            self._store.sync()

    @property
    def font_size(self) -> int:
        return int(self._values["font_size"])

    @property
    def script(self) -> str:
        return str(self._values["script"])

    @property
    def theme(self) -> str:
        return str(self._values["theme"])
