"""A topic card (or a booklet's contents) as printed pages: the pieces of each section,
the footer, and the page numbers. The generic layout (sizes, pagination, painting) is in
reader.ui.printing.layout.

Footer on every page: 以当地最新规定为准 with the page number (residents need both),
then the print date and the card's review date, then the source articles' titles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache

from reader.core.article import Script
from reader.core.card_text import CardSection, card_sections, reviewed_line
from reader.core.cards import Card
from reader.core.local_info import LocalInfo
from reader.core.script import convert
from reader.resources import seeds_dir
from reader.ui.printing.layout import (
    MIN_BODY_PT,
    PX,
    Page,
    Paper,
    Piece,
    Row,
    Sizes,
    height_of,
    paginate,
    paragraph,
    sizes_for,
)

DISCLAIMER = "以当地最新规定为准"


def card_pieces(sections: Sequence[CardSection]) -> list[Piece]:
    pieces: list[Piece] = []
    for index, section in enumerate(sections):
        if section.key in ("phones", "local"):
            rows = tuple(_box_row(line.text, line.number, line.field) for line in section.lines)
            pieces.append(Piece("box", rows, section.title, index))
        elif not section.listed:
            rows = tuple(Row(line.text) for line in section.lines)
            pieces.append(Piece("para", rows, section.title, index))
        else:
            rows = tuple(
                Row(line.text, str(n) if section.numbered else "●")
                for n, line in enumerate(section.lines, start=1)
            )
            # the heading stays with the first row; every other row can go to the next page
            pieces.append(Piece("list", rows[:1], section.title, index))
            pieces += [Piece("list", (row,), "", index) for row in rows[1:]]
    return pieces


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
                 label: str = "") -> list[str]:  # fmt: skip
    """Disclaimer and page number; print date and review date; the source articles."""
    def c(text: str) -> str:
        return convert(text, script) if script != "simplified" else text

    day = f"{printed_on.year}年{printed_on.month}月{printed_on.day}日"
    lines = [c(DISCLAIMER) + (f"　{label}" if label else "")]
    dates = f"{c('打印日期')}：{day}"
    if card is not None:
        dates += "　" + reviewed_line(card, script)
    lines.append(dates)
    if card is not None:
        titles = [t for t in dict.fromkeys(article_title(s.article) for s in card.sources) if t]
        if titles:
            lines.append(c("信息来源：") + "".join(f"《{convert(t, script)}》" for t in titles))
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
    text = f"第 {index + 1} 页，共 {count} 页"
    return convert(text, script) if script != "simplified" else text


LabelFor = Callable[[int, int], str]  # (page index in the card, pages of the card) -> label


def layout_card(card: Card, *, script: Script, paper: Paper, family: str,
                local_info: LocalInfo | None, printed_on: date,
                label_for: LabelFor | None = None) -> list[Page]:  # fmt: skip
    shown = card.converted(script)
    pieces = card_pieces(card_sections(card, local_info, script))
    small = sizes_for(paper, MIN_BODY_PT, family)
    label = label_for or (lambda index, count: page_label(index, count, script))

    def footer_height(pages: int) -> float:
        return _footer_space(footer_lines(card, script, printed_on, label(0, pages)), small, paper)

    bodies = paginate(shown.title, pieces, paper, family, script, footer_height)
    count = len(bodies)
    footers = [footer_lines(card, script, printed_on, label(n, count)) for n in range(count)]
    return [
        Page(html, footer_html(lines, small), body)
        for (html, body), lines in zip(bodies, footers, strict=True)
    ]


def layout_contents(heading: str, entries: list[tuple[str, str, int]], *, script: Script,
                    paper: Paper, family: str, printed_on: date,
                    label_for: LabelFor) -> list[Page]:  # fmt: skip
    """A booklet's cover: its heading, then (group, title, page number) per card, with
    the group (a category, or 目录) as a heading wherever it changes."""
    def c(text: str) -> str:
        return convert(text, script) if script != "simplified" else text

    pieces = []
    group_index = -1
    for n, (group, title, page) in enumerate(entries):
        new_group = n == 0 or group != entries[n - 1][0]
        group_index += new_group
        row = Row(f"{title}　{c('第')} {page} {c('页')}", "●")
        pieces.append(Piece("list", (row,), group if new_group else "", group_index))
    small = sizes_for(paper, MIN_BODY_PT, family)

    def footer_height(pages: int) -> float:
        return _footer_space(footer_lines(None, script, printed_on, label_for(0, pages)), small,
                             paper)  # fmt: skip

    bodies = paginate(heading, pieces, paper, family, script, footer_height)
    count = len(bodies)
    footers = [footer_lines(None, script, printed_on, label_for(n, count)) for n in range(count)]
    return [
        Page(html, footer_html(lines, small), body)
        for (html, body), lines in zip(bodies, footers, strict=True)
    ]


def _footer_space(lines: list[str], s: Sizes, paper: Paper) -> float:
    gap = s.footer * 0.8 * PX  # room for the rule above the footer
    return height_of(footer_html(lines, s), paper.content_width_px) + gap

