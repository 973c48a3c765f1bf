"""Large-print pages: HTML pieces with explicit sizes, split into pages, then painted.

Every piece of text is a <p>, <td> or <span> with its size set explicitly (measured:
a styled <h1> prints 12 pt larger than asked; a styled <p> prints as asked). Pages are
laid out at a fixed LAYOUT_DPI, independent of the device, and painted scaled, so the
PDF, the printer and the on-screen preview get the very same page breaks.

A card fits one page at the largest body size that fits (never under MIN_BODY_PT, the
18 pt floor of the MIIT 适老化 rules), trying the LAYOUTS at each size; on A5, else the
front and back of one sheet the same way. A card too long for that at MIN_BODY_PT
continues on the next page with its title repeated (staff are told before printing);
a piece too tall for a whole page is split at a sentence end.

Pictures (the contact QR code) are QImages registered under an "image:" URL and given
to every document whose HTML names them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from html import escape
from typing import Literal

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QTextDocument

from reader.core import strings
from reader.core.article import Script

LAYOUT_DPI = 288
PX = LAYOUT_DPI / 72  # layout pixels per point: paragraph margins (Qt's HTML takes px only)
TPX = 96 / 72  # table lengths (widths, padding, borders): Qt reads them as 96-dpi px and scales
MIN_BODY_PT = 18
MM = 72 / 25.4


@dataclass(frozen=True)
class Paper:
    name: str
    width_pt: float
    height_pt: float
    margin_pt: float
    title_pt: int
    body_pts: tuple[int, ...]  # tried largest first; the last is used when a card spills over
    phone_pt: int
    footer_pt: int
    sheet_pages: int  # a card's pages on one sheet: A4 one side, A5 front and back

    @property
    def content_width_px(self) -> float:
        return (self.width_pt - 2 * self.margin_pt) * PX


PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", 595.276, 841.89, 10 * MM, 32, (24, 22, 20, MIN_BODY_PT), 26, 12, 1),
    "A5": Paper("A5", 419.528, 595.276, 8 * MM, 32, (22, 20, MIN_BODY_PT), 24, 11, 2),
}


def paper_for(name: str) -> Paper:
    return PAPERS.get(name.upper(), PAPERS["A4"])


@dataclass(frozen=True)
class Sizes:
    family: str
    title: int
    body: int
    heading: int
    marker: int  # step numbers
    phone: int
    footer: int
    line_pct: int = 100  # of the font's own line height: LINE_EM of the type size
    width_px: float = 2000  # the text width of the page (to measure alternatives)
    side_chars: float = 5.8  # a card's heading column, in heading characters (0: above)
    gaps: float = 1.0  # the space between lines and round the box (tight: 0.5)

    def space(self, share: float) -> float:
        """A gap of `share` of the body size, in points."""
        return self.body * share * self.gaps

    def css(self, pt: int, bold: bool = False) -> str:
        weight = "bold" if bold else "normal"
        family = f"font-family:'{self.family}';" if self.family else ""
        return (f"{family}font-size:{pt}pt;font-weight:{weight};color:#000000;"
                f"line-height:{self.line_pct}%;")  # fmt: skip


LINE_EM = 1.3  # line spacing 1.3 × the type size: the MIIT 适老化 floor


@lru_cache(maxsize=8)
def line_pct(family: str) -> int:
    """Qt's proportional line height is a share of the font's own (Noto CJK: 1.45 em)."""
    font = QFont(family)
    font.setPointSizeF(100)
    natural_em = QFontMetricsF(font, _layout_device()).lineSpacing() / (100 * PX)
    return min(100, round(100 * LINE_EM / natural_em))


def sizes_for(paper: Paper, body: int, family: str, side_chars: float = 5.8,
              tight: bool = False) -> Sizes:  # fmt: skip
    phone = min(paper.phone_pt, body + 4) if tight else paper.phone_pt
    return Sizes(family, paper.title_pt, body, body + 3, body + 3, phone, paper.footer_pt,
                 line_pct(family), paper.content_width_px, side_chars,
                 0.5 if tight else 1.0)  # fmt: skip


# How a card is set, tried in this order at each type size: (heading column, tight).
# Headings in a column on the left that fits "谁可以申请" on one line (easy to find), or
# above their rows, which gives the text the whole width for a line a section (the
# column takes a fifth of an A4 page's width and a third of an A5 page's). Tight: half
# the gaps, and phone numbers 4 pt larger than the text rather than the paper's size.
LAYOUTS = ((5.8, False), (0.0, False), (5.8, True), (0.0, True))


# ---- pieces of a page ----------------------------------------------------------------------

Kind = Literal["para", "list", "box"]


@dataclass(frozen=True)
class Row:
    text: str
    marker: str = ""  # "1" for a step, "●" for a list item, "" for a continuation
    number: str = ""  # a phone number, printed large
    label_first: bool = False  # "办理电话：<number>" rather than "<number> purpose"


@dataclass(frozen=True)
class Piece:
    """One unbreakable part of a page: a heading with its first row, a row, or a box."""

    kind: Kind
    rows: tuple[Row, ...]
    heading: str = ""
    section: int = 0  # pieces of one section are kept on one page when that is cheap
    image: str = ""  # a box only: a registered picture (the contact QR) right of the rows
    image_pt: float = 0  # the picture's width and height on paper
    caption: str = ""  # under the picture, in large print
    side: bool = False  # the heading in a column left of the rows (a card), not above them

    def html(self, s: Sizes) -> str:
        if self.side and s.side_chars and self.kind != "box":
            return _side_rows(self, s)
        if self.side and self.kind == "para" and self.heading and self.rows:
            return _run_in(self, s)
        head = ""
        if self.heading and self.kind != "box":
            head = paragraph(self.heading, s.css(s.heading, True),
                             top=s.space(0.3), bottom=s.space(0.05))  # fmt: skip
        if self.kind == "para":
            body = s.css(s.body)
            return head + "".join(paragraph(r.text, body, bottom=s.space(0.1)) for r in self.rows)
        if self.kind == "list":
            return head + "".join(_row_table(r, s) for r in self.rows)
        return _box(self, s)

    def split(self) -> tuple[Piece, Piece] | None:
        """Two smaller pieces (rows halved, or the one row cut at a sentence end)."""
        if self.image:
            return None  # the phone box and its QR code stay together
        if len(self.rows) > 1:
            half = len(self.rows) // 2
            return replace(self, rows=self.rows[:half]), replace(self, rows=self.rows[half:],
                                                                   heading="")  # fmt: skip
        row = self.rows[0]
        if len(row.text) < 2:
            return None
        cut = _sentence_cut(row.text)
        first = replace(row, text=row.text[:cut])
        rest = Row(row.text[cut:])
        return replace(self, rows=(first,)), replace(self, rows=(rest,), heading="")


def _sentence_cut(text: str) -> int:
    ends = [m.end() for m in re.finditer(r"[。！？；]", text) if m.end() < len(text)]
    middle = len(text) // 2
    return min(ends, key=lambda e: abs(e - middle)) if ends else middle


def paragraph(text: str, css: str, top: float = 0, bottom: float = 0, align: str = "left") -> str:
    return (f'<p align="{align}" style="{css}margin-top:{top * PX:.0f}px;'
            f'margin-bottom:{bottom * PX:.0f}px">{escape(text)}</p>')  # fmt: skip


def _row_table(row: Row, s: Sizes) -> str:
    # A one-row table gives the hanging indent: wrapped lines stay right of the number.
    marker_pt = s.marker if row.marker.isdigit() else s.body
    marker = row.marker
    return (
        f'<table border="0" width="100%" cellspacing="0" cellpadding="0" '
        f'style="margin-bottom:{s.space(0.05) * TPX:.0f}px">'
        f'<tr><td width="{s.marker * 1.2 * TPX:.0f}">'
        f"{paragraph(marker, s.css(marker_pt, True))}</td>"
        f"<td>{paragraph(row.text, s.css(s.body))}</td></tr></table>"
    )


def _run_in(piece: Piece, s: Sizes) -> str:
    """A card's paragraph with its heading above the text: the heading opens the first
    line ("这是什么　…"), which saves a line where every line counts."""
    first, *rest = piece.rows
    line = (f'<p style="line-height:{s.line_pct}%;margin-top:{s.space(0.3) * PX:.0f}px;'
            f'margin-bottom:{s.space(0.1) * PX:.0f}px">'
            f'<span style="{s.css(s.heading, True)}">{escape(piece.heading)}</span>'
            f'<span style="{s.css(s.body)}">　{escape(first.text)}</span></p>')
    return line + "".join(paragraph(r.text, s.css(s.body), bottom=s.space(0.1)) for r in rest)


def _side_rows(piece: Piece, s: Sizes) -> str:
    """Rows as tables of [heading column | marker | text]; the heading only on the first."""
    label_width = s.side_chars * s.heading * TPX
    marker_width = s.marker * 1.2 * TPX
    out = []
    for n, row in enumerate(piece.rows):
        label = piece.heading if n == 0 else ""
        top = s.space(0.25) * TPX if n == 0 and piece.heading else 0
        cells = f'<td width="{label_width:.0f}">{paragraph(label, s.css(s.heading, True))}</td>'
        if piece.kind == "list":
            marker_pt = s.marker if row.marker.isdigit() else s.body
            marker = paragraph(row.marker, s.css(marker_pt, True))
            cells += f'<td width="{marker_width:.0f}">{marker}</td>'
        cells += f"<td>{paragraph(row.text, s.css(s.body))}</td>"
        out.append(f'<table border="0" width="100%" cellspacing="0" cellpadding="0" '
                   f'style="margin-top:{top:.0f}px;margin-bottom:{s.space(0.05) * TPX:.0f}px">'
                   f"<tr>{cells}</tr></table>")  # fmt: skip
    return "".join(out)


def _box(piece: Piece, s: Sizes) -> str:
    parts = []
    if piece.heading:
        parts.append(paragraph(piece.heading, s.css(s.heading, True), bottom=s.space(0.2)))
    for row in piece.rows:
        if row.number:
            number = f'<span style="{s.css(s.phone, True)}">{escape(row.number)}</span>'
            words = f'<span style="{s.css(s.body)}">{escape(row.text)}</span>'
            spaced = f'<span style="{s.css(s.body)}">　{escape(row.text)}</span>'
            line = words + number if row.label_first else number + spaced
            parts.append(f'<p style="line-height:{s.line_pct}%;'
                         f'margin-top:{s.space(0.1) * PX:.0f}px;margin-bottom:0px">'
                         f"{line}</p>")
        else:
            parts.append(paragraph(row.text, s.css(s.body), top=s.space(0.1)))
    if not piece.image:
        return _box_table(f'<td valign="top">{"".join(parts)}</td>', s)
    # The picture in a column of its own (the caption under the numbers or under the
    # picture), or in the top corner with the lines running round it and then on under
    # it the whole width of the box: whichever box is lowest.
    side = piece.image_pt * TPX
    picture = f'<img src="{piece.image}" width="{side:.0f}" height="{side:.0f}">'
    corner = picture.replace("<img ", '<img style="float:right" ')
    caption = paragraph(piece.caption, s.css(s.body, True), top=s.space(0.3))
    rows = "".join(parts)
    beside = (f'<td valign="top">{rows}{caption}</td>'
              f'<td valign="middle" width="{side:.0f}">{picture}</td>')
    under = (f'<td valign="top">{rows}</td>'
             f'<td valign="top" width="{side:.0f}">{picture}{caption}</td>')
    around = f'<td valign="top">{corner}{rows}{caption}</td>'
    corner_captioned = (f'<table style="float:right" border="0" cellspacing="0" cellpadding="0" '
                        f'width="{side:.0f}"><tr><td>{picture}{caption}</td></tr></table>')
    around_captioned = f'<td valign="top">{corner_captioned}{rows}</td>'
    return min((_box_table(cells, s) for cells in (beside, under, around, around_captioned)),
               key=lambda html: height_of(html, s.width_px))  # fmt: skip


def _box_table(cells: str, s: Sizes) -> str:
    return (
        f'<table border="0" width="100%" cellspacing="0" cellpadding="{s.space(0.3) * TPX:.0f}" '
        f'style="border:{2 * TPX:.0f}px solid #000000;border-collapse:collapse;'
        f"margin-top:{s.space(0.3) * TPX:.0f}px;"
        f'margin-bottom:{s.space(0.3) * TPX:.0f}px"><tr>{cells}</tr></table>'
    )


_IMAGES: dict[str, QImage] = {}


def register_image(key: str, image: QImage) -> str:
    """Make `image` available to page HTML as <img src="image:key">; returns that URL."""
    url = f"image:{key}"
    _IMAGES[url] = image
    return url


# ---- measuring and paginating ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _layout_device() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def make_document(html: str, width_px: float) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(_layout_device())
    doc.setDocumentMargin(0)
    doc.setUseDesignMetrics(True)  # unhinted advances: the same breaks at any scale
    doc.setTextWidth(width_px)
    for url, image in _IMAGES.items():
        if url in html:
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
    doc.setHtml(html)
    return doc


@lru_cache(maxsize=512)  # the two page fills and the booklet measure the same pages again
def height_of(html: str, width_px: float) -> float:
    return float(make_document(html, width_px).size().height())


@dataclass(frozen=True)
class Page:
    body_html: str  # title and pieces
    footer_html: str
    body_pt: int
    left_out: str = ""  # sections left off to keep a card on one sheet ("注意"), for staff


def printed_on_line(day: date, script: Script) -> str:
    """打印日期：2026年12月6日, the footer line every printed page carries."""
    words = strings.text("date.day", script, year=day.year, month=day.month, day=day.day)
    return strings.text("print.printed_on", script, date=words)


def title_html(title: str, s: Sizes, continued: bool, script: Script) -> str:
    text = title + (strings.text("print.continued", script) if continued else "")
    return paragraph(text, s.css(s.title, True), bottom=s.space(0.2))


def paginate(title: str, pieces: list[Piece], paper: Paper, family: str, script: Script,
             footer_height: Callable[[int], float], sheet_pages: int = 1,
             first_footer: float | None = None) -> list[tuple[str, int]]:  # fmt: skip
    """(body html, body pt) per page. `footer_height(pages)` is the footer's height;
    `first_footer`, when given, the first page's when there are several.

    One page at the largest type that fits (headings beside, then above the rows); else,
    when a sheet has `sheet_pages` pages (A5 front and back), that many at the largest
    type that fits; else on as many pages as it takes at the smallest type."""
    width = paper.content_width_px
    usable = (paper.height_pt - 2 * paper.margin_pt) * PX
    places = LAYOUTS if any(piece.side for piece in pieces) else LAYOUTS[:1]

    for body in paper.body_pts:
        for side, tight in places:
            s = sizes_for(paper, body, family, side, tight)
            html = title_html(title, s, False, script) + "".join(p.html(s) for p in pieces)
            if height_of(html, width) <= usable - footer_height(1):
                return [(html, body)]

    def pages_at(body: int, side: float, tight: bool) -> list[tuple[str, int]]:
        s = sizes_for(paper, body, family, side, tight)
        room = usable - footer_height(2)

        def page_html(parts: list[Piece], index: int) -> str:
            return title_html(title, s, index > 0, script) + "".join(p.html(s) for p in parts)

        def fill(front: float) -> list[list[Piece]]:
            def fits(parts: list[Piece], index: int) -> bool:
                return height_of(page_html(parts, index), width) <= (room if index else front)

            # Keeping sections whole must not cost a page: only when it needs no more.
            tidy = _fill(pieces, fits, keep_sections=True)
            plain = _fill(pieces, fits, keep_sections=False)
            return tidy if len(tidy) <= len(plain) else plain

        pages = fill(room if first_footer is None else usable - first_footer)
        if len(pages) == 1:  # it fits only above the shorter footer: a single page has the whole
            pages = fill(usable - footer_height(1))
        return [(page_html(parts, n), body) for n, parts in enumerate(pages)]

    if sheet_pages > 1:
        for body in paper.body_pts:
            for side, tight in places:
                laid_out = pages_at(body, side, tight)
                if len(laid_out) <= sheet_pages:
                    return laid_out
    return min((pages_at(paper.body_pts[-1], *place) for place in places), key=len)


def _fill(pieces: list[Piece], fits: Callable[[list[Piece], int], bool],
          keep_sections: bool) -> list[list[Piece]]:  # fmt: skip
    """Pieces onto pages, in order; `fits(parts, page index)` says whether parts fit."""
    pages: list[list[Piece]] = []
    current: list[Piece] = []
    queue = list(pieces)
    while queue:
        piece = queue.pop(0)
        if fits([*current, piece], len(pages)):
            current.append(piece)
            continue
        if not current:  # too tall for a page of its own: cut it
            halves = piece.split()
            if halves is None:
                current.append(piece)  # a single character cannot be taller than a page
            else:
                queue[0:0] = list(halves)
            continue
        start = len(current)
        while keep_sections and start > 0 and current[start - 1].section == piece.section:
            start -= 1
        if 0 < start < len(current):  # start the section on the next page instead
            queue[0:0] = [*current[start:], piece]
            current = current[:start]
        else:
            queue.insert(0, piece)
        pages.append(current)
        current = []
    if current:
        pages.append(current)
    return pages


# ---- painting ----------------------------------------------------------------------


def paint_page(painter: QPainter, page: Page, paper: Paper, scale_x: float,
               scale_y: float) -> None:  # fmt: skip
    """Paint one page; the painter's origin is the paper's top-left corner and
    `scale_*` are device pixels per layout pixel."""
    width = paper.content_width_px
    margin = paper.margin_pt * PX
    bottom = (paper.height_pt - paper.margin_pt) * PX
    painter.save()
    painter.scale(scale_x, scale_y)
    body = make_document(page.body_html, width)
    painter.translate(margin, margin)
    body.drawContents(painter, QRectF(0, 0, width, body.size().height()))
    painter.translate(-margin, -margin)
    footer = make_document(page.footer_html, width)
    top = bottom - footer.size().height()
    painter.setPen(QPen(QColor("#000000"), 0.8 * PX))
    rule_y = top - paper.footer_pt * 0.4 * PX
    painter.drawLine(int(margin), int(rule_y), int(margin + width), int(rule_y))
    painter.translate(margin, top)
    footer.drawContents(painter, QRectF(0, 0, width, footer.size().height()))
    painter.restore()


def page_text(page: Page, paper: Paper) -> str:
    """The page's text as laid out (what the PDF's text layer should say)."""
    width = paper.content_width_px
    body = make_document(page.body_html, width).toPlainText().replace("\ufffc", "")  # a picture
    return (body + "\n"
            + make_document(page.footer_html, width).toPlainText())  # fmt: skip
