"""本地信息 in the staff area: fill the form, checks in plain words next to the field,
save into the same file (comments kept), the card preview in either script, a broken or
meanwhile-changed file left as it was, and the text editor outside community mode."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reader import paths
from reader.core.local_info import load_local_info
from reader.ui.cards.feature import TopicCards
from reader.ui.shell.main_window import MainWindow
from reader.ui.staff import text_editor
from reader.ui.staff.local_info_panel import LocalInfoPanel
from reader.ui.staff.text_editor import open_in_text_editor
from reader.ui.widgets.text_block import TextBlock
from tests.support.community_helpers import click, open_panel
from tests.support.window_helpers import settle


def open_form(qtbot: QtBot) -> tuple[MainWindow, LocalInfoPanel]:
    window, _staff, panel = open_panel(qtbot, "local", LocalInfoPanel)
    return window, panel


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """As staff type: select what is there, delete it, then the new text as a Chinese
    input method sends it (a committed string)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    if text:
        typed = QInputMethodEvent("", [])
        typed.setCommitString(text)
        QApplication.sendEvent(edit, typed)
    settle()


def choose_card(panel: LocalInfoPanel, card_id: str) -> None:
    index = panel.card_box.findData(card_id)
    assert index >= 0
    panel.card_box.setCurrentIndex(index)
    panel.card_box.activated.emit(index)
    settle()


def fill_good(qtbot: QtBot, window: MainWindow, panel: LocalInfoPanel) -> None:
    type_into(qtbot, panel.rows["centre.name"].edit, "幸福社区服务中心")
    type_into(qtbot, panel.rows["centre.phone"].edit, "0354-1234567")
    type_into(qtbot, panel.rows["centre.hours"].edit, "周一到周五 9:00-17:00")
    click(qtbot, window, panel.today_button)
    choose_card(panel, "dibao")
    type_into(qtbot, panel.card_rows["office"].edit, "街道便民服务中心 2 号窗口")
    type_into(qtbot, panel.card_rows["phone"].edit, "0354-7654321")
    type_into(qtbot, panel.card_rows["note"].edit, "先打电话预约")


def test_fill_save_and_the_card_shows_it(qtbot: QtBot) -> None:
    window, panel = open_form(qtbot)
    path = paths.local_info_file()
    comments = [line for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")]
    fill_good(qtbot, window, panel)
    click(qtbot, window, panel.save_button)
    assert panel.message.text() == "已经保存。卡片上已经是新的内容。"
    text = path.read_text(encoding="utf-8")
    assert all(line in text for line in comments)  # the hand-editing help is still there
    info = load_local_info(path)
    assert info.problems == ()
    assert info.centre.name == "幸福社区服务中心" and info.checked == date.today()
    office = info.office_for("dibao")
    assert office is not None and office.note == "先打电话预约"
    # the residents' card shows it from now on
    cards = panel.ctx.cards
    assert isinstance(cards, TopicCards) and cards.open_card("dibao")
    settle()
    shown = [block.plain_text() for block in window.current_page().findChildren(TextBlock)]
    assert "办理地点：街道便民服务中心 2 号窗口" in shown
    assert f"号码核实日期：{date.today().year}年{date.today().month}月{date.today().day}日" \
        in shown
    assert panel.card_box.itemText(panel.card_box.findData("dibao")).endswith("（已填）")


def test_problems_are_said_next_to_the_field_and_nothing_is_saved(qtbot: QtBot) -> None:
    window, panel = open_form(qtbot)
    path = paths.local_info_file()
    before = path.read_bytes()
    fill_good(qtbot, window, panel)
    type_into(qtbot, panel.rows["centre.name"].edit, "")
    type_into(qtbot, panel.rows["centre.phone"].edit, "0354-123")
    choose_card(panel, "tuoyu")
    type_into(qtbot, panel.card_rows["phone"].edit, "12345")  # a phone but no office
    choose_card(panel, "dibao")
    click(qtbot, window, panel.save_button)
    assert path.read_bytes() == before
    assert panel.rows["centre.name"].problem.text() == "请改：社区服务中心的名称不能空着。"
    assert panel.rows["centre.name"].problem.isVisible()
    assert "“0354-123”不像电话号码" in panel.rows["centre.phone"].problem.text()
    assert not panel.rows["centre.address"].problem.isVisible()
    assert panel.card_id == "tuoyu"  # the card that needs a fix is shown
    assert "办理地点空着" in panel.card_rows["office"].problem.text()
    assert panel.message.text().startswith("还有 3 处要改")
    type_into(qtbot, panel.rows["centre.name"].edit, "幸福社区服务中心")
    type_into(qtbot, panel.rows["centre.phone"].edit, "0354-1234567")
    type_into(qtbot, panel.card_rows["office"].edit, "托育服务中心")
    click(qtbot, window, panel.save_button)
    assert panel.message.text().startswith("已经保存")
    assert not panel.rows["centre.phone"].problem.isVisible()


def test_the_preview_follows_the_form_and_the_script(qtbot: QtBot) -> None:
    window, panel = open_form(qtbot)
    choose_card(panel, "dibao")
    assert "还没有本地信息" in panel.preview.text()
    type_into(qtbot, panel.card_rows["office"].edit, "民政办")
    type_into(qtbot, panel.rows["checked"].edit, "2026-12-01")
    assert panel.preview.text().splitlines() == [
        "【城乡低保】", "本地办理", "· 办理地点：民政办", "· 号码核实日期：2026年12月1日"]
    window.settings.set("script", "traditional")
    settle()
    lines = panel.preview.text().splitlines()
    assert lines[:3] == ["【城鄉低保】", "本地辦理", "· 辦理地點：民政辦"]
    assert panel.rows["centre.name"].label.text() == "名稱 *"
    assert panel.card_rows["office"].edit.text() == "民政办"  # what was typed stays as typed


def test_a_broken_file_is_left_as_it_was(qtbot: QtBot) -> None:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[centre]\nname = “幸福社区”\n', encoding="utf-8")
    before = path.read_bytes()
    window, panel = open_form(qtbot)
    assert panel.file_problems.isVisible() and "第 2 行" in panel.file_problems.text()
    assert panel.replace_button.isVisible()
    fill_good(qtbot, window, panel)
    click(qtbot, window, panel.save_button)
    assert path.read_bytes() == before
    assert "写错" in panel.message.text()
    click(qtbot, window, panel.replace_button)  # keep the broken one, write a new one
    kept = [p for p in path.parent.iterdir() if p.name.startswith("local-info.toml.broken-")]
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert kept[0].name in panel.message.text()
    assert load_local_info(path).centre.name == "幸福社区服务中心"
    assert not panel.replace_button.isVisible()


def test_a_file_notepad_saved_as_gbk_with_crlf_saves(qtbot: QtBot) -> None:
    path = paths.local_info_file()
    window, panel = open_form(qtbot)  # the template is made on first open
    hand = path.read_text(encoding="utf-8").replace('name = ""', 'name = "记事本填的"', 1)
    path.write_bytes(hand.replace("\n", "\r\n").encode("gbk"))  # as Notepad's "ANSI"
    click(qtbot, window, panel.reload_button)
    assert panel.rows["centre.name"].edit.text() == "记事本填的"
    fill_good(qtbot, window, panel)
    click(qtbot, window, panel.save_button)
    assert panel.message.text() == "已经保存。卡片上已经是新的内容。"
    assert load_local_info(path).centre.name == "幸福社区服务中心"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 now, with a BOM


def test_a_file_changed_by_hand_meanwhile_is_not_overwritten(qtbot: QtBot) -> None:
    window, panel = open_form(qtbot)
    path = paths.local_info_file()
    fill_good(qtbot, window, panel)
    hand = path.read_text(encoding="utf-8").replace('name = ""', 'name = "记事本改的"', 1)
    path.write_text(hand, encoding="utf-8")
    click(qtbot, window, panel.save_button)
    assert "被改过了" in panel.message.text()
    assert path.read_text(encoding="utf-8") == hand
    click(qtbot, window, panel.reload_button)  # what was typed is not thrown away at once
    assert "再按一次" in panel.message.text()
    assert panel.rows["centre.name"].edit.text() == "幸福社区服务中心"
    click(qtbot, window, panel.reload_button)
    assert panel.rows["centre.name"].edit.text() == "记事本改的"
    assert panel.message.text() == "已经重新读取。"


def test_the_text_editor_only_outside_community_mode(qtbot: QtBot) -> None:
    window, staff, panel = open_panel(qtbot, "local", LocalInfoPanel)
    opened: list[Path] = []

    def opener(path: Path, report: Callable[[bool], None]) -> None:
        opened.append(path)
        report(True)

    panel.opener = opener
    click(qtbot, window, panel.open_button)
    assert opened == [paths.local_info_file()]
    assert panel.message.text() == ""
    panel.opener = lambda path, report: report(False)
    click(qtbot, window, panel.open_button)
    assert "没能打开文字编辑程序" in panel.message.text()
    assert str(paths.local_info_file()) in panel.message.text()
    panel.ctx.community.enter()
    staff.show_section("local")
    assert not panel.open_button.isEnabled() and panel.kiosk_note.isVisible()
    panel.open_file()
    assert len(opened) == 1
    assert panel.save_button.isEnabled()  # the form itself works in community mode


def fake_program(folder: Path, name: str, exit_code: int, log: Path, wait: int = 0) -> None:
    """A stand-in for xdg-open or an editor: notes its name, pid and argument, then
    (`wait`) stays running as xdg-open does on desktops it does not know."""
    program = folder / name
    program.write_text(f'#!/bin/sh\necho "{name} $$ $1" >> "{log}"\n'
                       + (f"sleep {wait}\n" if wait else "") + f"exit {exit_code}\n",
                       encoding="utf-8")
    program.chmod(0o755)


def calls(log: Path) -> list[tuple[str, str]]:
    """(program, argument) for each program started, in order."""
    if not log.exists():
        return []
    return [(line.split()[0], line.split()[2]) for line in log.read_text("utf-8").splitlines()]


def open_and_wait(qtbot: QtBot, target: Path) -> bool:
    results: list[bool] = []
    began = time.monotonic()
    open_in_text_editor(target, results.append)
    assert time.monotonic() - began < 0.5  # the window is never held up
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    qtbot.wait(500)  # a second report or a second editor would show up now
    assert len(results) == 1
    return results[0]


@pytest.fixture
def linux_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder as the only PATH (shell tools found by absolute path), Linux."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "sleep"):
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(text_editor.sys, "platform", "linux")
    monkeypatch.setattr(text_editor, "XDG_OPEN_SETTLE_S", 1.0)
    return bin_dir


def test_with_nothing_to_open_it_with_staff_are_told(qtbot: QtBot, linux_path: Path) -> None:
    assert open_and_wait(qtbot, linux_path.parent / "local-info.toml") is False


def test_xdg_open_that_finds_a_program(qtbot: QtBot, linux_path: Path) -> None:
    log, target = linux_path.parent / "calls.log", linux_path.parent / "local-info.toml"
    fake_program(linux_path, "xdg-open", 0, log)
    fake_program(linux_path, "mousepad", 0, log)
    assert open_and_wait(qtbot, target) is True
    assert calls(log) == [("xdg-open", str(target))]  # no second editor


def test_xdg_open_that_finds_nothing_then_a_text_editor(qtbot: QtBot, linux_path: Path) -> None:
    log, target = linux_path.parent / "calls.log", linux_path.parent / "local-info.toml"
    fake_program(linux_path, "xdg-open", 3, log)  # 3: no program for this kind of file
    fake_program(linux_path, "mousepad", 0, log)
    assert open_and_wait(qtbot, target) is True
    qtbot.waitUntil(lambda: len(calls(log)) == 2, timeout=5000)  # the editor is detached
    assert calls(log) == [("xdg-open", str(target)), ("mousepad", str(target))]


def test_without_xdg_open_a_text_editor(qtbot: QtBot, linux_path: Path) -> None:
    log, target = linux_path.parent / "calls.log", linux_path.parent / "local-info.toml"
    fake_program(linux_path, "gedit", 0, log)
    assert open_and_wait(qtbot, target) is True
    qtbot.waitUntil(lambda: bool(calls(log)), timeout=5000)
    assert calls(log) == [("gedit", str(target))]


def test_xdg_open_waiting_for_its_editor_holds_nothing_up(
        qtbot: QtBot, linux_path: Path) -> None:
    log, target = linux_path.parent / "calls.log", paths.local_info_file()
    fake_program(linux_path, "xdg-open", 0, log, wait=30)
    fake_program(linux_path, "mousepad", 0, log)
    window, panel = open_form(qtbot)
    try:
        began = time.monotonic()
        click(qtbot, window, panel.open_button)
        assert time.monotonic() - began < 1.0  # the window answers at once
        qtbot.waitUntil(lambda: bool(calls(log)), timeout=5000)
        qtbot.wait(2000)  # past the settle time: taken as an open editor
        assert calls(log) == [("xdg-open", str(target))]  # one editor, not two
        assert "没能打开" not in panel.message.text()
    finally:
        pid = int(log.read_text("utf-8").split()[1])
        os.killpg(pid, signal.SIGTERM)  # the fake editor's own session
