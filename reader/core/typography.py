"""Text sizes for elderly readers: the body-size steps and every size derived from them.

The numbers come from the issue (body 18–48 pt, default 26, ≥ 7 steps, title ≥ 1.4×
body, line height ≥ 1.6× font size, paragraph gap ≥ one line, UI labels ≥ 20 pt) and sit
above MIIT's 适老化 minimums. Qt-free so the rules are tested without a display.
"""

from __future__ import annotations

from typing import NamedTuple

# Steps grow by roughly 10 % each, so one press is a visible but not startling change.
SIZE_STEPS: tuple[int, ...] = (18, 20, 22, 24, 26, 30, 34, 38, 43, 48)
DEFAULT_BODY_PT = 26
MIN_BODY_PT = SIZE_STEPS[0]
MAX_BODY_PT = SIZE_STEPS[-1]

LINE_HEIGHT = 1.7  # × font size, for body text, deck, byline and captions
HEADING_LINE_HEIGHT = 1.6  # titles and headings: big already, a little tighter
PARAGRAPH_GAP_LINES = 1.0  # blank space between paragraphs, in body line heights
UI_LABEL_PT = 22  # toolbar and buttons: ≥ 20 pt and the same at every body size
MIN_TEXT_PT = 18  # nothing the resident reads is smaller than this
MIN_TARGET_PX = 64  # every clickable thing is at least this wide and tall
READING_COLUMN_EM = 40  # widest line, in body characters: longer lines lose the eye


def nearest_step(pt: float) -> int:
    """The size step closest to `pt` (used to clean up a hand-edited settings value)."""
    return min(SIZE_STEPS, key=lambda step: (abs(step - pt), step))


def step_up(pt: int) -> int:
    """One step bigger, or the same size at the top."""
    bigger = [s for s in SIZE_STEPS if s > pt]
    return bigger[0] if bigger else MAX_BODY_PT


def step_number(pt: int) -> int:
    """Which step `pt` is, 1 (smallest) to len(SIZE_STEPS): residents are told the size as
    a word and a step ("大，第 5 级，共 10 级"), never as a point size (号 sizes run the
    other way: 初号 is the largest)."""
    return SIZE_STEPS.index(nearest_step(pt)) + 1


def step_down(pt: int) -> int:
    smaller = [s for s in SIZE_STEPS if s < pt]
    return smaller[-1] if smaller else MIN_BODY_PT


class TextSizes(NamedTuple):
    """Point sizes of every kind of text for one body size."""

    body: int
    title: int
    deck: int
    heading: int
    byline: int
    caption: int
    page_heading: int  # "请选一篇文章" on home
    tile_title: int
    tile_detail: int

    def line_px(self, pt: float, dpi: float = 96.0, factor: float = LINE_HEIGHT) -> int:
        """Line height in pixels for text of `pt` points at `dpi`."""
        return round(pt_to_px(pt, dpi) * factor)


def pt_to_px(pt: float, dpi: float = 96.0) -> float:
    return pt * dpi / 72.0


def sizes_for(body_pt: int) -> TextSizes:
    def at_least_min(value: float) -> int:
        return max(MIN_TEXT_PT, round(value))

    return TextSizes(
        body=body_pt,
        title=round(body_pt * 1.5),
        deck=round(body_pt * 1.15),
        heading=round(body_pt * 1.25),
        byline=at_least_min(body_pt * 0.85),
        caption=at_least_min(body_pt * 0.9),
        page_heading=max(30, round(body_pt * 1.4)),
        tile_title=round(body_pt * 1.2),
        tile_detail=at_least_min(body_pt * 0.85),
    )
