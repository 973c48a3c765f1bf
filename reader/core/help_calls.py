"""请工作人员帮忙 as staff see it, without keeping who pressed when.

On disk there is only a count per month, in the usage counts (reader.core.usage_counts),
for the monthly report. So that staff coming back to the desk can see that a resident
was waiting, the time and screen of the latest presses are kept in memory
(`RecentHelpCalls`): they are gone when the program closes.

Earlier versions appended every press, with its exact time and screen, to
`help-calls.log` in the settings folder (`YYYY-MM-DDTHH:MM:SS<TAB>screen` a line).
`old_log_months` reads that file's counts per month so they can be folded into the usage
counts once; the file is then deleted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, deque
from pathlib import Path
from typing import NamedTuple

from reader.core.strings import STRINGS

OLD_LOG_NAME = "help-calls.log"
RECENT_KEPT = 20
_OLD_LINE = re.compile(rb"^(\d{4})-(0[1-9]|1[0-2])-\d{2}T\d{2}:\d{2}:\d{2}\t")


class HelpCall(NamedTuple):
    when: dt.datetime
    screen: str


# The program's page names, as staff read them.
SCREEN_WORDS = {screen: STRINGS[f"help.screen.{screen}"]
                for screen in ("home", "article", "card", "category", "staff", "staff_pin")}


class RecentHelpCalls:
    """The latest RECENT_KEPT presses since the program started, in memory only."""

    def __init__(self) -> None:
        self._calls: deque[HelpCall] = deque(maxlen=RECENT_KEPT)

    def add(self, when: dt.datetime, screen: str) -> None:
        self._calls.append(HelpCall(when, " ".join(screen.split()) or "?"))

    def newest_first(self) -> list[HelpCall]:
        return list(reversed(self._calls))


def old_help_log(settings_folder: Path) -> Path:
    return settings_folder / OLD_LOG_NAME


def old_log_months(data: bytes) -> Counter[str]:
    """Presses per month ("2026-12") in an old help-calls.log; other lines are skipped."""
    presses: Counter[str] = Counter()
    for line in data.splitlines():
        found = _OLD_LINE.match(line)
        if found:
            presses[f"{found.group(1).decode()}-{found.group(2).decode()}"] += 1
    return presses
