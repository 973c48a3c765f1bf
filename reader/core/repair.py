"""Join paragraphs that a copy-paste split in the middle of a sentence.

A line is joined to the next when it is prose (it has sentence punctuation inside)
that stops without ending its sentence, and the next line is prose too. A short line
with no punctuation at all is a heading, title or label and stands alone, whatever
follows it; so does a line that ends its sentence (。！？…, optionally followed by a
closing quote or bracket).
"""

from __future__ import annotations

import re

from reader.core.clean import PROSE_MARKS, Line

SENTENCE_ENDS = set("。！？!?…")
CLOSERS = set("”’」』）)】》\"'")
_OPENERS = "“‘「『（(【《"
_CLOSERS_FOR = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "【": "】",
    "《": "》",
}


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip("".join(CLOSERS))
    if not stripped:
        return True
    if stripped[-1] in SENTENCE_ENDS:
        return True
    # A paragraph that closes a quotation it opened ends there (“…”), even without 。
    return len(stripped) < len(text) and not has_open_quote(text)


def has_open_quote(text: str) -> bool:
    return any(text.count(o) > text.count(_CLOSERS_FOR[o]) for o in _OPENERS)


def is_prose(text: str) -> bool:
    return any(ch in PROSE_MARKS for ch in text)


# "一、助餐服务", "（二）就医", "3. 办理": a numbered heading; its 、 is not prose
NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．])"
    r"\s*[^，。！？；：,;!?]{1,24}$"
)


# A list item: its own line, whatever the line before it says ("要做的事：" then "1. …")
LIST_ITEM = re.compile(
    r"^(?:\d{1,2}[.、．)）]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|[•●▪■◆])"
)


def should_join(line: str, following: str) -> bool:
    if NUMBERED_HEADING.match(line) or LIST_ITEM.match(following):
        return False
    return is_prose(line) and is_prose(following) and not ends_sentence(line)


def join_broken_paragraphs(lines: list[Line], protected: set[int] | None = None) -> list[Line]:
    """Merge split paragraphs. Lines whose numbers are in `protected` (captions,
    bylines, titles found by the structure step) are never joined to anything."""
    protected = protected or set()
    merged: list[Line] = []
    for line in lines:
        if (
            merged
            and merged[-1].no not in protected
            and line.no not in protected
            and should_join(merged[-1].text, line.text)
        ):
            merged[-1] = Line(merged[-1].no, merged[-1].text + line.text)
        else:
            merged.append(line)
    return merged
