"""The print preview dialog: big named buttons, what it shows equals what prints, and
plain messages when there is no printer or the printer fails."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from reader.core.article import Script
from reader.core.errors import ReaderError
from reader.core.typography import MIN_TARGET_PX
from reader.ui.printing import output as printing
from reader.ui.printing.layout import PAPERS, Page, Paper
from reader.ui.printing.preview import PrintPreview
from tests.support.print_fixtures import sample_card, sample_local_info, use_persistent_font_cache


@pytest.fixture(autouse=True)
def _fonts(qapp: object, pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)


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
    assert preview.pdf_button.text() == "保存爲PDF"
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
    preview.paper_box.setCurrentText("A5")
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
    preview.paper_box.setCurrentText("A5")
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
