"""打印测试页: one page that shows whether a printer prints this program's pages well:
its name and the time, large text in both scripts, and a QR code to scan with a phone."""

from __future__ import annotations

from datetime import datetime

from reader.core.article import Script
from reader.core.contact_qr import HOTLINES, Contact, contact_code
from reader.core.script import convert
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

    def c(text: str) -> str:
        return convert(text, script) if script != "simplified" else text

    now = datetime.now()
    rows = [f"{c('打印机')}：{printer_name}",
            f"{c('打印时间')}：{now.year}年{now.month}月{now.day}日 {now:%H:%M}",
            "简体：用手机扫一扫，把办事电话存到手机里。",
            "繁體：用手機掃一掃，把辦事電話存到手機裏。",
            c("这一页的字都清楚、没有方块，二维码能扫出 12345，就说明打印机可以用了。")]
    code = contact_code(Contact(c(HOTLINES["12345"]), ("12345",), "", c("打印测试页"), False))
    box = card_layout.phone_box((Row(c("政务服务便民热线"), number="12345"),), code, script)
    pieces = [Piece("para", (Row(text),), "", n) for n, text in enumerate(rows)] + [box]
    output.ensure_app()
    family = print_font.print_family(script).family
    small = sizes_for(sheet, MIN_BODY_PT, family)
    lines = [c(card_layout.DISCLAIMER)]
    space = card_layout.footer_space(lines, small, sheet)
    bodies = paginate(c("打印测试页"), pieces, sheet, family, script, lambda _pages: space)
    footer = card_layout.footer_html(lines, small)
    return sheet, [Page(html, footer, body) for html, body in bodies[:1]]


def print_test_page(printer_name: str, script: Script = "simplified") -> str:
    """Print the test page on that printer; returns its name (ReaderError when it can't)."""
    sheet, pages = check_page(printer_name, script)
    title = convert("打印测试页", script) if script != "simplified" else "打印测试页"
    return output.print_pages(pages, sheet, printer_name=printer_name, title=title)
