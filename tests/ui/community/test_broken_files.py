"""A broken file people can edit, in the running window: said plainly, the program runs,
and the broken file is kept (set aside, or left exactly as it was), never overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader import cli, paths
from reader.core.library import Library
from reader.core.pin import pin_file
from reader.resources import asset_path
from reader.ui.staff.local_info_panel import LocalInfoPanel
from reader.ui.staff.status_panel import StatusPanel
from tests.conftest import ROOT
from tests.support.community_helpers import (
    make_community_window,
    make_program,
    press_staff_keys,
    unlock,
)
from tests.support.window_helpers import LONGEST

SETTINGS_PROBLEM = "设置文件有问题，程序可以照常使用。请工作人员到工作人员区“状况”里看看。"
LIBRARY_PROBLEM = "文章库有的文件坏了，能读的文章照常显示。请工作人员到工作人员区“状况”里看看。"


def _status(qtbot: QtBot, window: object, community: object) -> StatusPanel:
    staff = unlock(qtbot, window, community)  # type: ignore[arg-type]
    staff.show_section("status")
    panel = staff.panel("status")
    assert isinstance(panel, StatusPanel)
    return panel


def _still_works(window: object) -> None:
    assert window.open_article(LONGEST)  # type: ignore[attr-defined]
    window.go_home()  # type: ignore[attr-defined]


def test_broken_settings_file(qtbot: QtBot) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x01 not an ini file \xff")
    window, community = make_community_window(qtbot, pin_set=True)  # the centre's PIN
    community.report_broken_files()
    assert window.notice.isVisible() and window.notice.text() == SETTINGS_PROBLEM
    kept = list(path.parent.glob("settings.ini.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00\x01 not an ini file \xff"
    assert window.settings.font_size == 26  # defaults
    assert community.active  # nothing says it was off: a shared PC stays locked down
    _still_works(window)
    status = _status(qtbot, window, community)
    assert "设置文件里有乱码" in status.files.text()
    assert "另存为 settings.ini.broken-" in status.files.text()
    assert "社区模式打开着" in status.files.text()


def test_broken_library_index(qtbot: QtBot) -> None:
    added = Library().add(ROOT / "tests" / "data" / "import" / "heating_gbk.txt")
    index = paths.library_dir() / "index.json"
    index.write_text('{"format": 1, "articles": [ broken', encoding="utf-8")
    window, community = make_community_window(qtbot)
    assert added.id in [a.id for a in window.articles]  # rebuilt from the article folders
    kept = list(index.parent.glob("index.json.broken-*"))
    assert len(kept) == 1 and "broken" in kept[0].read_text(encoding="utf-8")
    community.report_broken_files()
    assert window.notice.text() == LIBRARY_PROBLEM  # names the library, not the settings
    _still_works(window)
    status = _status(qtbot, window, community)
    assert "文章库的目录文件坏了" in status.files.text()


def test_broken_local_information_file(qtbot: QtBot) -> None:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = '[centre]\nname = "某某社区\nphone = 123\n'
    path.write_text(broken, encoding="utf-8")
    window, community = make_community_window(qtbot)
    staff = unlock(qtbot, window, community)
    staff.show_section("local")
    panel = staff.panel("local")
    assert isinstance(panel, LocalInfoPanel)
    assert "本地办事信息有错" in panel.file_problems.text()
    assert "第 2 行" in panel.file_problems.text()
    assert path.read_text(encoding="utf-8") == broken  # left exactly as staff wrote it
    staff.show_section("status")
    assert "本地办事信息有错" in staff.panel("status").files.text()  # type: ignore[attr-defined]
    _still_works(window)


def test_broken_card_file(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    shutil.copytree(asset_path("cards"), folder)
    (folder / "dibao.toml").write_text('id = "dibao"\ntitle = "城乡低保\n', encoding="utf-8")
    total = len(list(folder.glob("*.toml")))
    program = make_program(qtbot)
    window, community = program.window, program.community
    program.cards.reload_cards(folder)
    cards = program.cards.cards_in()
    assert len(cards) == total - 1 and cards.get("dibao") is None  # the others still load
    assert "帮助卡片的文件写错了" in window.notice.text()
    status = _status(qtbot, window, community)
    assert "dibao.toml" in status.files.text()
    _still_works(window)


def test_a_broken_settings_file_without_a_pin_asks_for_one_first(qtbot: QtBot) -> None:
    """Community mode stays on (nothing says it was off), so its first-run step comes:
    staff set a PIN before residents get the window."""
    from reader.ui.compose import add_community, build_parts
    from reader.ui.shell.settings import Settings

    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x01 not an ini file \xff")
    program = add_community(build_parts(Settings(), []))
    qtbot.addWidget(program.window)
    community = program.community
    community.start()
    assert community.waiting_for_pin and community.first_run is not None
    community.first_run.setProperty("done", True)
    community.first_run.close()


@pytest.mark.parametrize("content", [
    b"not json",
    b"\xef\xbb\xbf{\"hash\": \"ab",  # Notepad's BOM, then cut short
    b'{"hash": 1, "salt": [], "failures": "3"}',
    b'{"failures": 1000000000000}',
])
def test_broken_pin_file_keeps_the_staff_area_locked(qtbot: QtBot, content: bytes) -> None:
    path = pin_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    window, community = make_community_window(qtbot)
    press_staff_keys(qtbot, window)
    page = community.staff.pin_page()
    assert page.mode == "locked" and page.title.text() == "工作人员区锁住了"
    assert "reset-pin" in page.message.text() and str(path) in page.message.text()
    assert not page.ok.isEnabled() and not any(key.isEnabled() for key in page.keys.values())
    assert not page.field.isVisible() and page.back.isVisible()  # only the way out
    for _ in range(2):  # what a stranger would try: a "new" PIN, twice
        qtbot.keyClicks(page.field, "1234")
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
        page.confirm()
    assert window.current_page() is page and not community.staff.unlocked
    assert path.read_bytes() == content  # left in place: a restart is locked too

    # The deliberate reset at the PC, then the staff area asks for a new PIN.
    assert cli.main(["reset-pin"]) == 0
    assert not path.exists()
    assert [p.read_bytes() for p in path.parent.glob("staff-pin.json.reset-*")] == [content]
    window.go_home()
    staff = unlock(qtbot, window, community, "2468")  # the keypad is back, in "set" mode
    staff.show_section("status")
    panel = staff.panel("status")
    assert isinstance(panel, StatusPanel)
    assert "python -m reader reset-pin" in panel.pin.text() and str(path) in panel.pin.text()


def test_a_broken_pin_file_in_community_mode_still_lets_residents_read(qtbot: QtBot) -> None:
    path = pin_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not json")
    window, community = make_community_window(qtbot, kiosk=True, pin_set=False)
    assert community.active and not community.waiting_for_pin  # no step nobody can finish
    press_staff_keys(qtbot, window)
    assert community.staff.pin_page().mode == "locked"


def test_the_right_pin_unlocks_on_a_read_only_settings_folder(qtbot: QtBot) -> None:
    from tests.support.read_only import read_only_folder

    window, community = make_community_window(qtbot)
    unlock(qtbot, window, community, "2468")  # set while the disk could be written
    window.go_home()
    with read_only_folder(pin_file().parent):
        press_staff_keys(qtbot, window)
        page = community.staff.pin_page()
        qtbot.keyClicks(page.field, "2468")
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
        assert window.current_page() is community.staff.staff_page()
        assert window.notice.isVisible() and "员工密码文件存不进去" in window.notice.text()
        window.settings.set("font_size", 30)  # a setting now: said once, to staff
        assert "设置存不进去" in window.notice.text()
        window.notice.hide()
        window.settings.set("font_size", 34)
        assert not window.notice.isVisible()
        panel = community.staff.staff_page().panel("status")
        assert isinstance(panel, StatusPanel)
        panel.refresh()
        assert "设置存不进去" in panel.files.text()
        assert "员工密码文件存不进去" in panel.files.text()


