"""The program's settings: one object, declared defaults, a `changed` signal.

Stored with QSettings in INI format at reader.paths.settings_file(), so staff can read
the file in Notepad. Every value is checked when read: a bad value (hand-edited, or from
an older version) falls back to its default. A file that is unreadable or not INI at all
is moved aside (kept, never overwritten, so staff can look at it) and the program starts
from defaults; a file with some unreadable lines keeps its good ones. Either way a
damaged file never turns community mode off (see `_keep_community_mode_on`), and
`problem` says what happened, in plain Chinese. A change that cannot be saved (full or
read-only disk) is said once through `save_failed`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QSettings, Signal

from reader import paths
from reader.core import strings
from reader.core.ini_check import IniReading, describe, read_ini
from reader.core.safe_files import atomic_write_text
from reader.core.theme import DEFAULT_THEME, THEMES
from reader.core.typography import DEFAULT_BODY_PT, MAX_BODY_PT, MIN_BODY_PT, nearest_step
from reader.speech.engine import SPEEDS
from reader.speech.voice_choice import VOICE_CHOICES

log = logging.getLogger(__name__)

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
    # the article home offers 接着读 for, and where in it (kept when going home)
    "resume_article": Field("reading/resume_article", "", _matching(r"[\w.\-]{0,200}")),
    "resume_block": Field("reading/resume_block", "", _matching(r"[\w\-]{0,40}")),
    # community-centre mode (issue 9): set by staff in the staff area
    "community_mode": Field("community/enabled", False, _flag),
    # 特大鼠标 outside community mode (in community mode it is always on)
    "big_pointer": Field("display/big_pointer", False, _flag),
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
    save_failed = Signal(str)  # the first change that could not be saved, said plainly

    def __init__(self, path: Path | None = None, persist: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path or paths.settings_file()
        self.problem: str | None = None  # plain Chinese, when the file was broken
        self.save_problem: str | None = None  # plain Chinese, when a change was not saved
        self._community_read: bool | None = None  # what the file said, if it said it
        self._values: dict[str, Any] = {name: f.default for name, f in FIELDS.items()}
        self._store: QSettings | None = None
        if persist:
            self._open_store()

    # --- loading -------------------------------------------------------------------
    def _open_store(self) -> None:
        reading = read_ini(self.path)
        kept: Path | None = None
        if reading.text is None:
            kept = self._move_aside()
            if not kept:
                # can't move it: leave it alone, keep settings in memory only
                self._say_damaged(reading, None, saved=False)
                return
        elif reading.bad_lines or reading.encoding != "utf-8":
            # Notepad's GBK or UTF-16 becomes UTF-8 (QSettings reads only that), and
            # lines that are not settings go; a damaged original is kept aside first.
            kept = self._copy_aside() if reading.bad_lines else None
            try:
                atomic_write_text(self.path, reading.text)
            except OSError as exc:
                log.warning("settings file not rewritten: %s", exc)
                self._read_only(reading.text)
                if reading.damaged:
                    self._say_damaged(reading, kept, saved=False)
                else:
                    self.problem = strings.text("settings.problem.not_utf8")
                return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("settings folder not created: %s", exc)
        store = QSettings(str(self.path), QSettings.Format.IniFormat)
        if store.status() != QSettings.Status.NoError:
            self.problem = strings.text("settings.problem.cannot_open")
            self._keep_community_mode_on()
            return
        self._store = store
        self._read_values(store)
        if reading.damaged:
            self._say_damaged(reading, kept, saved=True)

    def _read_values(self, store: QSettings) -> None:
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
                if name == "community_mode":
                    self._community_read = value
        if not bad:
            return
        # The file reads, but someone wrote a value it cannot use: say so, keep the
        # file as it was, and write the defaults in its place (so it is said once).
        kept = self._copy_aside()
        for name in bad:
            store.setValue(FIELDS[name].key, FIELDS[name].default)
        if "community_mode" in bad:
            self._keep_community_mode_on()
        store.sync()
        keys = "、".join(FIELDS[name].key for name in bad)
        what = strings.text("settings.problem.bad_values_kiosk" if "community_mode" in bad
                            else "settings.problem.bad_values_default")
        aside = strings.text("settings.problem.kept", name=kept.name) if kept else ""
        self.problem = strings.text("settings.problem.bad_values", n=len(bad), keys=keys,
                                    what=what, kept=aside)

    def _read_only(self, text: str) -> None:
        """The values in `text`, read through a temporary copy: the real file cannot be
        rewritten, and QSettings reads only files."""
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "settings.ini"
            copy.write_text(text, encoding="utf-8")
            store = QSettings(str(copy), QSettings.Format.IniFormat)
            self._read_values(store)
            del store

    def _keep_community_mode_on(self) -> None:
        """A damaged settings file must never turn community mode off behind staff's
        back (the shared PC would come up as a window residents can close): unless what
        could be read says it was off, it is on, and staff can turn it off knowingly."""
        if self._community_said_off:
            return
        self._values["community_mode"] = True
        if self._store is not None:
            self._store.setValue(FIELDS["community_mode"].key, True)

    @property
    def _community_said_off(self) -> bool:
        return self._community_read is False

    def _say_damaged(self, reading: IniReading, kept: Path | None, saved: bool) -> None:
        self._keep_community_mode_on()
        if self._store is not None:
            self._store.sync()
        what = describe(reading) or ""
        if reading.text is None:
            what += strings.text("settings.problem.unreadable")
        else:
            what += strings.text("settings.problem.lines_dropped")
        if kept:
            what += strings.text("settings.problem.kept_aside", name=kept.name)
        if not self._community_said_off:
            what += strings.text("settings.problem.kiosk_kept_on")
        if not saved:
            what += strings.text("settings.problem.not_saved")
        self.problem = what + "。"
        log.warning("settings file %s: %s", self.path, self.problem)

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
            self.sync()
        self.changed.emit(name, clean)

    def reset(self, *names: str) -> None:
        """Back to defaults (all fields when none named); used by the community-centre
        reset between residents."""
        for name in names or tuple(FIELDS):
            self.set(name, FIELDS[name].default)

    def sync(self) -> None:
        """Write changes now. A full or read-only disk is said once (`save_failed`),
        not at every change; the values still hold in memory for this run."""
        if self._store is None:
            return
        self._store.sync()
        if self._store.status() == QSettings.Status.NoError or self.save_problem:
            return
        self.save_problem = strings.text("settings.problem.save_failed", folder=self.path.parent)
        log.warning("settings not saved: %s", self.path)
        self.save_failed.emit(self.save_problem)

    @property
    def font_size(self) -> int:
        return int(self._values["font_size"])

    @property
    def script(self) -> str:
        return str(self._values["script"])

    @property
    def theme(self) -> str:
        return str(self._values["theme"])
