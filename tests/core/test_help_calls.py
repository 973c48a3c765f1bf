"""请工作人员帮忙 on disk is a count per month and nothing else; the latest presses (time
and screen) are kept in memory for staff; an old help-calls.log is folded in once."""

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.core.help_calls import RECENT_KEPT, HelpCall, RecentHelpCalls, old_log_months
from reader.core.usage_counts import UsageCounts

NOON = dt.datetime(2026, 12, 6, 12, 0, 5)


class Clock:
    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


def store(tmp_path: Path, moment: dt.datetime = NOON) -> UsageCounts:
    return UsageCounts(tmp_path / "data" / "usage-counts.json",
                       tmp_path / "config" / "help-calls.log", Clock(moment))


def test_a_press_is_counted_by_month_with_no_time_or_screen_on_disk(tmp_path: Path) -> None:
    counts = store(tmp_path)
    counts.help_pressed("article")
    counts.clock.moment = NOON + dt.timedelta(minutes=3)  # type: ignore[attr-defined]
    counts.help_pressed("card")
    assert counts.month("2026-12").help_presses == 2
    written = counts.path.read_text(encoding="utf-8")
    assert json.loads(written)["months"] == {"2026-12": {"help_presses": 2}}
    assert "12:0" not in written and "article" not in written and "card" not in written
    assert not counts.help_log.exists()  # no log of presses any more
    # a fresh reader (the staff area, the command line) sees the same count
    assert UsageCounts(counts.path, counts.help_log).month("2026-12").help_presses == 2


def test_the_latest_presses_are_kept_in_memory_only(tmp_path: Path) -> None:
    counts = store(tmp_path)
    for minute in range(RECENT_KEPT + 5):
        counts.clock.moment = NOON + dt.timedelta(minutes=minute)  # type: ignore[attr-defined]
        counts.help_pressed("card\tpage\nx" if minute == RECENT_KEPT + 4 else "home")
    recent = counts.recent_help.newest_first()
    assert len(recent) == RECENT_KEPT  # capped
    assert recent[0] == HelpCall(NOON + dt.timedelta(minutes=RECENT_KEPT + 4), "card page x")
    assert recent[-1].when == NOON + dt.timedelta(minutes=5)
    assert UsageCounts(counts.path, counts.help_log).recent_help.newest_first() == []
    assert RecentHelpCalls().newest_first() == []


OLD_LOG = (b"2026-11-30T23:59:59\thome\n"
           b"2026-12-01T00:00:00\tarticle\n"
           b"2026-12-06T10:15:02\tcard\n"
           b"not a press\n"
           b"2026-12-07 10:00:00\thome\n"  # a space instead of T: not the log's format
           b"2026-13-01T10:00:00\thome\n"  # no such month
           b"\xff\xfe2026-12-08T10:00:00\thome\n")  # damaged bytes in front


def test_the_old_log_is_read_per_month() -> None:
    assert old_log_months(OLD_LOG) == {"2026-11": 1, "2026-12": 2}


def test_an_old_help_log_is_folded_in_once_and_deleted(tmp_path: Path) -> None:
    counts = store(tmp_path)
    counts.help_pressed("home")  # counted before the old log turns up (an upgrade)
    counts.help_log.parent.mkdir(parents=True)
    counts.help_log.write_bytes(OLD_LOG)
    assert counts.month("2026-12").help_presses == 3
    assert counts.month("2026-11").help_presses == 1
    assert counts.months() == ["2026-12", "2026-11"]  # a month with only presses is listed
    assert not counts.help_log.exists()  # the times are gone
    counts.help_pressed("home")
    data = json.loads(counts.path.read_text(encoding="utf-8"))
    assert data == {"version": 1, "months": {"2026-11": {"help_presses": 1},
                                             "2026-12": {"help_presses": 4}}}


def test_a_crash_between_folding_and_deleting_counts_nothing_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = store(tmp_path)
    counts.help_log.parent.mkdir(parents=True)
    counts.help_log.write_bytes(OLD_LOG)

    def cannot_delete(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", cannot_delete)
    assert counts.month("2026-12").help_presses == 2
    assert counts.help_log.exists() and "没有权限" in counts.problem  # said in Chinese
    again = UsageCounts(counts.path, counts.help_log, counts.clock)
    assert again.month("2026-12").help_presses == 2  # not folded a second time
    monkeypatch.undo()
    assert again.month("2026-12").help_presses == 2
    assert not counts.help_log.exists()
    assert again.month("2026-11").help_presses == 1


def test_the_command_line_lists_presses_per_month(
        capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    assert main(["help-calls"]) == 0
    assert "还没有人按过" in capsys.readouterr().out
    UsageCounts(clock=lambda: NOON).help_pressed("home")
    UsageCounts(clock=lambda: NOON).help_pressed("card")
    UsageCounts(clock=lambda: dt.datetime(2026, 10, 2, 8, 0)).help_pressed("home")
    assert main(["help-calls"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["2026年12月  2 次", "2026年10月  1 次"]
    assert "不记时间" in out[2]
    assert main(["help-calls", "--newest", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "2026年12月  2 次"
