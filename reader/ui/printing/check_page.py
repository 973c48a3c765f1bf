"""打印测试页: one page that shows whether a printer prints this program's pages well:
its name and the time, large text in both scripts, and a QR code to scan with a phone."""

from __future__ import annotations

from datetime import datetime

from reader.core import strings
from reader.core.article import Script
from reader.core.contact_qr import HOTLINES, Contact, contact_code
from reader.ui.printing import card_layout, output
from reader.ui.printing import font as print_font
from reader.ui.printing.layout import (
    MIN_BODY_PT,
    Page,
    Paper,
    Piece,
    Row,
    paginate,
    paper_for,
    sizes_for,
)


def check_page(printer_name: str, script: Script = "simplified",
              paper: str = "A4") -> tuple[Paper, list[Page]]:  # fmt: skip
    """One page for checking a printer: its name and the time, large text in both
    scripts, and a QR code (the 12345 hotline) to scan with a phone."""
    sheet = paper_for(paper)

    def t(key: str, **fields: object) -> str:
        return strings.text(key, script, **fields)

    now = datetime.now()
    today = t("date.day", year=now.year, month=now.month, day=now.day)
    rows = [t("print.check.printer", name=printer_name),
            t("print.check.printed_at", date=today, time=f"{now:%H:%M}"),
            t("print.check.scan_simplified"),
            t("print.check.scan_traditional"),
            t("print.check.verdict")]
    hotline = strings.convert_text(HOTLINES["12345"], script)
    code = contact_code(Contact(hotline, ("12345",), "", t("print.check.title"), False))
    box = card_layout.phone_box((Row(t("print.check.hotline"), number="12345"),), code, script)
    pieces = [Piece("para", (Row(text),), "", n) for n, text in enumerate(rows)] + [box]
    output.ensure_app()
    family = print_font.print_family(script).family
    small = sizes_for(sheet, MIN_BODY_PT, family)
    lines = [t("print.disclaimer")]
    space = card_layout.footer_space(lines, small, sheet)
    bodies = paginate(t("print.check.title"), pieces, sheet, family, script, lambda _pages: space)
    footer = card_layout.footer_html(lines, small)
    return sheet, [Page(html, footer, body) for html, body in bodies[:1]]


def print_test_page(printer_name: str, script: Script = "simplified") -> str:
    """Print the test page on that printer; returns its name (ReaderError when it can't)."""
    sheet, pages = check_page(printer_name, script)
    return output.print_pages(pages, sheet, printer_name=printer_name,
                              title=strings.text("print.check.title", script))
