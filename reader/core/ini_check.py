"""Reading an INI settings file the way staff leave it after Notepad.

QSettings reads almost anything without complaint (binary garbage becomes an empty
file, a broken value becomes a strange string, a UTF-16 file becomes keys full of NUL
characters, GBK text becomes mojibake), so the program reads the file itself first:
BOM, CRLF, UTF-16 and GBK are decoded as the TOML files are; each line is kept when it
is a section or a `key=value` and reported otherwise. Qt-free so `doctor` can use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.core import strings
from reader.core.decode import decode_bytes
from reader.core.errors import ArticleFileError

_SECTION = re.compile(r"^\[[^\[\]]+\]$")
_KEY = re.compile(r"^[^=\[\]]+=.*$")
MAX_BYTES = 1_000_000  # ours is a few hundred bytes; anything huge is not ours


@dataclass(frozen=True)
class IniReading:
    """What could be read. `text` is None when nothing could (then `problem` says why);
    otherwise it holds the good lines, as UTF-8-ready text with plain line ends."""

    text: str | None
    encoding: str = "utf-8"
    bad_lines: tuple[tuple[int, str], ...] = ()  # (line number, the line's start)
    problem: str | None = None

    @property
    def damaged(self) -> bool:
        return self.text is None or bool(self.bad_lines)


def read_ini(path: Path) -> IniReading:
    if not path.exists():
        return IniReading("")
    if path.is_dir():
        return IniReading(None, problem=strings.text("settings.problem.is_folder"))
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc
        return IniReading(None, problem=strings.text("settings.problem.unreadable_file",
                                                     reason=reason))
    if len(data) > MAX_BYTES:
        return IniReading(None, problem=strings.text("settings.problem.too_big"))
    if not data.strip():
        return IniReading("")
    try:
        text, encoding = decode_bytes(data, strings.text("settings.file_name"))
    except ArticleFileError:
        return IniReading(None, problem=strings.text("settings.problem.not_text"))
    return _sorted_lines(text, encoding)


def _sorted_lines(text: str, encoding: str) -> IniReading:
    good: list[str] = []
    bad: list[tuple[int, str]] = []
    in_bad_section = False  # keys under a broken [section line belong to no known section
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if _SECTION.match(line):
            in_bad_section = False
            good.append(line)
        elif line.startswith("["):
            in_bad_section = True
            bad.append((number, line[:40]))
        elif _KEY.match(line) and not in_bad_section:
            good.append(line)
        elif not in_bad_section:
            bad.append((number, line[:40]))
    if bad and not good:  # not one setting in it: garbage that happened to decode
        return IniReading(None, encoding, tuple(bad), strings.text("settings.problem.garbage"))
    return IniReading("\n".join(good) + "\n" if good else "", encoding, tuple(bad))


def describe(reading: IniReading) -> str | None:
    """One plain sentence about what is wrong, or None when the file reads cleanly."""
    if reading.problem:
        return reading.problem
    if not reading.bad_lines:
        return None
    number, line = reading.bad_lines[0]
    more = (strings.text("settings.problem.more_bad_lines", n=len(reading.bad_lines) - 1)
            if len(reading.bad_lines) > 1 else "")
    return strings.text("settings.problem.bad_line", number=number, line=line, more=more)


def ini_problem(path: Path) -> str | None:
    """None when the file is absent or reads cleanly; otherwise a plain Chinese
    description of what is wrong with it."""
    return describe(read_ini(path))
