"""The staff area through the window: the PIN (set on first use, checked, rate limited),
添加文章 with its preview (restore a removed line, edit the title, save: the article is
on home with its topic links), 文章管理, and dropped files."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from reader import paths
from reader.core.library import Library
from reader.core.pin import pin_file
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.settings import Settings
from reader.ui.staff.import_panel import ImportPanel
from reader.ui.staff.manage_panel import ManagePanel
from reader.ui.staff.printer_panel import PrinterPanel
from reader.ui.staff.settings_panel import SettingsPanel
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.text_block import TextBlock
from tests.conftest import ROOT
from tests.support import hostile_imports as hostile
from tests.support.community_helpers import (
    FakeClock,
    click,
    make_community_window,
    make_program,
    open_panel,
    press_staff_keys,
    type_pin,
    unlock,
)
from tests.support.window_helpers import LONGEST, SHORTER, settle

HEATING = ROOT / "tests" / "data" / "import" / "heating_gbk.txt"  # GBK, spam first line


def _copy(tmp_path: Path, source: Path = HEATING) -> Path:
    target = tmp_path / "incoming" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return target


def _import_panel(window: MainWindow, staff: object) -> ImportPanel:
    staff.show_section("import")  # type: ignore[attr-defined]
    panel = staff.panel("import")  # type: ignore[attr-defined]
    assert isinstance(panel, ImportPanel)
    return panel


def _wait_preview(qtbot: QtBot, panel: ImportPanel) -> None:
    qtbot.waitUntil(lambda: panel.view.result is not None and not panel.worker().busy
                    and panel.view.isVisible(), timeout=20000)
    settle()


# --- PIN ------------------------------------------------------------------------------------------


def test_pin_is_set_on_first_use_and_stored_as_a_salted_hash(qtbot: QtBot) -> None:
    window, community = make_community_window(qtbot)
    press_staff_keys(qtbot, window)
    page = community.staff.pin_page()
    assert window.current_page() is page and page.mode == "set"
    assert page.title.text() == "第一次使用：请设一个员工密码"
    for button in page.keys.values():
        assert button.width() >= 64 and button.height() >= 64
    type_pin(qtbot, window, page, "12")  # too short
    assert page.message.text() == "密码要用 4 到 8 位数字。"
    type_pin(qtbot, window, page, "2468")
    assert page.title.text() == "请再输一遍刚才的密码"
    type_pin(qtbot, window, page, "2469")  # typed differently: start again
    assert page.message.text() == "两次输的不一样，请重新输入新密码。"
    assert page.title.text() == "第一次使用：请设一个员工密码"
    type_pin(qtbot, window, page, "2468")
    type_pin(qtbot, window, page, "2468")
    assert window.current_page() is community.staff.staff_page()
    stored = json.loads(pin_file().read_text(encoding="utf-8"))
    assert "2468" not in json.dumps(stored) and len(stored["salt"]) == 32


def test_pin_from_the_keyboard_and_wrong_tries_wait(qtbot: QtBot) -> None:
    clock = FakeClock()
    window, community = make_community_window(qtbot, pin_clock=clock)
    unlock(qtbot, window, community, "2468")
    click(qtbot, window, community.staff.staff_page().lock_button)
    assert window.current_page() is window.home and not community.staff.unlocked

    press_staff_keys(qtbot, window)  # locked again: the PIN is asked for
    page = community.staff.pin_page()
    assert page.mode == "check" and page.title.text() == "请输入员工密码"
    assert page.field.hasFocus()
    for attempt, left in ((1, 2), (2, 1)):
        qtbot.keyClicks(page.field, "1111")
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
        assert page.message.text() == f"密码不对。还可以再试 {left} 次。", attempt
    qtbot.keyClicks(page.field, "1111")
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert page.message.text() == "密码不对。请等 30 秒再试。"
    assert not page.ok.isEnabled() and not page.keys["1"].isEnabled()
    type_pin(qtbot, window, page, "2468")  # ignored while waiting
    assert window.current_page() is page
    clock.advance(10)
    page._count_down()
    assert page.message.text() == "错的次数太多，请等 20 秒再试。"
    clock.advance(21)
    page._count_down()
    assert page.ok.isEnabled() and page.keys["1"].isEnabled()
    qtbot.keyClicks(page.field, "2468")
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert window.current_page() is community.staff.staff_page()


def test_pin_page_back_button_and_escape_lock(qtbot: QtBot) -> None:
    window, community = make_community_window(qtbot)
    unlock(qtbot, window, community)
    click(qtbot, window, window.toolbar.home)  # the residents' 首页 also locks
    assert not community.staff.unlocked
    press_staff_keys(qtbot, window)
    click(qtbot, window, community.staff.pin_page().back)
    assert window.current_page() is window.home


# --- 添加文章 ----------------------------------------------------------------------------------


def test_import_preview_restore_edit_title_save(qtbot: QtBot, tmp_path: Path) -> None:
    window, community = make_community_window(qtbot)
    staff = unlock(qtbot, window, community)
    panel = _import_panel(window, staff)
    source = _copy(tmp_path)
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    panel.choose_files = lambda: [str(source)]  # type: ignore[method-assign]
    click(qtbot, window, panel.pick_button)
    _wait_preview(qtbot, panel)
    view = panel.view
    assert view.title_edit.text() == "冬季供暖服务热线开通 独居老人可预约上门检修"
    assert "提前检查少麻烦" in view.sections.text()
    assert "“残疾人”→ 帮助卡片" in view.links.text()
    assert "去掉的杂乱内容（2 行）" in view.removed_title.text()
    restore = view.findChild(BigButton, "restore.18")
    assert restore is not None  # 责任编辑：刘洋
    assert view.findChild(BigButton, "restore.1") is not None  # the spam title line

    view.title_edit.setText("供暖热线开通了")  # staff's own title…
    click(qtbot, window, restore)
    _wait_preview(qtbot, panel)
    assert view.title_edit.text() == "供暖热线开通了"  # …survives the restore
    assert view.findChild(BigButton, "restore.18") is None
    assert view.findChild(BigButton, "unrestore.18") is not None
    texts = [block.text for block in view.result.preview.article.blocks()]  # type: ignore[union-attr]
    assert any("责任编辑：刘洋" in text for text in texts)

    click(qtbot, window, view.save_button)
    assert "已经加入《供暖热线开通了》" in panel.log.text()
    assert not view.isVisible()
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before  # never modified

    click(qtbot, window, staff.lock_button)
    titles = [tile.title.plain_text() for tile in window.home.tiles]
    assert "供暖热线开通了" in titles
    tile = window.home.tiles[titles.index("供暖热线开通了")]
    click(qtbot, window, tile)
    assert window.current_page() is window.article_page
    qtbot.waitUntil(lambda: any(span.kind == "link" for block in window.article_page.findChildren(
        TextBlock) for span in block.spans()), timeout=5000)
    saved = Library().article(window.article_page.source.id)  # type: ignore[union-attr]
    assert saved is not None and saved.title == "供暖热线开通了"


def test_duplicates_and_bad_files_are_said_plainly(qtbot: QtBot, tmp_path: Path) -> None:
    window, community = make_community_window(qtbot)
    staff = unlock(qtbot, window, community)
    panel = _import_panel(window, staff)
    seed = _copy(tmp_path, ROOT / "seeds" / "000_dd9696c1479e7cb6.txt")
    empty = tmp_path / "incoming" / "empty.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "incoming" / "folder"
    folder.mkdir()
    panel.add_files([empty, folder, seed])
    qtbot.waitUntil(lambda: panel.view.result is not None, timeout=20000)
    _wait_preview(qtbot, panel)
    log = panel.log.text()
    assert "empty.txt：" in log and "folder：这不是一个文件" in log
    assert panel.view.duplicate.isVisible()
    assert "已经在文章库里了：《织牢民生底线 温暖千家万户》" in panel.view.duplicate.text()
    assert not panel.view.save_button.isEnabled()
    click(qtbot, window, panel.view.skip_button)
    assert not panel.view.isVisible() and len(window.articles) == 2


def test_files_are_read_off_the_ui_thread(qtbot: QtBot, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window, community = make_community_window(qtbot)
    staff = unlock(qtbot, window, community)
    panel = _import_panel(window, staff)
    library = panel.worker().library
    real_preview = library.preview
    threads: list[str] = []

    def slow_preview(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread().name)
        time.sleep(0.6)  # a big file
        return real_preview(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "preview", slow_preview)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    panel.add_files([_copy(tmp_path)])
    assert panel.status.text().startswith("正在读取：heating_gbk.txt")
    _wait_preview(qtbot, panel)
    timer.stop()
    assert threads == ["import-preview"]
    assert len(ticks) >= 10  # the window kept answering while the file was read


def test_dropped_files_go_to_import_only_on_the_staff_side(qtbot: QtBot, tmp_path: Path) -> None:
    window, community = make_community_window(qtbot)
    source = _copy(tmp_path)

    def drop() -> bool:
        """What the system sends when a file is dragged in and let go: the drop itself
        only reaches a widget that accepted the drag's entry."""
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(source))])
        buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, data, buttons, keys)
        QApplication.sendEvent(window, enter)
        if not enter.isAccepted():
            return False
        event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data, buttons, keys)
        QApplication.sendEvent(window, event)
        return event.isAccepted()

    assert not drop()  # residents' side: nothing happens
    staff = unlock(qtbot, window, community)
    assert drop()
    panel = staff.panel("import")
    assert isinstance(panel, ImportPanel) and staff.current == "import"
    _wait_preview(qtbot, panel)
    assert panel.view.file_line.text() == "文件：heating_gbk.txt"


# --- 文章管理 ----------------------------------------------------------------------------------


def _row_button(panel: ManagePanel, article_id: str, name: str) -> BigButton | None:
    row = panel.rows[article_id]
    return row.findChild(BigButton, name)


def test_hide_unhide_and_delete_with_confirmation(qtbot: QtBot, tmp_path: Path) -> None:
    Library().add(_copy(tmp_path))  # an imported article, as from the command line
    window, community = make_community_window(qtbot)
    assert len(window.articles) == 3
    staff = unlock(qtbot, window, community)
    staff.show_section("manage")
    panel = staff.panel("manage")
    assert isinstance(panel, ManagePanel)
    imported = next(i.article.id for i in panel.items if not i.seed)
    assert _row_button(panel, SHORTER, "manage.delete") is None  # seeds: hide only

    click(qtbot, window, _row_button(panel, SHORTER, "manage.hide"))
    assert "已经隐藏《织牢民生底线 温暖千家万户》" in panel.message.text()
    assert SHORTER not in [a.id for a in window.articles]
    assert LONGEST in [a.id for a in window.articles]
    click(qtbot, window, _row_button(panel, SHORTER, "manage.unhide"))
    assert SHORTER in [a.id for a in window.articles]

    click(qtbot, window, _row_button(panel, imported, "manage.delete"))
    row_texts = [w.text() for w in panel.rows[imported].findChildren(QLabel)]
    question = "确定删除《冬季供暖服务热线开通 独居老人可预约上门检修》吗？删除后不能恢复。"
    assert question in row_texts
    click(qtbot, window, _row_button(panel, imported, "manageConfirmNo"))
    assert Library().article(imported) is not None
    click(qtbot, window, _row_button(panel, imported, "manage.delete"))
    click(qtbot, window, _row_button(panel, imported, "manageConfirmYes"))
    assert Library().article(imported) is None
    assert imported not in [a.id for a in window.articles]
    assert "已经删除" in panel.message.text()
    click(qtbot, window, staff.lock_button)
    assert len(window.home.tiles) == 2


def test_staff_area_in_traditional_script(qtbot: QtBot) -> None:
    window, community = make_community_window(qtbot)
    window.settings.set("script", "traditional")
    staff = unlock(qtbot, window, community)
    assert staff.tabs["import"].text() == "添加文章"
    assert staff.tabs["manage"].text() == "文章管理"
    assert staff.lock_button.text() == "鎖上，回首頁"
    assert window.mapFromGlobal(staff.lock_button.mapToGlobal(QPoint(0, 0))).x() < 1024


def test_the_article_list_is_in_the_interfaces_script(qtbot: QtBot) -> None:
    window, _staff, panel = open_panel(qtbot, "manage", ManagePanel)

    def titles() -> list[str]:
        return [row.findChild(QLabel, "manageTitle").text()  # type: ignore[union-attr]
                for row in panel.rows.values()]

    # one seed is written in 繁體 ("增進"): the 简体 list shows it in 简体
    assert any("筑牢民生根基 增进民生福祉" in title for title in titles())
    assert not any("增進" in title for title in titles())
    window.settings.set("script", "traditional")
    settle()
    assert any("築牢民生根基 增進民生福祉" in title for title in titles())
    assert any("織牢民生底線" in title for title in titles())  # a 简体 seed, converted


# --- 设置, 打印机, 本地信息 ---------------------------------------------------------------


def test_settings_panel_saves_the_residents_defaults(qtbot: QtBot) -> None:
    window, community = make_community_window(qtbot)
    staff = unlock(qtbot, window, community)
    staff.show_section("settings")
    panel = staff.panel("settings")
    assert isinstance(panel, SettingsPanel)
    for box, value in ((panel.size_box, 34), (panel.script_box, "traditional"),
                       (panel.theme_box, "high_contrast"), (panel.idle_box, 10)):
        box.setCurrentIndex(box.findData(value))
        box.activated.emit(box.currentIndex())  # what a staff member's choice sends
    settings = window.settings
    assert settings.get("default_font_size") == 34
    assert settings.get("default_script") == "traditional"
    assert settings.get("default_theme") == "high_contrast"
    assert settings.get("idle_minutes") == 10 and panel.message.text() == "已经保存。"
    assert settings.font_size == 26  # what the reader sees now does not jump
    community.reset_for_next_resident()  # …until the next resident
    assert (settings.font_size, settings.script, settings.theme) == (
        34, "traditional", "high_contrast")


def test_printer_choice_is_saved_for_residents_printing(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui.printing import output as printing

    monkeypatch.setattr(printing, "available_printers", lambda: ["Office", "Hall"])
    monkeypatch.setattr(printing, "default_printer", lambda: "Office")
    window, community = make_community_window(qtbot)
    staff = unlock(qtbot, window, community)
    staff.show_section("printer")
    panel = staff.panel("printer")
    assert isinstance(panel, PrinterPanel)
    items = [panel.box.itemText(i) for i in range(panel.box.count())]
    assert items == ["还没有选（社区模式下居民不能打印；系统默认的是 Office）", "Office", "Hall"]
    panel.box.setCurrentIndex(2)
    panel.box.activated.emit(2)
    assert window.settings.get("printer") == "Hall"
    assert panel.message.text() == "以后用“Hall”打印。"
    # 打印测试页 on the printer chosen in the list
    printed: list[tuple[str | None, int, str]] = []
    monkeypatch.setattr(printing, "print_pages", lambda pages, sheet, printer_name=None,
                        title="": printed.append((printer_name, len(pages), title)) or "Hall")
    click(qtbot, window, panel.test_button)
    assert printed == [("Hall", 1, "打印测试页")]
    assert panel.message.text().startswith("测试页已送到“Hall”")
    panel.box.setCurrentIndex(0)  # nothing chosen: nothing printed, and why
    click(qtbot, window, panel.test_button)
    assert len(printed) == 1 and panel.message.text() == "请先在上面选一台打印机，再打印测试页。"
    monkeypatch.setattr(printing, "available_printers", lambda: ["Office"])
    click(qtbot, window, panel.refresh_button)  # the printer was taken away
    assert "“Hall”现在找不到了" in panel.message.text()
    assert "居民不能打印" in panel.message.text()


def test_a_booklet_of_one_category_for_the_noticeboard(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config,
        tmp_path: Path) -> None:
    from reader.ui.printing import output as printing
    from reader.ui.printing.preview import PrintPreview
    from reader.ui.staff.booklet_panel import BookletPanel
    from tests.support.pdf_tools import pdf_text, squeeze
    from tests.support.print_fixtures import use_persistent_font_cache

    use_persistent_font_cache(pytestconfig)
    local = paths.local_info_file()
    local.parent.mkdir(parents=True, exist_ok=True)
    local.write_text('[cards.dibao]\noffice = "迎泽街道便民服务中心 3 号窗口"\n', encoding="utf-8")
    settings = Settings()
    settings.set("script", "traditional")
    window, community = make_community_window(qtbot, settings=settings)
    staff = unlock(qtbot, window, community)
    staff.show_section("booklet")
    panel = staff.panel("booklet")
    assert isinstance(panel, BookletPanel)
    panel.box.setCurrentIndex(panel.box.findData("生活救助"))
    assert panel.box.currentText() == "生活救助"
    relief = [card.id for card in panel.cards()]
    assert "dibao" in relief and len(relief) >= 3
    assert all(card.category == "生活救助" for card in panel.cards())

    out = tmp_path / "booklet.pdf"
    panel.choose_pdf_path = lambda: str(out)  # type: ignore[method-assign]
    click(qtbot, window, panel.pdf_button)
    assert f"（{len(relief)} 張卡片）" in panel.message.text()
    text = squeeze(pdf_text(out))
    assert text.startswith("幫助卡片：生活救助")  # the contents page, in the reader's script
    assert "迎澤街道便民服務中心3號窗口" in text  # the local office staff filled in

    sent: list[tuple[str | None, int]] = []
    monkeypatch.setattr(printing, "available_printers", lambda: ["Office", "Hall"])
    monkeypatch.setattr(printing, "default_printer", lambda: "Office")
    monkeypatch.setattr(printing, "print_pages", lambda pages, sheet, printer_name=None,
                        title="": sent.append((printer_name, len(pages))) or "Hall")
    shown: list[str] = []

    def press_print(preview: PrintPreview) -> int:  # the preview, as staff see it
        shown.append(preview.page_count.text())
        preview.print_now()
        return 0

    monkeypatch.setattr(PrintPreview, "exec", press_print)
    window.settings.set("printer", "Hall")
    click(qtbot, window, panel.print_button)
    assert sent and sent[0][0] == "Hall" and sent[0][1] > len(relief)  # contents + cards
    # pages and sheets said before printing (a booklet this size needs no question)
    assert shown == [f"第 1 頁，共 {sent[0][1]} 頁，用 {sent[0][1]} 張紙"]
    assert "Hall" in panel.message.text()


def test_cards_that_do_not_fit_one_sheet_are_named_before_printing(
        qtbot: QtBot, pytestconfig: pytest.Config, tmp_path: Path) -> None:
    import shutil

    from reader.resources import asset_path
    from reader.ui.printing import output as printing
    from tests.support.print_fixtures import use_persistent_font_cache

    use_persistent_font_cache(pytestconfig)
    folder = tmp_path / "cards"
    shutil.copytree(asset_path("cards"), folder)
    dibao = folder / "dibao.toml"
    long_who = ", ".join(f'"第{n}种：家里有人长期生病、没有劳动能力，全家收入低于当地标准的。"'
                         for n in range(1, 13))
    text = dibao.read_text(encoding="utf-8")
    start = text.index("who = [")
    end = text.index("]", start) + 1
    dibao.write_text(text[:start] + f"who = [{long_who}]" + text[end:], encoding="utf-8")
    program = make_program(qtbot)
    window, community = program.window, program.community
    program.cards.reload_cards(folder)  # a staff member wrote too much in one card
    staff = unlock(qtbot, window, community)
    staff.show_section("booklet")
    panel = staff.panel("booklet")
    shown = panel.fit.text()
    assert "一张 A4 纸印不下" in shown and "城乡低保（2 页）" in shown
    assert "急救和胸痛中心" in shown.split("\n")[1]  # notes left off, named too
    a5_line = shown.split("\n")[2]  # A5 is checked too: more than front and back
    written = program.cards.cards_in().get("dibao")
    assert written is not None
    _sheet, a5_pages = printing.card_pages(written, paper="A5")
    assert len(a5_pages) > 2
    assert "A5 纸，正反两面也印不下" in a5_line and f"城乡低保（{len(a5_pages)} 页）" in a5_line
    program.cards.reload_cards(None)  # the shipped cards: every one fits
    staff.show_section("booklet")
    assert "印不下" not in panel.fit.text()
    assert "A5" not in panel.fit.text()  # every shipped card: front and back of one A5 sheet


def _preview_of(
    qtbot: QtBot, tmp_path: Path, name: str, data: bytes
) -> tuple[MainWindow, ImportPanel]:
    """The staff import panel showing the preview of a file with these bytes."""
    window, community = make_community_window(qtbot)
    staff = unlock(qtbot, window, community)
    panel = _import_panel(window, staff)
    path = tmp_path / "incoming" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    panel.add_files([path])
    qtbot.waitUntil(lambda: panel.view.result is not None, timeout=20000)
    _wait_preview(qtbot, panel)
    return window, panel


def test_a_file_with_a_broken_byte_names_its_line(qtbot: QtBot, tmp_path: Path) -> None:
    window, panel = _preview_of(qtbot, tmp_path, "broken.txt", hostile.utf8_with_stray_byte())
    assert panel.view.damaged.isVisible()
    assert "第 3 行有读不出的字" in panel.view.damaged.text()
    assert panel.view.save_button.isEnabled()  # readable: staff decide
    click(qtbot, window, panel.view.skip_button)
    panel.add_files([_copy(tmp_path)])
    qtbot.waitUntil(lambda: panel.view.result is not None
                    and panel.view.result.preview.source_name == HEATING.name, timeout=20000)
    assert not panel.view.damaged.isVisible()


def test_a_made_title_is_said_to_staff(qtbot: QtBot, tmp_path: Path) -> None:
    untitled = f"{hostile.PARAGRAPH}\n\n{hostile.PARAGRAPH}\n".encode()
    _window, panel = _preview_of(qtbot, tmp_path, "untitled.txt", untitled)
    assert panel.view.title_made.isVisible()
    assert "从正文第一句取的" in panel.view.title_made.text()
    assert panel.view.title_edit.text() == hostile.PARAGRAPH.rstrip("。")  # its first sentence
