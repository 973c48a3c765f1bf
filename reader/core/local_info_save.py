"""Checking and saving what staff typed into the 本地信息 form.

`check_local_info` says in plain words what is wrong with each field (a phone number
that cannot be one, an empty required field, a date in the future, text too long
for a printed card). `save_local_info` writes the values into the same TOML file the
program reads, atomically (the old file or the new one, never a torn one), keeping the
file's comments, order and anything else a staff member wrote by hand (tomlkit edits
the parsed document in place). It refuses, with a plain message, when the file changed
on disk since the form read it, and when the file is broken, unless asked to keep a
copy of the broken file and write a fresh one.

The saved file is always UTF-8. Notepad may have saved it with a BOM, with CRLF line
ends, as GBK ("ANSI") or as UTF-16 ("Unicode"); the "changed meanwhile?" check compares
the text decoded the same way the program reads it, so none of that counts as a change.
A file that had a BOM keeps it, and a GBK or UTF-16 file gets one (an older Notepad
that wrote those recognises UTF-8 only by its BOM; the program reads either); a file
with CRLF line ends keeps them.
"""

from __future__ import annotations

import codecs
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
import tomlkit
from phonenumbers import shortnumberinfo
from tomlkit.items import Table

from reader.core import strings
from reader.core.errors import ReaderError, plain_os_error
from reader.core.local_info import (
    CENTRE_FIELDS,
    CHECKED_KEY,
    OFFICE_FIELDS,
    Centre,
    LocalInfo,
    LocalOffice,
    comparable_text,
    template,
)
from reader.core.safe_files import atomic_write_bytes, set_aside
from reader.core.toml_file import TomlFileError, decode_toml

MAX_CHARS = 50  # one line of a printed card at body size
MAX_NOTE_CHARS = 60
REQUIRED = ("centre.name",)

_SEPARATORS = re.compile(r"[、，,；;/]|或|和")
_EXTENSION = re.compile(r"(转|分机)\s*\d{1,6}$")
_DASHES = str.maketrans(dict.fromkeys("—–‐‑−", "-"))  # what Chinese input methods type
_PHONE_CHARS = re.compile(r"^[0-9 ()+-]+$")


@dataclass(frozen=True)
class FieldProblem:
    field: str  # "centre.phone", "cards.dibao.office", "checked"
    message: str  # plain Simplified Chinese, naming the field


def phone_problem(text: str) -> str | None:
    """Why `text` cannot be a phone number, or None. Several numbers may be written
    with 、 or 或 between them; an extension is written 转 123. Landlines and mobiles
    are checked against the national numbering plan (libphonenumber's data), hotlines
    against the short numbers it knows; a 7–8 digit local number without area code is
    taken as it is, as notices often write it."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    for part in _SEPARATORS.split(text):
        part = _EXTENSION.sub("", part.strip()).strip()
        if not part:
            continue
        if not _PHONE_CHARS.match(part):
            return strings.text("local.check.not_a_number", part=part)
        digits = re.sub(r"\D", "", part)
        if not _is_phone(part, digits):
            return strings.text("local.check.not_a_phone", part=part, hint=_shape_hint(digits))
    return None


def _is_phone(part: str, digits: str) -> bool:
    if 3 <= len(digits) <= 6 and not part.startswith("+"):
        number = phonenumbers.parse(digits, "CN")
        return bool(shortnumberinfo.is_valid_short_number_for_region(number, "CN"))
    if len(digits) in (7, 8) and digits[0] not in "01" and not part.startswith("+"):
        return True  # a local number without its area code
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(part, "CN")))
    except phonenumbers.NumberParseException:
        return False


def _shape_hint(digits: str) -> str:
    if digits.startswith("1") and len(digits) > 6:
        return strings.text("local.check.mobile_length", n=len(digits))
    if digits.startswith("0"):
        return strings.text("local.check.landline_digits")
    return strings.text("local.check.phone_examples")


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_checked_date(text: str) -> date | None:
    """The 号码核实日期 as staff type it: 2026-12-06, 2026/12/6, 2026.12.6 or 2026年12月6日
    (full-width digits too); None when empty. ValueError with a plain message otherwise."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    found = _DATE.match(text)
    try:
        if found is None:
            raise ValueError(text)
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        raise ValueError(strings.text("local.check.not_a_date", value=text)) from None


def check_local_info(info: LocalInfo, today: date,
                     card_titles: dict[str, str] | None = None) -> list[FieldProblem]:
    """Everything wrong with `info`, in the order the form shows its fields."""
    titles = card_titles or {}
    problems: list[FieldProblem] = []
    for key, name in CENTRE_FIELDS.items():
        problems += _field_problems(f"centre.{key}", strings.text("local.check.centre_field",
                                                                  name=name),
                                    getattr(info.centre, key), key)
    for card_id, office in info.offices.items():
        title = titles.get(card_id, card_id)
        for key, name in OFFICE_FIELDS.items():
            where = strings.text("local.check.card_field", title=title, name=name)
            problems += _field_problems(f"cards.{card_id}.{key}", where,
                                        getattr(office, key), key)
        if not office.office.strip() and not office.is_empty():
            problems.append(FieldProblem(f"cards.{card_id}.office",
                                         strings.text("local.check.no_office", title=title)))
    if info.checked is not None and info.checked > today:
        problems.append(FieldProblem(CHECKED_KEY, strings.text("local.check.checked_future")))
    phones = [info.centre.phone, *(office.phone for office in info.offices.values())]
    if info.checked is None and any(phone.strip() for phone in phones):
        problems.append(FieldProblem(CHECKED_KEY, strings.text("local.check.checked_missing")))
    return problems


def _field_problems(field: str, name: str, value: str, key: str) -> list[FieldProblem]:
    value = value.strip()
    if not value:
        return ([FieldProblem(field, strings.text("local.check.empty", name=name))]
                if field in REQUIRED else [])
    limit = MAX_NOTE_CHARS if key == "note" else MAX_CHARS
    if "\n" in value:
        return [FieldProblem(field, strings.text("local.check.one_line", name=name))]
    if len(value) > limit:
        return [FieldProblem(field, strings.text("local.check.too_long", name=name,
                                                 n=len(value), limit=limit))]
    if key == "phone":
        problem = phone_problem(value)
        if problem:
            return [FieldProblem(field, f"{name}：{problem}")]
    return []


# --- the form's values: one text per field, keyed as FieldProblem.field -----------------------
def form_values(info: LocalInfo) -> dict[str, str]:
    """Every field of `info` as the text a form shows."""
    values = {f"centre.{key}": getattr(info.centre, key) for key in CENTRE_FIELDS}
    for card_id, office in info.offices.items():
        values.update({f"cards.{card_id}.{key}": getattr(office, key) for key in OFFICE_FIELDS})
    values[CHECKED_KEY] = info.checked.isoformat() if info.checked else ""
    return values


def info_from_values(values: dict[str, str], checked: date | None) -> LocalInfo:
    """A LocalInfo from form texts (`checked` already parsed by parse_checked_date)."""
    centre = Centre(**{key: values.get(f"centre.{key}", "").strip() for key in CENTRE_FIELDS})
    card_ids = {name.split(".")[1] for name in values if name.startswith("cards.")}
    offices = {card_id: LocalOffice(**{key: values.get(f"cards.{card_id}.{key}", "").strip()
                                       for key in OFFICE_FIELDS})
               for card_id in sorted(card_ids)}
    return LocalInfo(centre, offices, checked)


# --- saving ---------------------------------------------------------------------------------
class LocalInfoSaveError(ReaderError):
    """The form's values were not written; `message` says why and what to do."""


@dataclass(frozen=True)
class SaveResult:
    path: Path
    kept_broken: Path | None = None  # where the broken file was kept, when replaced


def save_local_info(info: LocalInfo, path: Path, expected_text: str | None,
                    cards: Iterable[tuple[str, str]] = (),
                    replace_broken: bool = False) -> SaveResult:
    """Write `info` into `path`. `expected_text`: the file's text when the form read it
    (None: it did not exist). `cards` (id, title) name new card sections."""
    cards = list(cards)
    on_disk = _read_current(path)
    current = on_disk.text if on_disk is not None else None
    if current != expected_text and not (current is None and expected_text == ""):
        raise LocalInfoSaveError(strings.text("local.save.changed_meanwhile"))
    kept: Path | None = None
    base = current if current and current.strip() else template(cards)
    try:
        document = tomlkit.parse(base)
    except tomlkit.exceptions.TOMLKitError as exc:
        if not replace_broken:
            raise LocalInfoSaveError(strings.text("local.save.file_broken")) from exc
        kept = set_aside(path, copy=True)
        document = tomlkit.parse(template(cards))
    _fill(document, info, dict(cards))
    text = tomlkit.dumps(document)
    # never write a file that reads differently from what the form shows
    if _read_back(text, set(info.offices)) != _comparable(info):
        raise LocalInfoSaveError(strings.text("local.save.reads_differently"))
    try:
        atomic_write_bytes(path, _encoded(text, on_disk))
    except OSError as exc:
        raise LocalInfoSaveError(strings.text("local.save.failed", path=path,
                                              reason=plain_os_error(exc))) from exc
    return SaveResult(path, kept)


@dataclass(frozen=True)
class _OnDisk:
    text: str  # decoded as the program reads it (comparable_text)
    bom: bool  # write UTF-8 with a BOM
    crlf: bool  # write CRLF line ends


def _read_current(path: Path) -> _OnDisk | None:
    """The file as it is now; None when there is none."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LocalInfoSaveError(strings.text("local.save.cannot_open", path=path,
                                              reason=plain_os_error(exc))) from exc
    try:
        encoding = decode_toml(data, path.name)[1]
    except TomlFileError:
        encoding = "utf-8"
    bom = data.startswith(codecs.BOM_UTF8) or encoding != "utf-8"
    crlf = any(mark in data for mark in (b"\r\n", b"\r\x00\n\x00", b"\x00\r\x00\n"))
    return _OnDisk(comparable_text(data, path.name), bom, crlf)


def _encoded(text: str, on_disk: _OnDisk | None) -> bytes:
    if on_disk is not None and on_disk.crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if on_disk is not None and on_disk.bom else data


def _fill(document: tomlkit.TOMLDocument, info: LocalInfo, titles: dict[str, str]) -> None:
    document[CHECKED_KEY] = info.checked if info.checked is not None else ""
    centre = _table(document, "centre")
    for key in CENTRE_FIELDS:
        centre[key] = getattr(info.centre, key).strip()
    cards = _table(document, "cards", super_table=True)
    for card_id, office in info.offices.items():
        if card_id not in cards and office.is_empty():
            continue  # no empty section for a card nobody filled in
        section = _table(cards, card_id)
        if card_id in titles and not section.trivia.comment:
            section.comment(titles[card_id])
            section.trivia.comment_ws = "  "  # as the template writes it
        for key in OFFICE_FIELDS:
            section[key] = getattr(office, key).strip()


def _table(parent: Any, key: str, super_table: bool = False) -> Table:
    """parent[key] as a table, made (or, when it held something else, replaced)."""
    found = parent.get(key)
    if isinstance(found, Table):
        return found
    if key in parent:
        del parent[key]
    table = tomlkit.table(is_super_table=super_table or None)
    parent[key] = table
    return parent[key]


def _comparable(info: LocalInfo) -> tuple[object, ...]:
    offices = {card_id: office for card_id, office in info.offices.items()
               if not office.is_empty()}
    strip = {card_id: LocalOffice(**{k: getattr(o, k).strip() for k in OFFICE_FIELDS})
             for card_id, o in offices.items()}
    centre = Centre(**{k: getattr(info.centre, k).strip() for k in CENTRE_FIELDS})
    return centre, strip, info.checked


def _read_back(text: str, card_ids: set[str]) -> tuple[object, ...]:
    data = tomllib.loads(text)
    centre = Centre(**{k: str(data.get("centre", {}).get(k, "")) for k in CENTRE_FIELDS})
    offices = {}
    for card_id, raw in data.get("cards", {}).items():
        if isinstance(raw, dict):
            office = LocalOffice(**{k: str(raw.get(k, "")) for k in OFFICE_FIELDS})
            if card_id in card_ids and not office.is_empty():
                offices[card_id] = office
    checked = data.get(CHECKED_KEY) or None
    return centre, offices, checked
