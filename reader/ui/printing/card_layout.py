"""A topic card (or a booklet's contents) as printed pages: the pieces of each section,
the footer, and the page numbers. The generic layout (sizes, pagination, painting) is in
reader.ui.printing.layout.

Footer on every page: 以当地最新规定为准 with the page number (residents need both),
then the print date and the card's review date, then the source articles' titles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from PySide6.QtGui import QImage

from reader.core import strings
from reader.core.article import Script
from reader.core.card_text import CardSection, card_sections, reviewed_line
from reader.core.card_text import label as section_label
from reader.core.cards import Card
from reader.core.contact_qr import CAPTION, ContactCode, card_code
from reader.core.local_info import LocalInfo
from reader.core.script import convert
from reader.resources import seeds_dir
from reader.ui.printing.layout import (
    MIN_BODY_PT,
    MM,
    PX,
    Page,
    Paper,
    Piece,
    Row,
    Sizes,
    height_of,
    paginate,
    paragraph,
    printed_on_line,
    register_image,
    sizes_for,
)

QR_MODULE_MM = 0.5  # see README: 38.5 mm with its quiet zone, read by a phone from ~35 cm


def card_pieces(sections: Sequence[CardSection], qr: ContactCode | None = None,
                script: Script = "simplified") -> list[Piece]:  # fmt: skip
    """The printed card: the phone box first (the local office's lines, then the card's
    own numbers, the QR code beside them), then the sections in reading order, and the
    community centre's lines at the end."""
    by_key = {section.key: section for section in sections}
    local = by_key.get("local")
    local_lines = local.lines if local else ()
    office_lines = tuple(ln for ln in local_lines if ln.field in _OFFICE)
    office_more = [ln.text for ln in local_lines if ln.field in _OFFICE_MORE]
    centre_lines = tuple(ln for ln in local_lines if ln.field in _CENTRE)
    pieces: list[Piece] = []
    phones = by_key.get("phones")
    rows = tuple(_box_row(line.text, line.number, line.field) for line in office_lines)
    if office_more:  # the office's address, hours and note: one paragraph under its phone
        rows += (Row("　".join(office_more)),)
    rows += tuple(_box_row(ln.text, ln.number, ln.field) for ln in (phones.lines if phones else ()))
    # where to ask nearby, on one line: the number first, as for the hotlines, then whose
    # it is; the centre's address and hours are on the screen card
    name = next((ln.text for ln in centre_lines if ln.field == "centre"), "")
    phone = next((ln for ln in centre_lines if ln.field == "centre_phone"), None)
    if phone is not None:
        row = _box_row(phone.text, phone.number, phone.field)
        rows += (Row(name, number=row.number) if name and row.number else row,)
    elif name:
        rows += (Row(name),)
    if rows:
        pieces.append(_with_code(Piece("box", rows, "", 0), qr, script))
    for index, section in enumerate(sections, start=1):
        if section.key in ("phones", "local"):
            continue
        if not section.listed:
            rows = tuple(Row(line.text) for line in section.lines)
            pieces.append(Piece("para", rows, section.title, index, side=True))
        elif section.key == "bring" and all(len(ln.text) <= SHORT_ITEM for ln in section.lines):
            # short things to bring run on in one paragraph, each with its own bullet
            text = "　".join(f"●\u00a0{line.text}" for line in section.lines)  # no break after ●
            pieces.append(Piece("para", (Row(text),), section.title, index, side=True))
        else:
            rows = tuple(
                Row(line.text, str(n) if section.numbered else "●")
                for n, line in enumerate(section.lines, start=1)
            )
            # the heading stays with the first row; every other row can go to the next page
            pieces.append(Piece("list", rows[:1], section.title, index, side=True))
            pieces += [Piece("list", (row,), "", index, side=True) for row in rows[1:]]
    return pieces


_OFFICE = ("office", "office_phone")
_OFFICE_MORE = ("office_address", "office_hours", "office_note")
_CENTRE = ("centre", "centre_phone")  # (the centre's address and hours: on the screen card)
LEAVE_OFF = ("notes",)  # what a card too long for one sheet leaves off, last first
SHORT_ITEM = 16  # characters: "社会保障卡，也就是社保卡。" is 13


def phone_box(rows: tuple[Row, ...], qr: ContactCode | None, script: Script) -> Piece:
    """A box of phone numbers with the contact QR code beside them."""
    return _with_code(Piece("box", rows, "", 0), qr, script)


def _with_code(box: Piece, qr: ContactCode | None, script: Script) -> Piece:
    if qr is None:
        return box
    image = QImage.fromData(qr.png)
    url = register_image(hashlib.sha1(qr.png).hexdigest()[:16], image)
    caption = convert(CAPTION, script) if script != "simplified" else CAPTION
    side = qr.modules * QR_MODULE_MM * MM
    return replace(box, image=url, image_pt=side, caption=caption)


def _box_row(text: str, number: str, field: str) -> Row:
    if number:
        return Row(text, number=number)
    if field.endswith("phone") and "：" in text:
        label, value = text.split("：", 1)
        return Row(f"{label}：", number=value.strip(), label_first=True)
    return Row(text)


# ---- the footer ----------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def article_title(article_id: str) -> str:
    """A seed article's title ("" if it is not there): cards cite seed articles by id."""
    from reader.core.ingest import ingest_file

    path = seeds_dir() / f"{article_id}.txt"
    if not path.is_file():
        return ""
    try:
        return ingest_file(path).title
    except Exception:  # a footer line is not worth failing a print for
        return ""


def footer_lines(card: Card | None, script: Script, printed_on: date,
                 label: str = "", checked: str = "") -> list[str]:  # fmt: skip
    """Disclaimer and page number; then print date, review date, 号码核实日期 (`checked`,
    already "号码核实日期：…" in the script) and the source articles."""
    lines = [strings.text("print.disclaimer", script) + (f"　{label}" if label else "")]
    dates = printed_on_line(printed_on, script)
    if card is not None:
        dates += "　" + reviewed_line(card, script)
    if checked:
        dates += "　" + checked
    if card is not None:
        titles = [t for t in dict.fromkeys(article_title(s.article) for s in card.sources) if t]
        if titles:
            named = "".join(f"《{convert(t, script)}》" for t in titles)
            dates += "　" + strings.text("print.sources", script, titles=named)
    lines.append(dates)
    return lines


def footer_html(lines: list[str], s: Sizes) -> str:
    # the first line (以当地最新规定为准 and the page number) is the one residents need
    styles = [s.css(s.footer + 2, True)] + [s.css(s.footer)] * (len(lines) - 1)
    return "".join(
        paragraph(line, style, top=s.footer * 0.15)
        for line, style in zip(lines, styles, strict=True)
    )


def page_label(index: int, count: int, script: Script) -> str:
    """"第 1 页，共 2 页" for a card on several pages, "" for a one-page card."""
    if count < 2:
        return ""
    return strings.text("print.page_of", script, n=index + 1, total=count)


LabelFor = Callable[[int, int], str]  # (page index in the card, pages of the card) -> label


def layout_card(card: Card, *, script: Script, paper: Paper, family: str,
                local_info: LocalInfo | None, printed_on: date,
                label_for: LabelFor | None = None) -> list[Page]:  # fmt: skip
    """The card's pages: one sheet (A4: one page; A5: front and back) at the largest
    size that fits. When the whole card does not fit it at MIN_BODY_PT, 注意 is left
    off if that makes it fit (the four sections a resident acts on come first);
    otherwise it runs onto more pages and staff are told before printing."""
    shown = card.converted(script)
    code = card_code(card, local_info, script)
    sections = card_sections(card, local_info, script)
    checked = next((line.text for section in sections for line in section.lines
                    if line.field == "checked"), "")  # fmt: skip
    small = sizes_for(paper, MIN_BODY_PT, family)
    label = label_for or (lambda index, count: page_label(index, count, script))

    def footer(index: int, pages: int) -> list[str]:
        # a card on several pages: the dates and sources only from the second page on
        lines = footer_lines(card, script, printed_on, label(index, pages), checked)
        return lines[:1] if index == 0 and pages > 1 else lines

    def footer_height(pages: int) -> float:
        return footer_space(footer(pages - 1, pages), small, paper)

    def laid_out(parts: list[CardSection]) -> list[tuple[str, int]]:
        pieces = card_pieces(parts, code, script)
        return paginate(shown.title, pieces, paper, family, script, footer_height,
                        paper.sheet_pages, footer_space(footer(0, 2), small, paper))

    bodies = laid_out(sections)
    left_out = ""
    if len(bodies) > paper.sheet_pages and any(s.key in LEAVE_OFF for s in sections):
        shorter = laid_out([section for section in sections if section.key not in LEAVE_OFF])
        if len(shorter) <= paper.sheet_pages:
            bodies = shorter
            left_out = "、".join(section_label(key, script) for key in LEAVE_OFF)
    count = len(bodies)
    footers = [footer(n, count) for n in range(count)]
    return [
        Page(html, footer_html(lines, small), body, left_out)
        for (html, body), lines in zip(bodies, footers, strict=True)
    ]


def layout_contents(heading: str, entries: list[tuple[str, str, int]], *, script: Script,
                    paper: Paper, family: str, printed_on: date,
                    label_for: LabelFor) -> list[Page]:  # fmt: skip
    """A booklet's cover: its heading, then (group, title, page number) per card, with
    the group (a category, or 目录) as a heading wherever it changes."""
    pieces = []
    group_index = -1
    for n, (group, title, page) in enumerate(entries):
        new_group = n == 0 or group != entries[n - 1][0]
        group_index += new_group
        row = Row(strings.text("print.booklet.entry", script, title=title, page=page), "●")
        pieces.append(Piece("list", (row,), group if new_group else "", group_index))
    small = sizes_for(paper, MIN_BODY_PT, family)

    def footer_height(pages: int) -> float:
        return footer_space(footer_lines(None, script, printed_on, label_for(0, pages)), small,
                             paper)  # fmt: skip

    bodies = paginate(heading, pieces, paper, family, script, footer_height)
    count = len(bodies)
    footers = [footer_lines(None, script, printed_on, label_for(n, count)) for n in range(count)]
    return [
        Page(html, footer_html(lines, small), body)
        for (html, body), lines in zip(bodies, footers, strict=True)
    ]


def footer_space(lines: list[str], s: Sizes, paper: Paper) -> float:
    gap = s.footer * 0.8 * PX  # room for the rule above the footer
    return height_of(footer_html(lines, s), paper.content_width_px) + gap

