"""Community-centre mode: full screen, no frame, close and minimise refused for
residents, no file dialog and no printer choice on the residents' side, and staff
can turn it on (remembered) and off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from reader.core.strings import STRINGS, text
from reader.ui.printing import output as printing
from reader.ui.printing.preview import PrintPreview
from reader.ui.shell.settings import Settings
from tests.support.community_helpers import click, make_community_window, unlock
from tests.support.print_fixtures import sample_card, use_persistent_font_cache
from tests.support.window_helpers import settle


def test_kiosk_flag_gives_full_screen_without_frame(qtbot: QtBot) -> None:
    window, community = make_community_window(qtbot, kiosk=True)
    assert community.active
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.current_page() is window.home


def test_close_is_refused_for_residents(qtbot: QtBot) -> None:
    window, community = make_community_window(qtbot, kiosk=True)
    assert window.close() is False  # Alt+F4, the task bar's close
    settle()
    assert window.isVisible() and window.isFullScreen()
    community.leave()  # staff leave community mode: an ordinary window again
    assert not window.isFullScreen()
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.close() is True


def test_minimised_window_comes_back_full_screen(qtbot: QtBot) -> None:
    window, _community = make_community_window(qtbot, kiosk=True)
    window.showMinimized()
    qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized(), timeout=3000)


def test_quit_from_the_staff_area_is_allowed(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    window, community = make_community_window(qtbot, kiosk=True)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    staff = unlock(qtbot, window, community)
    staff.show_section("settings")
    panel = staff.panel("settings")
    click(qtbot, window, panel.quit_button)  # type: ignore[attr-defined]
    assert window.isVisible() and not quits  # one stray click does not end it
    click(qtbot, window, panel.quit_button)  # type: ignore[attr-defined]
    assert quits == [True] and not window.isVisible()


def test_staff_turn_it_on_and_it_is_remembered(qtbot: QtBot) -> None:
    settings = Settings()
    window, community = make_community_window(qtbot, kiosk=False, settings=settings)
    assert not community.active and not window.isFullScreen()
    staff = unlock(qtbot, window, community)
    staff.show_section("settings")
    panel = staff.panel("settings")
    click(qtbot, window, panel.mode_button)  # type: ignore[attr-defined]
    assert community.active and window.isFullScreen()
    assert settings.get("community_mode") is True
    assert "社区模式已经打开" in panel.message.text()
    # the next start (same settings file) is in community mode without the flag
    settings.sync()
    _again, community_again = make_community_window(qtbot, kiosk=False, settings=Settings())
    assert community_again.active
    click(qtbot, window, panel.mode_button)  # type: ignore[attr-defined]  # 离开社区模式
    assert not community.active and settings.get("community_mode") is False


def test_no_file_dialog_on_the_residents_side(qtbot: QtBot) -> None:
    window, community = make_community_window(qtbot, kiosk=True)
    dialog = QFileDialog(window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.open()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    # the staff side may use one (添加文章 → 选文件)
    unlock(qtbot, window, community)
    staff_dialog = QFileDialog(window)
    staff_dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    staff_dialog.open()
    settle()
    assert staff_dialog.isVisible()
    staff_dialog.reject()


def test_residents_print_preview_has_no_pdf_and_uses_the_staff_printer(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)
    monkeypatch.setattr(printing, "available_printers", lambda: ["Office", "Hall"])
    monkeypatch.setattr(printing, "default_printer", lambda: "Office")
    settings = Settings()
    settings.set("printer", "Hall")
    window, _community = make_community_window(qtbot, kiosk=True, settings=settings)
    preview = PrintPreview(sample_card(), parent=window)
    preview.show()
    settle()
    assert not preview.pdf_button.isVisible()  # no save dialog, no files
    assert not preview.printer_box.isVisible()
    assert preview.printer_box.currentText() == "Hall"
    assert preview.print_button.isVisible() and preview.back_button.isVisible()
    printed: list[str | None] = []
    monkeypatch.setattr(printing, "print_pages",
                        lambda pages, sheet, printer_name=None, title="": printed.append(
                            printer_name) or str(printer_name))
    click(qtbot, window, preview.print_button)
    assert printed == ["Hall"]  # straight to the chosen printer, no system dialog
    preview.reject()


@pytest.mark.parametrize(("key", "residents_read"), [
    ("print.error.no_printer", "这台电脑还没有接打印机。请找工作人员帮忙。"),
    ("print.error.unusable", "打印机“Hall”现在用不了。请找工作人员帮忙。"),
    ("print.error.no_answer", "打印机“Hall”没有响应，请检查它是否开着。请找工作人员帮忙。"),
    ("print.error.not_ready", "打印机没纸了，请放好纸再打印。卡片没有打出来。请找工作人员帮忙。"),
])
def test_residents_are_not_told_to_save_a_pdf_they_cannot_save(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config,
        key: str, residents_read: str) -> None:
    use_persistent_font_cache(pytestconfig)
    monkeypatch.setattr(printing, "available_printers", lambda: ["Hall"])
    monkeypatch.setattr(printing, "default_printer", lambda: "Hall")

    def refuse(*_args: object, **_kwargs: object) -> str:
        raise printing.PrintingError(key, name="Hall", problem=text("print.state.no_paper"))

    monkeypatch.setattr(printing, "print_pages", refuse)
    settings = Settings()
    settings.set("printer", "Hall")  # the staff's printer: residents print only there
    window, _community = make_community_window(qtbot, kiosk=True, settings=settings)
    preview = PrintPreview(sample_card(), parent=window)
    preview.show()
    settle()
    click(qtbot, window, preview.print_button)
    assert preview.message.text() == residents_read
    assert preview.back_button.hasFocus() or not preview.isActiveWindow()
    preview.reject()


def test_every_printing_error_that_offers_a_pdf_has_a_residents_version() -> None:
    pdf_errors = {key for key, message in STRINGS.items()
                  if key.startswith("print.error.") and not key.endswith(".residents")
                  and "保存为PDF" in message}
    residents = {key.removesuffix(".residents") for key in STRINGS
                 if key.startswith("print.error.") and key.endswith(".residents")}
    assert pdf_errors == residents
    for key in residents:
        assert "PDF" not in STRINGS[f"{key}.residents"]
        assert "请找工作人员帮忙" in STRINGS[f"{key}.residents"]
