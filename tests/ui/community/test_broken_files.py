"""A broken file people can edit, in the running window: said plainly, the program runs,
and the broken file is kept (set aside, or left exactly as it was), never overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader import paths
from reader.core.articles_source import library_problems
from reader.core.library import Library
from reader.core.pin import pin_file
from reader.resources import asset_path
from reader.ui.staff.local_info_panel import LocalInfoPanel
from reader.ui.staff.status_panel import StatusPanel
from tests.conftest import ROOT
from tests.support.community_helpers import make_community_window, press_staff_keys, unlock
from tests.support.window_helpers import LONGEST

FILES_PROBLEM = "有的设置文件坏了，已经改用默认设置，可以照常使用。请工作人员到工作人员区看看。"


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
    window, community = make_community_window(qtbot)
    community.report_broken_files()
    assert window.notice.isVisible() and window.notice.text() == FILES_PROBLEM
    kept = list(path.parent.glob("settings.ini.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00\x01 not an ini file \xff"
    assert window.settings.font_size == 26  # defaults
    _still_works(window)
    status = _status(qtbot, window, community)
    assert "设置文件里有乱码" in status.files.text()
    assert "已另存为 settings.ini.broken-" in status.files.text()


def test_broken_library_index(qtbot: QtBot) -> None:
    added = Library().add(ROOT / "tests" / "data" / "import" / "heating_gbk.txt")
    index = paths.library_dir() / "index.json"
    index.write_text('{"format": 1, "articles": [ broken', encoding="utf-8")
    window, community = make_community_window(qtbot)
    assert added.id in [a.id for a in window.articles]  # rebuilt from the article folders
    assert library_problems and "目录文件坏了" in library_problems[0]
    kept = list(index.parent.glob("index.json.broken-*"))
    assert len(kept) == 1 and "broken" in kept[0].read_text(encoding="utf-8")
    community.report_broken_files()
    assert window.notice.text() == FILES_PROBLEM
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
    window, community = make_community_window(qtbot)
    window.topic_cards.reload_cards(folder)
    cards = window.topic_cards.cards_in()
    assert len(cards) == total - 1 and cards.get("dibao") is None  # the others still load
    assert "帮助卡片的文件写错了" in window.notice.text()
    status = _status(qtbot, window, community)
    assert "dibao.toml" in status.files.text()
    _still_works(window)


def test_broken_pin_file(qtbot: QtBot) -> None:
    path = pin_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not json", encoding="utf-8")
    window, community = make_community_window(qtbot)
    press_staff_keys(qtbot, window)
    page = community.staff.pin_page()
    assert page.mode == "set"
    assert page.message.text().startswith("员工密码文件坏了，已另存为 staff-pin.json.broken-")
    kept = list(path.parent.glob("staff-pin.json.broken-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "not json"
