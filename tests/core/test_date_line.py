import datetime as dt

import pytest

from reader.core.date_line import date_line, lunar_words, solar_words


def test_the_date_line_for_a_fixed_day() -> None:
    assert date_line(dt.date(2026, 12, 6)) == "2026年12月6日 星期日  农历十月廿八"


@pytest.mark.parametrize(("day", "lunar"), [
    (dt.date(2026, 2, 17), "农历正月初一"),  # 春节 2026
    (dt.date(2025, 10, 6), "农历八月十五"),  # 中秋 2025
    (dt.date(2025, 7, 25), "农历闰六月初一"),  # 2025 has a leap sixth month
    (dt.date(2026, 2, 16), "农历腊月廿九"),  # 除夕 2026 (a short last month)
])
def test_known_lunar_dates(day: dt.date, lunar: str) -> None:
    assert lunar_words(day) == lunar


def test_weekdays() -> None:
    assert solar_words(dt.date(2026, 12, 7)) == "2026年12月7日 星期一"
    assert solar_words(dt.date(2026, 12, 12)) == "2026年12月12日 星期六"
