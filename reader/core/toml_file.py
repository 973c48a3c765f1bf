"""Read the TOML files staff edit by hand (cards, local information) with plain errors.

Staff edit these files in Notepad, so the usual mistakes are Chinese quotes “ ”,
a full-width ＝, a missing quote, a key written twice, or a file saved as GBK or
UTF-16. `tomllib` names the line for most syntax errors but says "at end of
document" for an unclosed string or bracket; then the line is found as the first one
after the longest prefix of the file that still parses.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from reader.core import strings
from reader.core.decode import decode_bytes
from reader.core.errors import ArticleFileError, ReaderError


class TomlFileError(ReaderError):
    """A file that cannot be read as TOML. `line` is 1-based, or None if unknown."""

    def __init__(self, message: str, detail: str = "", line: int | None = None) -> None:
        super().__init__(message, detail)
        self.line = line


# tomllib's message (its start) -> what to tell a staff member
_HINTS = [  # strings keys
    ("Illegal character '\\n'", "toml.unpaired_quote"),  # a string that runs to the line's end
    ("Unterminated string", "toml.unpaired_quote"),
    ('Expected "\'"', "toml.unpaired_quote"),
    ("Invalid value", "toml.bad_value"),
    ("Expected '=' after a key", "toml.no_equals"),
    ("Cannot overwrite a value", "toml.key_twice"),
    ("Cannot declare", "toml.table_twice"),
    ("Expected newline or end of document", "toml.extra_on_line"),
    ("Unclosed array", "toml.unpaired_brackets"),
    ("Unclosed inline table", "toml.unpaired_braces"),
    ("Expected ']'", "toml.unpaired_brackets"),
    ("Unescaped '\\'", "toml.backslash"),
]
_LOCATION = re.compile(r"\(at line (\d+), column \d+\)")


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse `path`; return (data, text). Raise TomlFileError with a plain message."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TomlFileError(strings.text("toml.cannot_open", name=path.name), str(exc)) from exc
    text, _encoding = decode_toml(data, path.name)
    return (parse_toml(text, path.name) if text else {}), text


def decode_toml(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a staff-edited file: BOM dropped, line ends made \\n, GBK or
    UTF-16 decoded; ("", "utf-8") for a blank file. TomlFileError when it is no text."""
    if not data.strip():
        return "", "utf-8"
    try:
        return decode_bytes(data, name)
    except ArticleFileError as exc:
        raise TomlFileError(exc.message, exc.detail) from exc


def parse_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _explain(text, name, exc) from exc


def _explain(text: str, name: str, exc: tomllib.TOMLDecodeError) -> TomlFileError:
    detail = str(exc)
    found = _LOCATION.search(detail)
    line = int(found.group(1)) if found else _first_bad_line(text)
    key = next((k for prefix, k in _HINTS if detail.startswith(prefix)), "toml.bad_line")
    hint = strings.text(key)
    line_text = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    hint += _typing_hint(line_text)
    return TomlFileError(strings.text("toml.at_line", name=name, line=line, hint=hint),
                         detail, line)


def _typing_hint(line_text: str) -> str:
    """Extra advice when the line holds full-width characters typed by a Chinese IME."""
    if any(ch in line_text for ch in "“”‘’"):
        return strings.text("toml.chinese_quotes")
    if any(ch in line_text for ch in "＝［］｛｝"):
        return strings.text("toml.full_width")
    return ""


def _first_bad_line(text: str) -> int:
    """The line after the longest prefix of `text` that parses (for end-of-document errors)."""
    lines = text.splitlines()
    good = 0
    for count in range(1, len(lines) + 1):
        try:
            tomllib.loads("\n".join(lines[:count]))
        except tomllib.TOMLDecodeError:
            continue
        good = count
    return min(good + 1, max(len(lines), 1))


def key_line(text: str, key: str, table: str | None = None, occurrence: int = 0) -> int | None:
    """The 1-based line where `key = …` is written (inside `[table]` or `[[table]]` number
    `occurrence` when given), so a wrong value can be reported with its line."""
    table_header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    key_re = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    current: str | None = None
    seen = -1
    for number, line in enumerate(text.splitlines(), start=1):
        header = table_header.match(line)
        if header:
            current = header.group(1)
            if current == table:
                seen += 1
            continue
        in_place = current is None if table is None else current == table and seen == occurrence
        if in_place and key_re.match(line):
            return number
    return None


def table_line(text: str, table: str, occurrence: int = 0) -> int | None:
    """The 1-based line of the `occurrence`-th `[table]` / `[[table]]` header."""
    header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?")
    seen = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if header.match(line):
            seen += 1
            if seen == occurrence:
                return number
    return None
