"""Printing topic cards: PDF files, booklets and real printers (CUPS on Linux).

The layout is in reader.ui.printing.layout and the font in reader.ui.printing.font; this
module drives the devices. The same `paint_page` paints the PDF, the printer's pages
and the preview images, so the preview shows exactly what comes out.

Everything here needs a QGuiApplication; `ensure_app()` makes one when the command
line calls in without a window (offscreen when there is no display).

Failures raise PrintingError, whose message is a key of reader.core.strings: the
command line and staff see `message`; the residents' preview, which has no 保存为PDF,
shows `for_residents`.
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

from reader import APP_NAME
from reader.core.article import Article, Script
from reader.core.cards import Card, category_label
from reader.core.errors import ReaderError
from reader.core.local_info import LocalInfo
from reader.core.script import convert
from reader.core.strings import STRINGS, text
from reader.doctor import Check
from reader.ui.printing import font as print_font
from reader.ui.printing.article_layout import layout_article
from reader.ui.printing.card_layout import layout_card, layout_contents
from reader.ui.printing.layout import LAYOUT_DPI, PX, Page, Paper, paint_page, paper_for

CREATOR = APP_NAME
_PAGE_IDS = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5}
_app: QCoreApplication | None = None


class PrintingError(ReaderError):
    """A printing failure told with the strings key `key` (and its fields)."""

    def __init__(self, key: str, detail: str = "", **fields: object) -> None:
        super().__init__(text(key, "simplified", **fields), detail)
        self.key = key
        self.fields = fields

    @property
    def for_residents(self) -> str:
        """The message without 保存为PDF, which residents cannot do (see the
        "<key>.residents" strings); the same message where there is none."""
        residents = f"{self.key}.residents"
        if residents not in STRINGS:
            return self.message
        return text(residents, "simplified", **self.fields)


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
        raise PrintingError("print.error.no_gui", "QCoreApplication without GUI")
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
        raise PrintingError("print.error.no_cards")

    if category:
        heading = text("print.booklet.title_of", script,
                       category=category_label(category, script))
    else:
        heading = text("print.booklet.title", script)
    titles = [card.converted(script).title for card in chosen]
    # one category: a plain 目录; all cards: grouped under their categories
    groups = [text("print.booklet.contents", script) if category
              else category_label(card.category, script) for card in chosen]

    def page_number(index: int) -> str:
        return text("print.page", script, n=index + 1)

    def contents(first_pages: list[int]) -> list[Page]:
        entries = list(zip(groups, titles, first_pages, strict=True))
        return layout_contents(heading, entries,
                               script=script, paper=sheet, family=family, printed_on=day,
                               label_for=lambda index, _count: page_number(index))  # fmt: skip

    # The contents' length moves every page number, and the page numbers barely change
    # its length: measure it with wide numbers, then lay the cards out once.
    cover_count = len(contents([999] * len(chosen)))
    for _ in range(3):
        laid_out: list[list[Page]] = []
        first_pages = []
        start = cover_count
        for card in chosen:
            def label(index: int, _count: int, first: int = start) -> str:
                return page_number(first + index)

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


def _paint_to(device: QPdfWriter | QPrinter, pages: Sequence[Page], paper: Paper,
              cannot_start: PrintingError) -> bool:  # fmt: skip
    """Paint `pages` on a PDF writer or a printer, with the same page set-up for both;
    raises `cannot_start` when the device refuses, else returns whether it finished."""
    device.setPageSize(QPageSize(_PAGE_IDS[paper.name]))
    device.setPageOrientation(QPageLayout.Orientation.Portrait)
    device.setCreator(CREATOR)
    painter = QPainter()
    if not painter.begin(device):
        raise cannot_start
    try:
        scale_x = device.logicalDpiX() / LAYOUT_DPI
        scale_y = device.logicalDpiY() / LAYOUT_DPI
        for index, page in enumerate(pages):
            if index:
                device.newPage()
            paint_page(painter, page, paper, scale_x, scale_y)
    finally:
        ended = painter.end()
    return ended


def write_pages_pdf(pages: Sequence[Page], paper: Paper, path: str | os.PathLike[str],
                    title: str) -> Path:  # fmt: skip
    """Paint laid-out pages into a PDF at `path` (what every write_*_pdf ends with)."""
    out = Path(path)
    if out.parent and not out.parent.exists():
        raise PrintingError("print.error.no_folder", folder=out.parent)
    writer = QPdfWriter(str(out))
    writer.setResolution(1200)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(title)
    _paint_to(writer, pages, paper, PrintingError("print.error.cannot_write", path=out))
    if not out.is_file() or out.stat().st_size == 0:
        raise PrintingError("print.error.not_written", path=out)
    return out


def write_card_pdf(card: Card, path: str | os.PathLike[str], *, script: Script = "simplified",
                   paper: str = "A4", local_info: LocalInfo | None = None) -> Path:  # fmt: skip
    sheet, pages = card_pages(card, script=script, paper=paper, local_info=local_info)
    return write_pages_pdf(pages, sheet, path, card.converted(script).title)


def write_booklet_pdf(cards: Iterable[Card], path: str | os.PathLike[str], *,
                      script: Script = "simplified", paper: str = "A4",
                      category: str | None = None,
                      local_info: LocalInfo | None = None) -> Path:  # fmt: skip
    sheet, pages = booklet_pages(list(cards), script=script, paper=paper, category=category,
                                 local_info=local_info)  # fmt: skip
    return write_pages_pdf(pages, sheet, path, text("print.booklet.title", script))


def article_pages(article: Article, cards: Sequence[Card], *, script: Script = "simplified",
                  paper: str = "A4", local_info: LocalInfo | None = None,
                  printed_on: date | None = None) -> tuple[Paper, list[Page]]:  # fmt: skip
    """The article in large print, pages numbered 第 x 页，共 y 页, its cards' phones last."""
    sheet = paper_for(paper)
    pages = layout_article(article, cards, script=script, paper=sheet,
                           family=_family(script), local_info=local_info,
                           printed_on=printed_on or date.today())  # fmt: skip
    return sheet, pages


def write_article_pdf(article: Article, cards: Sequence[Card], path: str | os.PathLike[str], *,
                      script: Script = "simplified", paper: str = "A4",
                      local_info: LocalInfo | None = None) -> Path:  # fmt: skip
    sheet, pages = article_pages(article, cards, script=script, paper=paper,
                                 local_info=local_info)  # fmt: skip
    return write_pages_pdf(pages, sheet, path, convert(article.title, script))


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


# CUPS printer-state-reasons keywords -> the strings key of what to tell staff
_REASONS = {
    "media-empty": "print.state.no_paper",
    "media-needed": "print.state.no_paper",
    "media-jam": "print.state.jam",
    "toner-empty": "print.state.no_toner",
    "marker-supply-empty": "print.state.no_ink",
    "door-open": "print.state.open",
    "cover-open": "print.state.open",
    "offline": "print.state.off",
    "shutdown": "print.state.off",
    "paused": "print.state.paused",
}


def _queue_options(name: str) -> dict[str, str]:
    """A CUPS queue's attributes as `lpoptions -p` lists them (empty without CUPS)."""
    lpoptions = shutil.which("lpoptions")
    if not lpoptions:
        return {}
    try:
        out = subprocess.run([lpoptions, "-p", name], capture_output=True, text=True,
                             timeout=5, check=False).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    return dict(item.split("=", 1) for item in out.split() if "=" in item)


def _state_reasons(options: dict[str, str]) -> list[str]:
    reasons = options.get("printer-state-reasons", "")
    return [r for r in reasons.split(",") if r and r != "none"]


def printer_problem(name: str) -> str | None:
    """A plain message when the system reports the printer cannot print now, else None."""
    options = _queue_options(name)
    if options.get("printer-is-accepting-jobs") == "false":
        return text("print.state.rejecting")
    for reason in _state_reasons(options):
        if reason.endswith(("-warning", "-report")) and not reason.startswith("offline"):
            continue  # "paper is low" and the like: it still prints
        for keyword, key in _REASONS.items():
            if reason.startswith(keyword):
                return text(key)
    state = QPrinterInfo.printerInfo(name).state()
    if state in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        return text("print.state.error")
    return None


def prints_both_sides(name: str) -> bool:
    """Whether the printer can turn the paper itself (long-edge duplex). Qt drops a
    duplex request the printer cannot do: the job then prints one side a sheet."""
    ensure_app()
    modes = QPrinterInfo.printerInfo(name).supportedDuplexModes()
    return QPrinter.DuplexMode.DuplexLongSide in modes


def choose_printer(printer_name: str | None = None) -> str:
    """The queue to use: the one asked for, else the default, else the only/first one."""
    names = available_printers()
    if not names:
        raise PrintingError("print.error.no_printer")
    if printer_name:
        if printer_name not in names:
            # QPrinter.setPrinterName() would silently use another printer: say so instead
            raise PrintingError("print.error.unknown_printer", name=printer_name,
                                listed="、".join(names))
        return printer_name
    default = default_printer()
    return default if default in names else names[0]


def print_pages(pages: Sequence[Page], paper: Paper, *, printer_name: str | None = None,
                title: str = CREATOR) -> str:  # fmt: skip
    """Send the pages to a printer; returns its name. PrintingError when there is no
    printer, it is not ready, or the job fails."""
    name = choose_printer(printer_name)
    problem = printer_problem(name)
    if problem:
        raise PrintingError("print.error.not_ready", problem=problem)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    if printer.printerName() != name:
        raise PrintingError("print.error.unusable", name=name)
    printer.setFullPage(True)  # the painter's origin is the paper's corner, as in the PDF
    if paper.sheet_pages == 2 and len(pages) > 1:  # A5: the front and back of one sheet
        printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    printer.setDocName(title)
    ended = _paint_to(printer, pages, paper, PrintingError("print.error.no_answer", name=name))
    if not ended or printer.printerState() in (QPrinter.PrinterState.Error,
                                               QPrinter.PrinterState.Aborted):  # fmt: skip
        raise PrintingError("print.error.failed", name=name)
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
