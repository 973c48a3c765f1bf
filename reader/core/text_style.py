"""How a block of reading text is drawn: plain values, Qt-free (see text_block.py).

NamedTuples rather than dataclasses: the window builds its first picture sooner (each
frozen dataclass costs ~2 ms of code generation at import).
"""

from __future__ import annotations

from typing import NamedTuple


class BlockStyle(NamedTuple):
    family: str
    pt: int
    line_px: int  # fixed line height in pixels
    gap_px: int = 0  # space above the block
    bold: bool = False
    bar_px: int = 0  # a bar down the left edge (headings, captions): shape, not colour
    indent_px: int = 0  # text starts this far right of the bar's left edge
    centre: bool = False


class TextSpan(NamedTuple):
    """A run of characters [start, end) drawn differently: "highlight" (being read aloud)
    or "link" (opens `target`, e.g. "card:dibao"). Offsets survive a 简/繁 switch because
    conversion keeps the length (reader.core.script)."""

    start: int
    end: int
    kind: str  # "highlight" | "link"
    target: str = ""


class SpanColours(NamedTuple):
    highlight: str
    highlight_text: str
    link: str
