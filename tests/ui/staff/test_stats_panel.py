"""本月统计 in the staff area: a month's counts as the window made them, other months,
the help presses, the CSV for the monthly report, 繁體 titles."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.core.usage_counts import UsageCounts, month_of
from reader.ui.shell.main_window import MainWindow
from reader.ui.staff.staff_page import StaffPage
from reader.ui.staff.stats_panel import StatsPanel
from tests.support.community_helpers import click, make_program, unlock
from tests.support.window_helpers import settle


def open_stats(qtbot: QtBot, window: MainWindow, staff: StaffPage) -> StatsPanel:
    staff.show_section("stats")
    panel = staff.panel("stats")
    assert isinstance(panel, StatsPanel)
    settle()
    return panel


def table(panel: StatsPanel) -> list[tuple[str, str]]:
    grid = panel.grid
    cells = []
    for row in range(grid.rowCount()):
        name, count = grid.itemAtPosition(row, 0), grid.itemAtPosition(row, 1)
        if name is not None and count is not None:
            cells.append((name.widget().text().strip(),  # type: ignore[union-attr]
                          count.widget().text()))  # type: ignore[union-attr]
    return cells


def test_this_months_counts_from_the_window(qtbot: QtBot) -> None:
    program = make_program(qtbot)
    window, community = program.window, program.community
    assert window.open_article("1")
    assert window.open_article("2")
    assert program.cards.open_card("dibao") and program.cards.open_card("dibao")
    assert program.cards.open_card("jijiu")
    window.count("cards_printed", "dibao")
    window.chime = lambda: True
    window.call_for_help()
    window.call_for_help()
    now = datetime.now()
    UsageCounts(clock=lambda: datetime(2025, 3, 9, 10, 0)).record("articles_opened")
    staff = unlock(qtbot, window, community)
    panel = open_stats(qtbot, window, staff)
    assert panel.month == month_of(now)
    assert panel.month_box.currentText() == f"{now.year}年{now.month}月（本月）"
    assert table(panel) == [
        ("打开文章", "2"),
        ("打开帮助卡片（合计）", "3"), ("城乡低保", "2"), ("急救和胸痛中心", "1"),
        ("打印帮助卡片（合计）", "1"), ("城乡低保", "1"),
        ("请工作人员帮忙", "2"),
        ("开始朗读", "0"),
    ]
    # an earlier month from the list
    index = panel.month_box.findData("2025-03")
    assert index == panel.month_box.count() - 1  # newest first
    panel.month_box.setCurrentIndex(index)
    panel.month_box.activated.emit(index)
    settle()
    assert table(panel)[0] == ("打开文章", "1")
    assert ("请工作人员帮忙", "0") in table(panel)


def test_the_month_saved_as_csv_in_the_interfaces_script(qtbot: QtBot, tmp_path: Path) -> None:
    program = make_program(qtbot)
    window, community = program.window, program.community
    window.settings.set("script", "traditional")
    assert program.cards.open_card("dibao")
    staff = unlock(qtbot, window, community)
    panel = open_stats(qtbot, window, staff)
    assert ("城鄉低保", "1") in table(panel)
    out = tmp_path / "report.csv"
    panel.choose_csv_path = lambda: str(out)  # type: ignore[method-assign]
    click(qtbot, window, panel.csv_button)
    assert panel.message.text() == f"已保存：{out}"
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == ["月份", "項目", "卡片", "次數"]
    assert [panel.month, "打開幫助卡片", "城鄉低保", "1"] in rows
    blocked = tmp_path / "file"
    blocked.write_text("x")
    panel.choose_csv_path = lambda: str(blocked / "inside.csv")  # type: ignore[method-assign]
    click(qtbot, window, panel.csv_button)
    assert panel.message.text().startswith("沒能保存到")


def test_a_broken_counts_file_is_said_and_counting_goes_on(qtbot: QtBot) -> None:
    store = UsageCounts()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{broken", encoding="utf-8")
    program = make_program(qtbot)
    window, community = program.window, program.community
    assert program.cards.open_card("dibao")  # the resident never notices
    staff = unlock(qtbot, window, community)
    panel = open_stats(qtbot, window, staff)
    assert panel.problem.isVisible() and "另存为" in panel.problem.text()
    assert ("城乡低保", "1") in table(panel)
