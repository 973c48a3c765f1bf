"""Word list numbers and tables, as text a resident can read and hear.

Lists: Word keeps a list item's number out of its text, in numbering.xml (a format
per list and level: "%1." decimal, "（%1）" Chinese counting, a bullet). Without it
"一、申请条件" arrives as "申请条件" and the steps of a procedure lose their order, so
each item gets its number or bullet back, counted the way Word counts.

Tables: each row after the first becomes one line "列名：内容；列名：内容", the first
row giving the column names. Read aloud, that says what each number is (a row of bare
cells, "80岁以上　300元", does not), and it needs no new kind of block in the reader.
A one-column or one-row table is read as its cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CHINESE_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


@dataclass(frozen=True)
class Level:
    format: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """numbering.xml: which list each numId is, and the counters as items come."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId → level → fmt
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: etree._Element | None) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        abstract: dict[str, dict[int, Level]] = {}
        for node in root.iterchildren(w("abstractNum")):
            abstract[node.get(w("abstractNumId")) or ""] = {
                _int(lvl.get(w("ilvl")), 0): Level(
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    _int(_val(lvl, "start"), 1),
                )
                for lvl in node.iterchildren(w("lvl"))
            }
        for node in root.iterchildren(w("num")):
            abstract_id = _val(node, "abstractNumId") or ""
            numbering.levels[node.get(w("numId")) or ""] = abstract.get(abstract_id, {})
        return numbering

    def label(self, paragraph: etree._Element) -> str:
        """The number or bullet of a list paragraph ("" if it is not in a list)."""
        num_pr = paragraph.find(f"{w('pPr')}/{w('numPr')}")
        if num_pr is None:
            return ""
        num_id = _val(num_pr, "numId") or ""
        level = min(_int(_val(num_pr, "ilvl"), 0), 8)
        formats = self.levels.get(num_id)
        if num_id == "0" or not formats or level not in formats:
            return ""
        counts = self.counters.setdefault(
            num_id, [formats.get(i, Level()).start - 1 for i in range(9)]
        )
        counts[level] += 1
        for deeper in range(level + 1, 9):  # a new item restarts the levels below it
            counts[deeper] = formats.get(deeper, Level()).start - 1
        own = formats[level]
        if own.format == "bullet":
            return "• "
        if own.format == "none":
            return ""
        text = own.text
        for index in range(level + 1):
            shown = formats.get(index, Level())
            text = text.replace(f"%{index + 1}", _formatted(counts[index], shown.format))
        return text + " " if text[-1:].isascii() and not text[-1:].isspace() else text


def _formatted(number: int, style: str) -> str:
    formatters: dict[str, Callable[[int], str]] = {
        "chineseCounting": _chinese,
        "chineseCountingThousand": _chinese,
        "chineseLegalSimplified": _chinese,
        "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
        "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
        "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
        "lowerRoman": lambda n: _roman(n).lower(),
        "upperRoman": _roman,
        "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
        "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
        "decimalZero": lambda n: f"{n:02d}",
    }
    return formatters.get(style, str)(number)


def _chinese(number: int) -> str:
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    text = ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" if tens else ""
    return text + (_CHINESE_DIGITS[ones] if ones else "")


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    parts = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def _val(element: etree._Element, child: str) -> str | None:
    found = element.find(w(child))
    return None if found is None else found.get(w("val"))


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table's rows as readable lines (see the module's docstring)."""
    rows = [row for row in rows if any(row)]
    width = max((len(row) for row in rows), default=0)
    if width < 2:
        return [cell for row in rows for cell in row if cell]
    if len(rows) < 2:  # a row of labels alone
        return ["；".join(cell for cell in rows[0] if cell)]
    labels = rows[0]
    lines = []
    for row in rows[1:]:
        pairs = []
        for index, cell in enumerate(row):
            if not cell:
                continue
            label = labels[index] if index < len(labels) else ""
            pairs.append(f"{label}：{cell}" if label and label != cell else cell)
        if pairs:
            lines.append("；".join(pairs) + "。")
    return lines
