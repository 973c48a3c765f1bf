"""Today's date in the words a resident uses: 2026年12月6日 星期日, and the 农历 date.

The lunar calendar comes from `lunar_python` (a kept library with the official tables),
not from tables of our own. Written in 简体; the UI converts it for 繁體 with the rest.
"""

from __future__ import annotations

import datetime as dt

from reader.core.strings import STRINGS, text

_WEEKDAYS = STRINGS["date.weekdays"].split()


def solar_words(day: dt.date) -> str:
    """2026年12月6日 星期日"""
    words = text("date.day", year=day.year, month=day.month, day=day.day)
    return text("date.with_weekday", day=words, weekday=_WEEKDAYS[day.weekday()])


def lunar_words(day: dt.date) -> str:
    """农历十月廿八; 农历正月初一; a leap month reads 农历闰六月初三."""
    from lunar_python import Solar  # ~0.1 s to import: not before the first picture

    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    return text("date.lunar", month=lunar.getMonthInChinese(), day=lunar.getDayInChinese())


def date_line(day: dt.date) -> str:
    """The line for the top of home: 2026年12月6日 星期日 农历十月廿八"""
    return f"{solar_words(day)}  {lunar_words(day)}"
