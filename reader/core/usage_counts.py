"""本月统计: how often things were used on this PC, by month, for the staff's report.

Only counts are kept, never who, which words, or when exactly: articles opened, cards
opened and printed (by card id), read-aloud starts. 请工作人员帮忙 presses are counted
from `help-calls.log` (written by the help button, one `YYYY-MM-DDTHH:MM:SS<TAB>screen`
line per press, local time).

The counts file (JSON, in the data folder) is rewritten whole after every event with
`atomic_write_bytes`: a crash or a power cut leaves the old file or the new one, never a
torn one, and loses at most the event being counted. It is capped: the newest
`MAX_MONTHS` months and `MAX_CARDS` card ids a month (more fold into one "其他" row), so
it stays a few kilobytes. A file that does not read as counts is set aside under a new
name (kept for a look) and counting starts again.
"""

from __future__ import annotations

import csv
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
from reader.core.safe_files import atomic_write_bytes, set_aside
from reader.core.strings import STRINGS, text

MAX_MONTHS = 60
MAX_CARDS = 300
MAX_FILE_BYTES = 1_000_000  # far above what the caps allow: bigger means not ours
OTHER_CARDS = "*other*"
LOCK_WAIT_S = 5.0
_VERSION = 1
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_HELP_LINE = re.compile(r"^(\d{4}-\d{2})-\d{2}T\d{2}:\d{2}:\d{2}\t")

# event name -> the row title in the report (Simplified Chinese; the window converts)
TOTALS: dict[str, str] = {
    "articles_opened": STRINGS["staff.stats.articles_opened"],
    "read_aloud_started": STRINGS["staff.stats.read_aloud_started"],
}
BY_CARD: dict[str, str] = {
    "cards_opened": STRINGS["staff.stats.cards_opened"],
    "cards_printed": STRINGS["staff.stats.cards_printed"],
}
HELP_PRESSES = STRINGS["staff.stats.help_presses"]
TOTAL_ROW = STRINGS["staff.stats.total_row"]  # ReportRow.card of a kind's total row


def counts_file() -> Path:
    return paths.data_dir() / "usage-counts.json"


def help_log_file() -> Path:
    return paths.config_dir() / "help-calls.log"


def month_of(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


@dataclass
class MonthCounts:
    month: str  # "2026-12"
    totals: Counter[str] = field(default_factory=Counter)  # TOTALS keys
    cards: dict[str, Counter[str]] = field(default_factory=dict)  # BY_CARD key -> card id
    help_presses: int = 0

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
        self.problem = ""  # plain words for staff when the file had to be set aside

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
                for old in sorted(months)[:-MAX_MONTHS]:
                    del months[old]
                atomic_write_bytes(self.path, _encode(data))
        except (OSError, Timeout) as exc:
            self.problem = text("staff.stats.cannot_write", path=self.path, reason=_reason(exc))

    # --- reading ------------------------------------------------------------------------
    def months(self) -> list[str]:
        """Months with anything counted (counts file or help log), newest first."""
        found = set(self._stored().keys()) | set(self._help_presses())
        return sorted(found, reverse=True)

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
        counts.help_presses = self._help_presses().get(month, 0)
        return counts

    def _stored(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        try:
            with FileLock(self._lock_path(), timeout=LOCK_WAIT_S):
                months: dict[str, dict[str, Any]] = self._read()["months"]
                return months
        except (OSError, Timeout) as exc:
            self.problem = text("staff.stats.cannot_read", path=self.path, reason=_reason(exc))
            return {}

    def _read(self) -> dict[str, Any]:
        """The file's data (call with the lock held); a broken file is set aside."""
        if not self.path.exists():
            return _empty()
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("too big")
            return _checked(json.loads(self.path.read_bytes().decode("utf-8")))
        except (ValueError, UnicodeDecodeError):
            kept = set_aside(self.path)
            self.problem = text("staff.stats.broken", name=kept.name)
            return _empty()

    def _help_presses(self) -> Counter[str]:
        """Presses per month from the help log; lines not in its format are skipped."""
        presses: Counter[str] = Counter()
        try:
            with self.help_log.open("rb") as log:
                for raw in log:
                    found = _HELP_LINE.match(raw.decode("utf-8", "replace"))
                    if found and _MONTH.match(found.group(1)):
                        presses[found.group(1)] += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.problem = text("staff.stats.help_log_unreadable", path=self.help_log,
                                reason=_reason(exc))
        return presses

    def _lock_path(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.path.with_name(self.path.name + ".lock")


def _empty() -> dict[str, Any]:
    return {"version": _VERSION, "months": {}}


def _encode(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Timeout):
        return text("staff.stats.file_busy")
    return getattr(exc, "strerror", None) or str(exc)


def _checked(data: object) -> dict[str, Any]:
    """The file's data if every part has the shape `record` writes, else ValueError."""
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        raise ValueError("not a counts file")
    months = data.get("months")
    if not isinstance(months, dict):
        raise ValueError("months")
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
    return {"version": _VERSION, "months": months}


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
    atomic_write_bytes(path, data)
