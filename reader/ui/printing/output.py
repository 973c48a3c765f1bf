"""Printing topic cards: PDF files, booklets and real printers (CUPS on Linux).

The layout is in reader.ui.printing.layout and the font in reader.ui.printing.font; this
module drives the devices. The same `paint_page` paints the PDF, the printer's pages
and the preview images, so the preview shows exactly what comes out.

Everything here needs a QGuiApplication; `ensure_app()` makes one when the command
line calls in without a window (offscreen when there is no display).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication

from reader.core.article import Script
from reader.core.cards import Card, category_label
from reader.core.errors import ReaderError
from reader.core.local_info import LocalInfo
from reader.core.script import convert
from reader.doctor import Check
from reader.ui.printing import font as print_font
from reader.ui.printing.card_layout import layout_card, layout_contents
from reader.ui.printing.layout import LAYOUT_DPI, PX, Page, Paper, paint_page, paper_for

NO_PRINTER = "这台电脑还没有接打印机，可以先保存为PDF。"
CREATOR = "大字读报"
_PAGE_IDS = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5}
_app: QCoreApplication | None = None


def ensure_app() -> QGuiApplication:
    """The running QGuiApplication, or a new QApplication (offscreen without a display)."""
    global _app
    app = QCoreApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = _app = QApplication(sys.argv[:1])
    if not isinstance(app, QGuiApplication):
        raise ReaderError("打印需要图形界面的程序环境。", "QCoreApplication without GUI")
    return app


def _family(script: Script) -> str:
    ensure_app()
    return print_font.print_family(script).family


def card_pages(card: Card, *, script: Script = "simplified", paper: str = "A4",
               local_info: LocalInfo | None = None,
               printed_on: date | None = None) -> tuple[Paper, list[Page]]:  # fmt: skip
    """The card laid out for `paper`: what every output (PDF, printer, preview) paints."""
    sheet = paper_for(paper)
    pages = layout_card(card, script=script, paper=sheet, family=_family(script),
                        local_info=local_info, printed_on=printed_on or date.today())  # fmt: skip
    return sheet, pages


def booklet_pages(cards: Sequence[Card], *, script: Script = "simplified", paper: str = "A4",
                  category: str | None = None, local_info: LocalInfo | None = None,
                  printed_on: date | None = None) -> tuple[Paper, list[Page]]:  # fmt: skip
    """A contents page, then each card starting on a new page; pages numbered throughout."""
    sheet = paper_for(paper)
    family = _family(script)
    day = printed_on or date.today()
    chosen = [c for c in cards if not category or c.category == category]
    if not chosen:
        raise ReaderError("没有要印的卡片。")

    def c(text: str) -> str:
        return convert(text, script) if script != "simplified" else text

    heading = c("帮助卡片") + (f"：{category_label(category, script)}" if category else "")
    titles = [card.converted(script).title for card in chosen]
    # one category: a plain 目录; all cards: grouped under their categories
    groups = [c("目录") if category else category_label(card.category, script) for card in chosen]

    def contents(first_pages: list[int]) -> list[Page]:
        entries = list(zip(groups, titles, first_pages, strict=True))
        return layout_contents(heading, entries,
                               script=script, paper=sheet, family=family, printed_on=day,
                               label_for=lambda index, _count: c(f"第 {index + 1} 页"))  # fmt: skip

    # The contents' length moves every page number, and the page numbers barely change
    # its length: measure it with wide numbers, then lay the cards out once.
    cover_count = len(contents([999] * len(chosen)))
    for _ in range(3):
        laid_out: list[list[Page]] = []
        first_pages = []
        start = cover_count
        for card in chosen:
            def label(index: int, _count: int, first: int = start) -> str:
                return c(f"第 {first + index + 1} 页")

            laid = layout_card(card, script=script, paper=sheet, family=family,
                               local_info=local_info, printed_on=day, label_for=label)  # fmt: skip
            laid_out.append(laid)
            first_pages.append(start + 1)
            start += len(laid)
        cover = contents(first_pages)
        if len(cover) == cover_count:
            break
        cover_count = len(cover)
    return sheet, cover + [page for laid in laid_out for page in laid]


# ---- PDF -------------------------------------------------------------------------------------


def _paint_all(painter: QPainter, device: QPdfWriter | QPrinter, pages: Sequence[Page],
               paper: Paper) -> None:  # fmt: skip
    scale_x = device.logicalDpiX() / LAYOUT_DPI
    scale_y = device.logicalDpiY() / LAYOUT_DPI
    for index, page in enumerate(pages):
        if index:
            device.newPage()
        paint_page(painter, page, paper, scale_x, scale_y)


def _write_pdf(pages: Sequence[Page], paper: Paper, path: str | os.PathLike[str],
               title: str) -> Path:  # fmt: skip
    out = Path(path)
    if out.parent and not out.parent.exists():
        raise ReaderError(f"保存PDF的文件夹不存在：{out.parent}")
    writer = QPdfWriter(str(out))
    writer.setResolution(1200)
    writer.setPageSize(QPageSize(_PAGE_IDS[paper.name]))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    painter = QPainter()
    if not painter.begin(writer):
        raise ReaderError(f"PDF 文件写不进去：{out}。请换一个文件夹，或关掉正打开这个文件的程序。")
    try:
        _paint_all(painter, writer, pages, paper)
    finally:
        painter.end()
    if not out.is_file() or out.stat().st_size == 0:
        raise ReaderError(f"PDF 文件没有写成：{out}。请换一个文件夹再试。")
    return out


def write_card_pdf(card: Card, path: str | os.PathLike[str], *, script: Script = "simplified",
                   paper: str = "A4", local_info: LocalInfo | None = None) -> Path:  # fmt: skip
    sheet, pages = card_pages(card, script=script, paper=paper, local_info=local_info)
    return _write_pdf(pages, sheet, path, card.converted(script).title)


def write_booklet_pdf(cards: Iterable[Card], path: str | os.PathLike[str], *,
                      script: Script = "simplified", paper: str = "A4",
                      category: str | None = None,
                      local_info: LocalInfo | None = None) -> Path:  # fmt: skip
    sheet, pages = booklet_pages(list(cards), script=script, paper=paper, category=category,
                                 local_info=local_info)  # fmt: skip
    title = convert("帮助卡片", script) if script != "simplified" else "帮助卡片"
    return _write_pdf(pages, sheet, path, title)


def page_images(pages: Sequence[Page], paper: Paper, width_px: int) -> list[QImage]:
    """Each page as a white image `width_px` wide (the on-screen preview)."""
    scale = width_px / (paper.width_pt * PX)
    height_px = round(paper.height_pt * PX * scale)
    images = []
    for page in pages:
        image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paint_page(painter, page, paper, scale, scale)
        painter.end()
        images.append(image)
    return images


# ---- printers ----------------------------------------------------------------------------------


def available_printers() -> list[str]:
    ensure_app()
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str | None:
    ensure_app()
    return QPrinterInfo.defaultPrinterName() or None


# CUPS printer-state-reasons keywords -> what to tell staff
_REASONS = {
    "media-empty": "打印机没纸了，请放好纸再打印。",
    "media-needed": "打印机没纸了，请放好纸再打印。",
    "media-jam": "打印机卡纸了，请取出卡住的纸再打印。",
    "toner-empty": "打印机没有墨粉了。",
    "marker-supply-empty": "打印机没有墨了。",
    "door-open": "打印机的盖子开着，请关好再打印。",
    "cover-open": "打印机的盖子开着，请关好再打印。",
    "offline": "打印机没有开机或没有连好，请检查电源和连线。",
    "shutdown": "打印机没有开机或没有连好，请检查电源和连线。",
    "paused": "打印机被暂停了，请在系统的打印机设置里恢复。",
}


def _state_reasons(name: str) -> list[str]:
    """CUPS printer-state-reasons of a queue (Linux/macOS; empty where there is no CUPS)."""
    lpoptions = shutil.which("lpoptions")
    if not lpoptions:
        return []
    try:
        out = subprocess.run([lpoptions, "-p", name], capture_output=True, text=True,
                             timeout=5, check=False).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return []
    for item in out.split():
        if item.startswith("printer-state-reasons="):
            return [r for r in item.split("=", 1)[1].split(",") if r and r != "none"]
    return []


def printer_problem(name: str) -> str | None:
    """A plain message when the system reports the printer cannot print now, else None."""
    for reason in _state_reasons(name):
        if reason.endswith(("-warning", "-report")) and not reason.startswith("offline"):
            continue  # "paper is low" and the like: it still prints
        for key, message in _REASONS.items():
            if reason.startswith(key):
                return message
    state = QPrinterInfo.printerInfo(name).state()
    if state in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        return "打印机现在不能用（可能没开机、没连好或被暂停了）。"
    return None


def choose_printer(printer_name: str | None = None) -> str:
    """The queue to use: the one asked for, else the default, else the only/first one."""
    names = available_printers()
    if not names:
        raise ReaderError(NO_PRINTER)
    if printer_name:
        if printer_name not in names:
            # QPrinter.setPrinterName() would silently use another printer: say so instead
            listed = "、".join(names)
            raise ReaderError(f"找不到叫“{printer_name}”的打印机。这台电脑上有：{listed}。")
        return printer_name
    default = default_printer()
    return default if default in names else names[0]


def print_pages(pages: Sequence[Page], paper: Paper, *, printer_name: str | None = None,
                title: str = CREATOR) -> str:  # fmt: skip
    """Send the pages to a printer; returns its name. ReaderError with a plain message
    when there is no printer, it is not ready, or the job fails."""
    name = choose_printer(printer_name)
    problem = printer_problem(name)
    if problem:
        raise ReaderError(f"{problem}卡片没有打出来；也可以先保存为PDF。")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    if printer.printerName() != name:
        raise ReaderError(f"打印机“{name}”现在用不了，请换一台或先保存为PDF。")
    printer.setFullPage(True)  # the painter's origin is the paper's corner, as in the PDF
    printer.setPageSize(QPageSize(_PAGE_IDS[paper.name]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDocName(title)
    printer.setCreator(CREATOR)
    painter = QPainter()
    if not painter.begin(printer):
        raise ReaderError(f"打印机“{name}”没有响应，请检查它是否开着，或先保存为PDF。")
    try:
        _paint_all(painter, printer, pages, paper)
    finally:
        ended = painter.end()
    if not ended or printer.printerState() in (QPrinter.PrinterState.Error,
                                               QPrinter.PrinterState.Aborted):  # fmt: skip
        raise ReaderError(f"打印机“{name}”没有打成功，请检查打印机，或先保存为PDF。")
    return name


def print_card(card: Card, *, printer_name: str | None = None, script: Script = "simplified",
               paper: str = "A4", local_info: LocalInfo | None = None) -> str:  # fmt: skip
    """Print one card; returns the printer's name."""
    choose_printer(printer_name)  # no printer: say so before laying anything out
    sheet, pages = card_pages(card, script=script, paper=paper, local_info=local_info)
    return print_pages(pages, sheet, printer_name=printer_name,
                       title=card.converted(script).title)  # fmt: skip


# ---- doctor --------------------------------------------------------------------------------------


def doctor_checks() -> list[Check]:
    ensure_app()
    checks = []
    names = available_printers()
    if names:
        default = default_printer()
        detail = "、".join(names) + (f"（默认：{default}）" if default else "")
        checks.append(Check("打印机", True, detail, required=False))
    else:
        checks.append(Check("打印机", False, "没有找到打印机；卡片可以先保存为PDF。",
                            required=False))  # fmt: skip
    for script, label in (("simplified", "简体"), ("traditional", "繁体")):
        state = print_font.status(script)  # type: ignore[arg-type]
        if not state.fixed:
            state = print_font.print_family(script)  # type: ignore[arg-type]
        checks.append(Check(f"打印字体（{label}）", state.fixed, state.note, required=False))
    return checks
