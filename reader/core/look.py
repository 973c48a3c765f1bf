"""Everything that decides how the window looks right now, in one value.

Pages get a new Look whenever the reader changes the size, the script or the colours,
and redraw from it; they never read the settings themselves. Qt-free.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.core import strings
from reader.core.article import Script
from reader.core.text_style import BlockStyle, SpanColours
from reader.core.theme import Theme
from reader.core.typography import (
    HEADING_LINE_HEIGHT,
    LINE_HEIGHT,
    PARAGRAPH_GAP_LINES,
    READING_COLUMN_EM,
    UI_LABEL_PT,
    TextSizes,
    pt_to_px,
    sizes_for,
)


class Look(NamedTuple):
    script: Script
    body_pt: int
    theme: Theme
    family: str  # font family for `script` (reader.ui.shell.fonts)
    dpi: float = 96.0  # logical dots per inch of the screen: points -> pixels
    ui_pt: int = UI_LABEL_PT

    def t(self, key: str, **fields: object) -> str:
        """UI string `key` in the current script."""
        return strings.text(key, self.script, **fields)

    def convert(self, simplified: str) -> str:
        return strings.convert_text(simplified, self.script)

    @property
    def sizes(self) -> TextSizes:
        return sizes_for(self.body_pt)

    def px(self, pt: float) -> float:
        return pt_to_px(pt, self.dpi)

    @property
    def body_line_px(self) -> int:
        return round(self.px(self.body_pt) * LINE_HEIGHT)

    @property
    def paragraph_gap_px(self) -> int:
        return round(self.body_line_px * PARAGRAPH_GAP_LINES)

    @property
    def column_px(self) -> int:
        """The widest a line of reading text may be."""
        return round(self.px(self.body_pt) * READING_COLUMN_EM)

    @property
    def span_colours(self) -> SpanColours:
        t = self.theme
        return SpanColours(t.highlight, t.highlight_text, t.link)

    def style(self, pt: int, *, gap_px: int | None = None, bold: bool = False,
              heading: bool = False, bar_px: int = 0, indent_px: int = 0,
              centre: bool = False) -> BlockStyle:
        factor = HEADING_LINE_HEIGHT if heading else LINE_HEIGHT
        return BlockStyle(
            family=self.family, pt=pt, line_px=round(self.px(pt) * factor),
            gap_px=self.paragraph_gap_px if gap_px is None else gap_px, bold=bold,
            bar_px=bar_px, indent_px=indent_px, centre=centre,
        )
