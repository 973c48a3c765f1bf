"""Chinese sentence splitting for read-aloud and its highlight.

A sentence ends after 。！？；… (and their ASCII forms !?;) and takes any closing
quotes or brackets that follow with it, so `“……一件不落。”今年` splits after the ”.
A line break also ends a sentence. The decimal point in 2.8 and the colon in 10:30
are never sentence ends. Offsets point into the given text, so the same spans can be
highlighted in 简体 or 繁體 (conversion keeps length).
"""

from __future__ import annotations

from dataclasses import dataclass

_ENDS = frozenset("。！？；…!?;")
# Closing quotes and brackets that belong to the sentence they close. Straight quotes
# are ambiguous; right after a sentence end they are almost always closing.
_CLOSERS = frozenset("”’」』）)】》〉〕］]\"'")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # == the given text[start:end]


def _is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _ascii_full_stop_ends(text: str, i: int) -> bool:
    """An ASCII or full-width '.' ends a sentence only after a Chinese character and
    before a space, the end, or another Chinese character: `雨了.明天` but not `2.8`."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not _is_ideograph(before):
        return False
    return after == "" or after.isspace() or _is_ideograph(after) or after in "“‘「『（("


def _is_end(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _ENDS:
        return True
    if ch in ".．":
        return _ascii_full_stop_ends(text, i)
    return False


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences that cover it in order. Only whitespace between
    sentences is left out; every other character is inside exactly one sentence."""
    sentences: list[Sentence] = []
    n = len(text)
    i = 0
    start = -1  # start of the sentence being read, -1 while skipping whitespace

    def close(end: int) -> None:
        nonlocal start
        # Trailing whitespace inside a sentence (before a line break) is not part of it.
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            sentences.append(Sentence(start, end, text[start:end]))
        start = -1

    while i < n:
        ch = text[i]
        if start < 0:
            if ch.isspace():
                i += 1
                continue
            start = i
        if ch in "\n\r\u2028\u2029":
            close(i)
            i += 1
            continue
        if _is_end(text, i):
            # Take the whole run of ends and closers: ……, ！？, 。”, ？」。
            i += 1
            while i < n and (text[i] in _CLOSERS or text[i] in _ENDS or text[i] in "．"):
                i += 1
            close(i)
            continue
        i += 1
    if start >= 0:
        close(n)
    return sentences
