"""The log of 请工作人员帮忙 presses, for staff (and the staff statistics) to read.

One line per press in `help-calls.log` in the settings folder:
`YYYY-MM-DDTHH:MM:SS<TAB>screen-name<NEWLINE>`, local time, UTF-8. Other parts of the
program count presses from this file, so the format is fixed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from reader.core.strings import STRINGS

HELP_LOG_NAME = "help-calls.log"
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


class HelpCall(NamedTuple):
    when: dt.datetime
    screen: str


# Screen names in the log are the program's page names; staff read them as these words.
SCREEN_WORDS = {screen: STRINGS[f"help.screen.{screen}"]
                for screen in ("home", "article", "card", "category", "staff", "staff_pin")}


def help_log(settings_folder: Path) -> Path:
    return settings_folder / HELP_LOG_NAME


def help_call_line(when: dt.datetime, screen: str) -> str:
    """One log line; tabs and line breaks in a screen name become spaces."""
    clean = " ".join(screen.split()) or "?"
    return f"{when.strftime(_TIME_FORMAT)}\t{clean}\n"


def record_help_call(settings_folder: Path, screen: str,
                     when: dt.datetime | None = None) -> bool:
    """Append one line for a press. False when the file cannot be written (a full or
    read-only disk): the caller still calls for help on screen, only the log is missing."""
    line = help_call_line(when or dt.datetime.now(), screen)
    try:
        settings_folder.mkdir(parents=True, exist_ok=True)
        with help_log(settings_folder).open("a", encoding="utf-8", newline="\n") as log:
            log.write(line)
    except OSError:
        return False
    return True


def read_help_calls(settings_folder: Path, newest: int = 50) -> list[HelpCall]:
    """The newest presses, newest first; lines that do not parse are left out."""
    try:
        lines = help_log(settings_folder).read_text(encoding="utf-8",
                                                     errors="replace").splitlines()
    except OSError:
        return []
    calls = []
    for line in reversed(lines):
        stamp, _, screen = line.partition("\t")
        try:
            calls.append(HelpCall(dt.datetime.strptime(stamp, _TIME_FORMAT), screen))
        except ValueError:
            continue
        if len(calls) >= newest:
            break
    return calls
