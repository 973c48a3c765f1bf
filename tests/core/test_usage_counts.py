"""本月统计: the counts file, an old help log folded in, the month boundary, caps, a broken
file, CSV."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from reader.core import usage_counts
from reader.core.usage_counts import (
    OTHER_CARDS,
    UsageCounts,
    report_csv,
    report_rows,
    write_report_csv,
)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def store(tmp_path: Path, moment: datetime = datetime(2026, 12, 6, 9, 30)) -> UsageCounts:
    return UsageCounts(tmp_path / "counts.json", tmp_path / "help-calls.log", Clock(moment))


def test_events_are_counted_by_month_and_by_card(tmp_path: Path) -> None:
    counts = store(tmp_path)
    for _ in range(3):
        counts.record("articles_opened")
    counts.record("cards_opened", "dibao")
    counts.record("cards_opened", "dibao")
    counts.record("cards_opened", "yibao")
    counts.record("cards_printed", "yibao")
    counts.record("read_aloud_started")
    month = UsageCounts(counts.path, counts.help_log, counts.clock).month()  # a fresh reader
    assert month.month == "2026-12"
    assert month.totals["articles_opened"] == 3
    assert month.totals["read_aloud_started"] == 1
    assert dict(month.cards["cards_opened"]) == {"dibao": 2, "yibao": 1}
    assert dict(month.cards["cards_printed"]) == {"yibao": 1}
    assert month.card_total("cards_opened") == 3
    # only counts are stored: month -> event -> (card id ->) number
    data = json.loads(counts.path.read_text(encoding="utf-8"))
    assert set(data) == {"version", "months"}
    assert set(data["months"]["2026-12"]) == {"articles_opened", "cards_opened",
                                              "cards_printed", "read_aloud_started"}


def test_the_month_boundary_is_local_midnight(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 30, 23, 59, 59))
    counts = UsageCounts(tmp_path / "c.json", tmp_path / "h.log", clock)
    counts.record("articles_opened")
    clock.moment = datetime(2026, 12, 1, 0, 0, 0)
    counts.record("articles_opened")
    counts.record("articles_opened")
    assert counts.month("2026-11").totals["articles_opened"] == 1
    assert counts.month("2026-12").totals["articles_opened"] == 2
    assert counts.month().month == "2026-12"
    assert counts.months() == ["2026-12", "2026-11"]
    clock.moment = datetime(2027, 1, 1, 0, 0, 1)
    assert counts.month().totals["articles_opened"] == 0  # a new month starts at nought


def test_help_presses_of_an_old_help_log_are_counted(tmp_path: Path) -> None:
    counts = store(tmp_path)
    assert counts.month().help_presses == 0  # nobody pressed yet
    counts.help_log.write_bytes(
        b"2026-11-30T23:59:59\thome\n"
        b"2026-12-01T00:00:00\tarticle\n"
        b"2026-12-06T10:15:02\tcard\n"
        b"not a press\n"
        b"2026-12-07 10:00:00\thome\n"  # a space instead of T: not the log's format
        b"2026-13-01T10:00:00\thome\n"  # no such month
        b"\xff\xfe2026-12-08T10:00:00\thome\n"  # damaged bytes in front
    )
    assert counts.month("2026-11").help_presses == 1
    assert counts.month("2026-12").help_presses == 2
    assert counts.months() == ["2026-12", "2026-11"]  # a month with only presses is listed


@pytest.mark.parametrize("content", [
    b"{not json",
    b"\x00\x00\x00",
    json.dumps({"version": 1, "months": {"2026-12": {"articles_opened": -4}}}).encode(),
    json.dumps({"version": 1, "months": {"December": {}}}).encode(),
    json.dumps({"version": 1, "months": {"2026-12": {"who": "王明"}}}).encode(),
    json.dumps([1, 2, 3]).encode(),
])
def test_a_broken_counts_file_is_set_aside_and_counting_starts_again(
        tmp_path: Path, content: bytes) -> None:
    counts = store(tmp_path)
    counts.path.write_bytes(content)
    counts.record("articles_opened")
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("counts.json.broken-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content  # nothing lost
    assert kept[0].name in counts.problem and "重新计数" in counts.problem
    assert counts.month().totals["articles_opened"] == 1


def test_an_oversized_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = store(tmp_path)
    counts.record("articles_opened")
    monkeypatch.setattr(usage_counts, "MAX_FILE_BYTES", 10)
    assert counts.month().totals["articles_opened"] == 0
    assert "另存为" in counts.problem


def test_the_file_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usage_counts, "MAX_MONTHS", 3)
    monkeypatch.setattr(usage_counts, "MAX_CARDS", 2)
    clock = Clock(datetime(2026, 1, 15))
    counts = UsageCounts(tmp_path / "c.json", tmp_path / "h.log", clock)
    for month in range(1, 6):
        clock.moment = datetime(2026, month, 15)
        counts.record("articles_opened")
    assert counts.months() == ["2026-05", "2026-04", "2026-03"]
    for card in ("a", "b", "c", "d", "a"):
        counts.record("cards_opened", card)
    assert dict(counts.month().cards["cards_opened"]) == {"a": 2, "b": 1, OTHER_CARDS: 2}


def test_a_failed_write_keeps_the_old_file_and_does_not_raise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = store(tmp_path)
    counts.record("articles_opened")
    before = counts.path.read_bytes()

    def power_cut(_fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", power_cut)
    counts.record("articles_opened")  # the resident's click goes on
    monkeypatch.undo()
    assert counts.path.read_bytes() == before
    assert "记不下来" in counts.problem
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    assert counts.month().totals["articles_opened"] == 1


def test_a_write_problem_is_cleared_by_a_later_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = store(tmp_path)

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    counts.record("articles_opened")
    assert counts.problem == f"使用次数记不下来（{counts.path}）：磁盘满了。"  # in Chinese
    monkeypatch.undo()
    counts.record("articles_opened")
    assert counts.problem == ""
    assert counts.month().totals["articles_opened"] == 1


def test_a_set_aside_note_stays_after_later_writes(tmp_path: Path) -> None:
    counts = store(tmp_path)
    counts.path.write_bytes(b"{not json")
    counts.record("articles_opened")
    counts.record("articles_opened")
    assert "另存为" in counts.problem


def test_the_report_is_never_written_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_report_csv(tmp_path / "no" / "such" / "x.csv", b"x")
    assert not (tmp_path / "no").exists()


def test_unknown_events_are_a_programming_error(tmp_path: Path) -> None:
    counts = store(tmp_path)
    with pytest.raises(ValueError):
        counts.record("cards_opened")  # which card?
    with pytest.raises(ValueError):
        counts.record("mouse_moved")
    with pytest.raises(ValueError):
        counts.month("2026-13")


def test_report_rows_and_csv(tmp_path: Path) -> None:
    counts = store(tmp_path)
    counts.record("articles_opened")
    for card in ("yibao", "dibao", "dibao", "gone"):
        counts.record("cards_opened", card)
    counts.record("cards_printed", "dibao")
    counts.help_log.write_text("2026-12-06T10:00:00\thome\n", encoding="utf-8")
    month = counts.month()
    rows = report_rows(month, {"dibao": "城乡低保", "yibao": "医疗保险"})
    table = [(r.item, r.card, r.count) for r in rows]
    assert table == [
        ("打开文章", "", 1),
        ("打开帮助卡片", "合计", 4),
        ("打开帮助卡片", "城乡低保", 2),
        ("打开帮助卡片", "gone", 1),  # a card since removed shows by its id
        ("打开帮助卡片", "医疗保险", 1),
        ("打印帮助卡片", "合计", 1),
        ("打印帮助卡片", "城乡低保", 1),
        ("请工作人员帮忙", "", 1),
        ("开始朗读", "", 0),
    ]
    data = report_csv(month, rows)
    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheets read UTF-8 by this mark
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed[0] == ["月份", "项目", "卡片", "次数"]
    assert parsed[1] == ["2026-12", "打开文章", "", "1"]
    assert len(parsed) == len(rows) + 1
    assert b"\r\n" in data
