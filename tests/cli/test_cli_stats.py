"""`python -m reader stats`: printed, as CSV, and a month written wrong."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from reader.core.usage_counts import UsageCounts
from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", "stats", *args],
                          capture_output=True, text=True, cwd=ROOT)


def fill_november() -> None:
    counts = UsageCounts(clock=lambda: datetime(2026, 11, 20, 15, 0))
    for _ in range(7):
        counts.record("articles_opened")
    counts.record("cards_opened", "dibao")
    counts.record("cards_printed", "dibao")
    counts.record("read_aloud_started")
    counts.help_log.parent.mkdir(parents=True, exist_ok=True)
    counts.help_log.write_text("2026-11-02T09:00:00\thome\n2026-12-01T09:00:00\thome\n",
                               encoding="utf-8")


def test_stats_prints_a_month() -> None:
    fill_november()
    out = run("--month", "2026-11")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("2026-11")
    table = {line.rsplit(None, 1)[0].strip(): int(line.rsplit(None, 1)[1]) for line in lines[1:]}
    assert table == {"打开文章": 7, "打开帮助卡片（合计）": 1, "城乡低保": 1,
                     "打印帮助卡片（合计）": 1, "请工作人员帮忙": 1, "开始朗读": 1}


def test_stats_writes_csv(tmp_path: Path) -> None:
    fill_november()
    target = tmp_path / "2026-11.csv"
    out = run("--month", "2026-11", "--csv", str(target))
    assert out.returncode == 0, out.stderr
    assert str(target) in out.stdout
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == ["月份", "项目", "卡片", "次数"]
    assert ["2026-11", "打开帮助卡片", "城乡低保", "1"] in rows
    assert ["2026-11", "请工作人员帮忙", "", "1"] in rows


def test_a_month_written_wrong_is_said_plainly() -> None:
    out = run("--month", "12/2026")
    assert out.returncode == 2
    assert "年-月" in out.stderr and "Traceback" not in out.stderr


def test_a_csv_that_cannot_be_written_is_said_plainly_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "x.csv"
    folder.mkdir()  # a folder where the file should go
    out = run("--csv", str(folder))
    assert out.returncode == 1
    assert "写不进去" in out.stderr and "这里是一个文件夹，不是文件" in out.stderr
    assert "Is a directory" not in out.stderr and "Traceback" not in out.stderr


def test_a_csv_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "dir" / "x.csv"
    out = run("--csv", str(target))
    assert out.returncode == 1
    assert "没有" in out.stderr and str(target.parent) in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "nonexistent").exists()  # no folders made
