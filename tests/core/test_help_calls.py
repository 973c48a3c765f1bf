import datetime as dt
from pathlib import Path

import pytest

from reader.core.help_calls import HelpCall, read_help_calls, record_help_call

NOON = dt.datetime(2026, 12, 6, 12, 0, 5)


def test_each_press_is_one_line_in_the_agreed_format(tmp_path: Path) -> None:
    folder = tmp_path / "settings"  # not made yet: the first press makes it
    assert record_help_call(folder, "home", NOON)
    assert record_help_call(folder, "article", NOON + dt.timedelta(minutes=3))
    data = (folder / "help-calls.log").read_bytes()
    assert data == b"2026-12-06T12:00:05\thome\n2026-12-06T12:03:05\tarticle\n"


def test_a_screen_name_cannot_break_the_format(tmp_path: Path) -> None:
    record_help_call(tmp_path, "card\tpage\nx", NOON)
    assert (tmp_path / "help-calls.log").read_text(encoding="utf-8") == \
        "2026-12-06T12:00:05\tcard page x\n"


def test_staff_read_the_newest_first_and_damaged_lines_are_skipped(tmp_path: Path) -> None:
    for minute in range(3):
        record_help_call(tmp_path, f"s{minute}", NOON + dt.timedelta(minutes=minute))
    with (tmp_path / "help-calls.log").open("a", encoding="utf-8") as log:
        log.write("not a line\n")
    calls = read_help_calls(tmp_path, newest=2)
    assert calls == [HelpCall(NOON + dt.timedelta(minutes=2), "s2"),
                     HelpCall(NOON + dt.timedelta(minutes=1), "s1")]
    assert read_help_calls(tmp_path / "nowhere") == []


def test_an_unwritable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert record_help_call(blocker / "sub", "home", NOON) is False


def test_staff_list_the_presses_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader import paths
    from reader.cli import main

    assert main(["help-calls"]) == 0
    assert "还没有人按过" in capsys.readouterr().out
    record_help_call(paths.config_dir(), "home", NOON)
    record_help_call(paths.config_dir(), "card", NOON + dt.timedelta(seconds=30))
    assert main(["help-calls"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2026-12-06 12:00:35  帮助卡片", "2026-12-06 12:00:05  首页"]
