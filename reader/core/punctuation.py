"""Display punctuation: ASCII marks used inside Chinese text become full-width.

`救助标准,完善` → `救助标准，完善`, `改(扩)建` → `改（扩）建`, `说明:` → `说明：`.
Marks between digits or Latin letters stay as they are: `2.8万`, `10:30`, `1+X`,
`10+N`, `85%`, `2,800`. One character in, one character out, so offsets are kept.
"""

from __future__ import annotations

import re

_ASCII_MARK = re.compile(r"[,:;!?()]")
_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’…—]")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None


def normalize_punctuation(text: str) -> str:
    if not _ASCII_MARK.search(text):
        return text
    chars = list(text)
    n = len(chars)
    for mark in _ASCII_MARK.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch in "()":
            continue  # as pairs, below
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < n else ""
        if before.isdigit() and after.isdigit():
            continue  # 10:30, 2,800
        if _is_cjk(before) or _is_cjk(after):
            chars[i] = _FULL[ch]
    # Parentheses as pairs, so "(GDP)" stays ASCII but "改(扩)建" and "(新华社)" change.
    for match in re.finditer(r"\(([^()]*)\)", text):
        start, end = match.start(), match.end() - 1
        inner = match.group(1)
        outside = (text[start - 1] if start else "", text[end + 1] if end + 1 < n else "")
        if any(_is_cjk(c) for c in inner) or any(_is_cjk(c) for c in outside):
            chars[start], chars[end] = "（", "）"
    return "".join(chars)
