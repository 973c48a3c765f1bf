"""本月统计: how often things were used on this PC, by month, for the staff's report.

Only counts are kept, never who, which words, or when exactly: articles opened, cards
opened and printed (by card id), 请工作人员帮忙 presses, read-aloud starts. The latest
help presses (time and screen, for staff to see that someone was waiting) are kept in
memory only (`recent_help`). A `help-calls.log` from earlier versions (every press with
its time) is folded into the counts once and deleted; a fingerprint of what was folded
makes a crash between the two harmless (it is not counted twice).

The counts file (JSON, in the data folder) is rewritten whole after every event with
`atomic_write_bytes`: a crash or a power cut leaves the old file or the new one, never a
torn one, and loses at most the event being counted. It is capped: the newest
`MAX_MONTHS` months and `MAX_CARDS` card ids a month (more fold into one "其他" row), so
it stays a few kilobytes. A file that does not read as counts is set aside under a new
name (kept for a look) and counting starts again.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from reader import paths
from reader.core.errors import plain_os_error
from reader.core.help_calls import RecentHelpCalls, old_help_log, old_log_months
from reader.core.safe_files import atomic_write_bytes, set_aside
from reader.core.strings import STRINGS, text

MAX_MONTHS = 60
MAX_CARDS = 300
MAX_FILE_BYTES = 1_000_000  # far above what the caps allow: bigger means not ours
OTHER_CARDS = "*other*"
LOCK_WAIT_S = 5.0
_VERSION = 1
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_FOLDED = "help_log_folded"  # sha256 of an old help log already counted

# event name -> the row title in the report (Simplified Chinese; the window converts)
HELP_PRESSES = STRINGS["staff.stats.help_presses"]
TOTALS: dict[str, str] = {
    "articles_opened": STRINGS["staff.stats.articles_opened"],
    "help_presses": HELP_PRESSES,
    "read_aloud_started": STRINGS["staff.stats.read_aloud_started"],
}
BY_CARD: dict[str, str] = {
    "cards_opened": STRINGS["staff.stats.cards_opened"],
    "cards_printed": STRINGS["staff.stats.cards_printed"],
}
TOTAL_ROW = STRINGS["staff.stats.total_row"]  # ReportRow.card of a kind's total row


def counts_file() -> Path:
    return paths.data_dir() / "usage-counts.json"


def help_log_file() -> Path:
    """Where earlier versions logged every help press (folded in, then deleted)."""
    return old_help_log(paths.config_dir())


def month_of(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


@dataclass
class MonthCounts:
    month: str  # "2026-12"
    totals: Counter[str] = field(default_factory=Counter)  # TOTALS keys
    cards: dict[str, Counter[str]] = field(default_factory=dict)  # BY_CARD key -> card id

    @property
    def help_presses(self) -> int:
        return self.totals["help_presses"]

    def card_total(self, kind: str) -> int:
        return sum(self.cards.get(kind, Counter()).values())


class UsageCounts:
    """The counts file. `record` is called by the window; `month` by the staff area
    and the command line. `clock` gives local time (tests pass a fake one)."""

    def __init__(self, path: Path | None = None, help_log: Path | None = None,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.path = path or counts_file()
        self.help_log = help_log or help_log_file()
        self.clock = clock
        self.trouble = ""  # plain words while the file cannot be read or written
        self.set_aside_note = ""  # a broken file was set aside (said until the program ends)
        self.recent_help = RecentHelpCalls()  # in memory only

    @property
    def problem(self) -> str:
        """What staff should know about the counts file now, in plain words."""
        return "".join(part for part in (self.set_aside_note, self.trouble) if part)

    def help_pressed(self, screen: str) -> None:
        """请工作人员帮忙 was pressed on `screen`: counted, and remembered until the
        program closes."""
        self.recent_help.add(self.clock(), screen)
        self.record("help_presses")

    # --- counting -----------------------------------------------------------------------
    def record(self, event: str, card_id: str = "") -> None:
        """Count one event now. Never raises for a file problem: counting must not stop
        a resident from reading (the problem is kept in `problem` for the staff area)."""
        if event not in TOTALS and event not in BY_CARD:
            raise ValueError(f"unknown event {event!r}")
        if event in BY_CARD and not card_id:
            raise ValueError(f"{event} needs a card id")
        month = month_of(self.clock())
        try:
            with FileLock(self._lock_path(), timeout=LOCK_WAIT_S):
                data = self._read()
                months = data["months"]
                entry = months.setdefault(month, {})
                if event in TOTALS:
                    entry[event] = int(entry.get(event, 0)) + 1
                else:
                    per_card = entry.setdefault(event, {})
                    key = card_id if card_id in per_card or len(per_card) < MAX_CARDS \
                        else OTHER_CARDS
                    per_card[key] = int(per_card.get(key, 0)) + 1
                _cap(months)
                atomic_write_bytes(self.path, _encode(data))
        except (OSError, Timeout) as exc:
            self.trouble = text("staff.stats.cannot_write", path=self.path, reason=_reason(exc))
            return
        self.trouble = ""  # written: whatever went wrong before is over

    # --- reading ------------------------------------------------------------------------
    def months(self) -> list[str]:
        """Months with anything counted, newest first."""
        return sorted(self._stored(), reverse=True)

    def month(self, month: str | None = None) -> MonthCounts:
        month = month or month_of(self.clock())
        if not _MONTH.match(month):
            raise ValueError(month)
        entry = self._stored().get(month, {})
        counts = MonthCounts(month)
        for key in TOTALS:
            counts.totals[key] = int(entry.get(key, 0))
        for key in BY_CARD:
            counts.cards[key] = Counter({k: int(v) for k, v in entry.get(key, {}).items()})
        return counts

    def _stored(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists() and not self.help_log.exists():
            return {}
        try:
            with FileLock(self._lock_path(), timeout=LOCK_WAIT_S):
                months: dict[str, dict[str, Any]] = self._read()["months"]
                return months
        except (OSError, Timeout) as exc:
            self.trouble = text("staff.stats.cannot_read", path=self.path, reason=_reason(exc))
            return {}

    def _read(self) -> dict[str, Any]:
        """The file's data (call with the lock held), with an old help log folded in;
        a broken file is set aside."""
        data = self._read_file()
        self._fold_old_help_log(data)
        return data

    def _read_file(self) -> dict[str, Any]:
        if not self.path.exists():
            return _empty()
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("too big")
            return _checked(json.loads(self.path.read_bytes().decode("utf-8")))
        except (ValueError, UnicodeDecodeError):
            kept = set_aside(self.path)
            self.set_aside_note = text("staff.stats.broken", name=kept.name)
            return _empty()

    def _fold_old_help_log(self, data: dict[str, Any]) -> None:
        """Add an old help log's presses per month to `data`, write the counts, then
        delete the log (its times are what is no longer kept)."""
        try:
            raw = self.help_log.read_bytes()
        except FileNotFoundError:
            data.pop(_FOLDED, None)  # the log is gone: the next write drops the fingerprint
            return
        except OSError as exc:
            self.trouble = text("staff.stats.help_log_unreadable", path=self.help_log,
                                reason=_reason(exc))
            return
        fingerprint = hashlib.sha256(raw).hexdigest()
        try:
            if data.get(_FOLDED) != fingerprint:
                months = data["months"]
                for month, presses in old_log_months(raw).items():
                    entry = months.setdefault(month, {})
                    entry["help_presses"] = int(entry.get("help_presses", 0)) + presses
                _cap(months)
                data[_FOLDED] = fingerprint
                atomic_write_bytes(self.path, _encode(data))
            self.help_log.unlink()
        except OSError as exc:
            self.trouble = text("staff.stats.help_log_not_folded", path=self.help_log,
                                reason=_reason(exc))
            return
        data.pop(_FOLDED, None)

    def _lock_path(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.path.with_name(self.path.name + ".lock")


def _empty() -> dict[str, Any]:
    return {"version": _VERSION, "months": {}}


def _cap(months: dict[str, Any]) -> None:
    for old in sorted(months)[:-MAX_MONTHS]:
        del months[old]


def _encode(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Timeout):
        return text("staff.stats.file_busy")
    return plain_os_error(exc)


def _checked(data: object) -> dict[str, Any]:
    """The file's data if every part has the shape `record` writes, else ValueError."""
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        raise ValueError("not a counts file")
    months = data.get("months")
    if not isinstance(months, dict):
        raise ValueError("months")
    folded = data.get(_FOLDED)
    if folded is not None and not (isinstance(folded, str) and len(folded) == 64):
        raise ValueError(_FOLDED)
    for month, entry in months.items():
        if not (_MONTH.match(month) and isinstance(entry, dict)):
            raise ValueError(month)
        for key, value in entry.items():
            if key in TOTALS:
                _count(value)
            elif key in BY_CARD and isinstance(value, dict):
                for count in value.values():
                    _count(count)
            else:
                raise ValueError(key)
    checked = {"version": _VERSION, "months": months}
    return checked if folded is None else {**checked, _FOLDED: folded}


def _count(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(value)


# --- the report ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportRow:
    item: str  # what was counted, Simplified Chinese
    card: str  # the card's title for by-card rows, "" for totals
    count: int


def report_rows(counts: MonthCounts, card_titles: dict[str, str]) -> list[ReportRow]:
    """The month as rows: each total, then per kind of card event its total and one row
    per card (most used first). Unknown card ids (a card since removed) show by id."""
    rows = [ReportRow(TOTALS["articles_opened"], "", counts.totals["articles_opened"])]
    for kind, name in BY_CARD.items():
        rows.append(ReportRow(name, TOTAL_ROW, counts.card_total(kind)))
        per_card = counts.cards.get(kind, Counter())
        for card_id, count in sorted(per_card.items(), key=lambda item: (-item[1], item[0])):
            title = (STRINGS["staff.stats.other_cards"] if card_id == OTHER_CARDS
                     else card_titles.get(card_id, card_id))
            rows.append(ReportRow(name, title, count))
    rows.append(ReportRow(HELP_PRESSES, "", counts.help_presses))
    rows.append(ReportRow(TOTALS["read_aloud_started"], "", counts.totals["read_aloud_started"]))
    return rows


CSV_HEADER = tuple(STRINGS["staff.stats.csv_header"].split())


def report_csv(counts: MonthCounts, rows: Iterable[ReportRow],
               header: Iterable[str] = CSV_HEADER) -> bytes:
    """CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel and WPS then read the
    Chinese right), Windows line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([counts.month, row.item, row.card, row.count])
    return out.getvalue().encode("utf-8-sig")


def write_report_csv(path: Path, data: bytes) -> None:
    """Write the report; never into a folder that does not exist (FileNotFoundError),
    as a mistyped path would otherwise make folders nobody looks in."""
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(path.parent))
    atomic_write_bytes(path, data)
