"""The print preview dialog: big named buttons, what it shows equals what prints, and
plain messages when there is no printer or the printer fails."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.core.article import Script
from reader.core.cards import load_cards
from reader.core.click_gate import ClickGate
from reader.core.errors import ReaderError
from reader.core.formats import read_article
from reader.core.typography import MIN_TARGET_PX
from reader.resources import seeds_dir
from reader.ui.printing import output as printing
from reader.ui.printing.jobs import article_job
from reader.ui.printing.layout import PAPERS, Page, Paper
from reader.ui.printing.preview import PrintPreview
from tests.support.print_fixtures import (
    long_card,
    sample_card,
    sample_local_info,
    too_long_card,
    use_persistent_font_cache,
)


@pytest.fixture(autouse=True)
def _fonts(qapp: object, pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)


def choose_paper(preview: PrintPreview, name: str) -> None:
    preview.paper_box.setCurrentIndex(preview.paper_box.findData(name))


def _preview(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, printers: tuple[str, ...] = ("Office",),
             script: Script = "simplified", **kw: object) -> PrintPreview:  # fmt: skip
    monkeypatch.setattr(printing, "available_printers", lambda: list(printers))
    monkeypatch.setattr(printing, "default_printer", lambda: printers[0] if printers else None)
    preview = PrintPreview(sample_card(), script=script, local_info=sample_local_info(),
                           **kw)  # type: ignore[arg-type]
    qtbot.addWidget(preview)
    preview.resize(1000, 760)
    preview.show()
    qtbot.waitExposed(preview)
    return preview


def test_buttons_are_big_and_named(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _preview(qtbot, monkeypatch)
    for button, label in ((preview.print_button, "打印"), (preview.pdf_button, "保存为PDF"),
                          (preview.back_button, "返回")):  # fmt: skip
        assert button.text() == label
        assert button.accessibleName() == label
        assert button.accessibleDescription()
        assert button.width() >= MIN_TARGET_PX and button.height() >= MIN_TARGET_PX
        assert button.font().pointSizeF() >= 20
    for combo in (preview.paper_box, preview.printer_box):
        assert combo.accessibleName() and combo.height() >= MIN_TARGET_PX
        assert combo.font().pointSizeF() >= 20
    assert preview.printer_box.currentText() == "Office"
    assert preview.page_labels and all(label.accessibleName() for label in preview.page_labels)


def test_traditional_labels(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _preview(qtbot, monkeypatch, script="traditional")
    assert preview.pdf_button.text() == "保存為PDF"
    assert "城鄉低保" in preview.windowTitle()


def test_no_printer_says_so_and_offers_pdf(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _preview(qtbot, monkeypatch, printers=())
    assert not preview.printer_box.isEnabled()
    with qtbot.waitSignal(preview.failed) as failed:
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert failed.args == ["这台电脑还没有接打印机，可以先保存为PDF。"]
    assert preview.message.text() == "这台电脑还没有接打印机，可以先保存为PDF。"
    assert preview.focusWidget() is preview.pdf_button  # Enter now saves a PDF
    assert preview.isVisible()  # nothing crashed, the dialog stays


def test_printer_error_is_a_plain_message(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _preview(qtbot, monkeypatch)

    def out_of_paper(*args: object, **kwargs: object) -> str:
        raise ReaderError("打印机没纸了，请放好纸再打印。卡片没有打出来；也可以先保存为PDF。")

    monkeypatch.setattr(printing, "print_pages", out_of_paper)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert preview.message.text().startswith("打印机没纸了")
    assert preview.isVisible()


def test_print_sends_the_chosen_printer_and_paper(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = _preview(qtbot, monkeypatch, printers=("Office", "Staff"))
    sent: dict[str, object] = {}

    def fake_print(pages: list[Page], paper: Paper, *, printer_name: str | None = None,
                   title: str = "") -> str | None:  # fmt: skip
        sent.update(pages=len(pages), paper=paper.name, printer=printer_name, title=title)
        return printer_name

    monkeypatch.setattr(printing, "print_pages", fake_print)
    preview.printer_box.setCurrentText("Staff")
    choose_paper(preview, "A5")
    with qtbot.waitSignal(preview.printed) as printed:
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert printed.args == ["Staff"]
    assert sent == {"pages": len(preview.pages), "paper": "A5", "printer": "Staff",
                    "title": "城乡低保"}  # fmt: skip
    assert "Staff" in preview.message.text()


def test_save_pdf(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    preview = _preview(qtbot, monkeypatch)
    target = tmp_path / "卡片.pdf"
    monkeypatch.setattr(preview, "choose_pdf_path", lambda: str(target))
    with qtbot.waitSignal(preview.saved) as saved:
        qtbot.mouseClick(preview.pdf_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(target)]
    assert target.read_bytes()[:5] == b"%PDF-"


def test_back_closes(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _preview(qtbot, monkeypatch)
    with qtbot.waitSignal(preview.rejected):
        qtbot.mouseClick(preview.back_button, Qt.MouseButton.LeftButton)


def test_paper_choice_changes_the_pages(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _preview(qtbot, monkeypatch)
    a4_pages = len(preview.pages)
    choose_paper(preview, "A5")
    assert len(preview.pages) > a4_pages  # smaller paper, same type size: more pages
    pixmap = preview.page_labels[0].pixmap()
    ratio = pixmap.height() / pixmap.width()
    assert ratio == pytest.approx(PAPERS["A5"].height_pt / PAPERS["A5"].width_pt, rel=0.01)


def _grey_thumbnail(image: QImage) -> list[int]:
    small = image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(
        60, 85, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return [small.pixelColor(x, y).value() for y in range(85) for x in range(60)]


def test_preview_shows_what_the_pdf_prints(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    preview = _preview(qtbot, monkeypatch)
    pdf = printing.write_card_pdf(sample_card(), tmp_path / "c.pdf", local_info=sample_local_info())
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == len(preview.page_labels)
    for label, png in zip(preview.page_labels, rendered, strict=True):
        shown = _grey_thumbnail(label.pixmap().toImage())
        printed = _grey_thumbnail(QImage(str(png)))
        difference = sum(abs(a - b) for a, b in zip(shown, printed, strict=True)) / len(shown)
        assert difference < 5, difference  # the same page, give or take anti-aliasing


# ---- fits the screen, zoom, page count, many pages, community mode ---------------------------


def _inside(widget: QWidget, outer: QWidget) -> bool:
    top_left = widget.mapTo(outer, widget.rect().topLeft())
    bottom_right = widget.mapTo(outer, widget.rect().bottomRight())
    return outer.rect().contains(top_left) and outer.rect().contains(bottom_right)


def test_at_1024x600_the_buttons_and_message_are_in_view(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = _preview(qtbot, monkeypatch)
    preview.resize(1024, 560)  # 600 less the window's title bar
    qtbot.wait(250)  # the pages are redrawn once the size settles
    preview.show_message("打印机没纸了，请放好纸再打印。")
    for widget in (preview.print_button, preview.pdf_button, preview.back_button,
                   preview.zoom_in_button, preview.zoom_out_button, preview.message,
                   preview.page_count, preview.printer_box, preview.paper_box):  # fmt: skip
        assert widget.isVisible() and _inside(widget, preview), widget.objectName()
    # a page as wide as the view: 18 pt type is about 24 px or more on screen
    page = preview.page_labels[0]
    assert page.width() >= preview.strip.viewport().width() * 0.85
    assert page.width() / PAPERS["A4"].width_pt * 18 >= 24
    assert preview.strip.horizontalScrollBar().maximum() == 0  # no sideways scrolling


def test_zoom_buttons_change_the_page_size(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _preview(qtbot, monkeypatch)
    width = preview.page_labels[0].width()
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert preview.page_labels[0].width() < width
    for _ in range(2):
        preview.zoom_in_button.gate = ClickGate()  # two presses, not one burst
        qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.page_labels[0].width() > width
    for _ in range(10):  # never past the last step, never an error
        preview.zoom_by(-1)
    assert preview.page_labels[0].width() >= 200


def test_page_count_follows_the_page_in_view(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "prints_both_sides", lambda name: True)
    preview = _preview(qtbot, monkeypatch, paper="A5")  # the sample card: 2 pages on A5
    assert len(preview.pages) == 2
    assert preview.page_count.text() == "第 1 页，共 2 页，双面打印，用 1 张纸"  # front and back
    bar = preview.strip.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert preview.page_count.text() == "第 2 页，共 2 页，双面打印，用 1 张纸"
    choose_paper(preview, "A4")  # one page: nothing about sides
    assert preview.page_count.text() == "第 1 页，共 1 页，用 1 张纸"


def test_a_printer_that_cannot_turn_the_paper_is_said(qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "prints_both_sides", lambda name: name == "Duplex")
    preview = _preview(qtbot, monkeypatch, printers=("Duplex", "Simple"), paper="A5")
    assert preview.page_count.text() == "第 1 页，共 2 页，双面打印，用 1 张纸"
    preview.printer_box.setCurrentText("Simple")
    assert preview.page_count.text() == "第 1 页，共 2 页，用 2 张纸（这台打印机不能自动双面打印）"
    assert preview.sheets() == 2


def test_the_a5_choice_says_front_and_back_where_a_card_needs_both(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = _preview(qtbot, monkeypatch)  # the sample card: 2 pages on A5
    texts = [preview.paper_box.itemText(n) for n in range(preview.paper_box.count())]
    assert texts == ["A4", "A5（正反两面）"]
    short = PrintPreview(sample_card(who=("居民。",), steps=("去街道办。",), bring=(), notes=(),
                                     what="短。"))  # fmt: skip
    qtbot.addWidget(short)
    assert short.paper_box.itemText(1) == "A5"
    assert len(short.job.lay_out("A5")[1]) == 1


def _article_preview(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> PrintPreview:
    monkeypatch.setattr(printing, "available_printers", lambda: ["Office"])
    monkeypatch.setattr(printing, "default_printer", lambda: "Office")
    article = read_article(seeds_dir() / "003_bcc1e477f3fe7536.txt")
    job = article_job(article, load_cards().cards, "simplified", None)
    preview = PrintPreview(job=job)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    return preview


def test_more_than_ten_pages_asks_first(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _article_preview(qtbot, monkeypatch)
    assert len(preview.pages) > 10
    assert preview.windowTitle().endswith(preview.job.title)
    sent: list[int] = []
    monkeypatch.setattr(printing, "print_pages",
                        lambda pages, paper, **kw: sent.append(len(pages)) or "Office")  # fmt: skip
    asked: list[tuple[int, int]] = []

    def answer(value: bool) -> None:
        def confirm(pages: int, sheets: int) -> bool:
            asked.append((pages, sheets))
            return value

        monkeypatch.setattr(preview, "confirm_many", confirm)

    answer(False)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert asked == [(len(preview.pages), len(preview.pages))] and sent == []
    assert preview.message.text() == "没有打印。"
    answer(True)
    preview.print_button.gate = ClickGate()  # a second press, not part of a burst
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert sent == [len(preview.pages)]


def test_a_short_card_prints_without_asking(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = _preview(qtbot, monkeypatch)
    monkeypatch.setattr(printing, "print_pages", lambda pages, paper, **kw: "Office")
    monkeypatch.setattr(preview, "confirm_many", lambda *a: pytest.fail("asked for one page"))
    with qtbot.waitSignal(preview.printed):
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("chosen", ["", "Gone"])
def test_community_mode_without_the_staffs_printer_asks_for_staff(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    preview = _preview(qtbot, monkeypatch, printers=("Office", "Staff"))
    monkeypatch.setattr(printing, "print_pages",
                        lambda *a, **k: pytest.fail("printed to a printer staff did not choose"))
    preview.for_residents(chosen)
    assert not preview.pdf_button.isVisible() and not preview.printer_box.isVisible()
    with qtbot.waitSignal(preview.failed):
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert "请找工作人员帮忙" in preview.message.text()
    assert preview.focusWidget() is preview.back_button


def test_community_mode_prints_to_the_staffs_printer_only(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = _preview(qtbot, monkeypatch, printers=("Office", "Staff"))  # default: Office
    sent: list[str | None] = []
    monkeypatch.setattr(printing, "print_pages",
                        lambda pages, paper, *, printer_name=None, title="":
                        sent.append(printer_name) or printer_name)  # fmt: skip
    preview.for_residents("Staff")
    preview.printer_box.setCurrentText("Office")  # even if the hidden box moved
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert sent == ["Staff"]


def test_screenshot_command_renders_the_preview(tmp_path: Path) -> None:
    from reader.cli import main

    out = tmp_path / "preview.png"
    assert main(["screenshot", str(out), "--card", "dibao", "--print-preview",
                 "--size", "1024x600"]) == 0  # fmt: skip
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 560)
    assert main(["screenshot", str(tmp_path / "x.png"), "--print-preview"]) == 2


def test_staff_see_when_a_card_does_not_fit_one_sheet(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "available_printers", lambda: ["Office"])
    monkeypatch.setattr(printing, "default_printer", lambda: "Office")
    preview = PrintPreview(too_long_card())
    qtbot.addWidget(preview)
    assert len(preview.pages) >= 2
    assert preview.message.text() == f"这张卡片一张纸印不下，会印成 {len(preview.pages)} 页。"
    preview = PrintPreview(long_card())
    qtbot.addWidget(preview)
    assert preview.message.text() == "为了印在一张纸上，没有印“注意”一段。"
    preview = PrintPreview(sample_card())
    qtbot.addWidget(preview)
    assert preview.message.text() == ""
