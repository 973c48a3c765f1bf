"""Theme data: every listed colour pair reaches 7:1, focus is thick (no Qt needed)."""

from __future__ import annotations

import pytest

from reader.core.contrast import contrast_ratio
from reader.core.strings import STRINGS
from reader.core.theme import (
    BORDER_PX,
    DEFAULT_THEME,
    FOCUS_PX,
    MIN_CONTRAST,
    THEMES,
    Theme,
    colour_pairs,
    next_theme,
    stylesheet,
)


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_every_pair_reaches_7_to_1(theme: Theme) -> None:
    assert MIN_CONTRAST >= 7.0
    for what, foreground, background in colour_pairs(theme):
        ratio = contrast_ratio(foreground, background)
        assert ratio >= MIN_CONTRAST, (theme.id, what, foreground, background, ratio)


def test_pairs_cover_every_colour_of_the_theme() -> None:
    for theme in THEMES.values():
        used = {c.upper() for _, fg, bg in colour_pairs(theme) for c in (fg, bg)}
        assert {c.upper() for c in theme.colours().values()} <= used


def test_standard_is_dark_on_light_and_high_contrast_light_on_black() -> None:
    standard, high = THEMES["standard"], THEMES["high_contrast"]
    assert contrast_ratio(standard.background, "#FFFFFF") < contrast_ratio(standard.text,
                                                                           "#FFFFFF")
    assert high.background == "#000000"
    assert contrast_ratio(high.text, "#000000") >= 15
    assert DEFAULT_THEME == "standard"
    assert all(theme.name_key in STRINGS for theme in THEMES.values())


def test_focus_is_thicker_than_the_border_and_at_least_3px() -> None:
    assert FOCUS_PX >= 3 and FOCUS_PX > BORDER_PX
    sheet = stylesheet(THEMES["standard"])
    assert f"QPushButton:focus {{ border: {FOCUS_PX}px solid" in sheet
    assert "min-height" in sheet  # targets keep their size whatever their text


def test_stylesheet_uses_the_theme_colours() -> None:
    for theme in THEMES.values():
        sheet = stylesheet(theme)
        for colour in (theme.background, theme.text, theme.button, theme.focus, theme.tile):
            assert colour in sheet


def test_next_theme_cycles_through_all() -> None:
    seen = [DEFAULT_THEME]
    for _ in THEMES:
        seen.append(next_theme(seen[-1]))
    assert seen[-1] == DEFAULT_THEME and set(seen) == set(THEMES)
    assert next_theme("gone") == DEFAULT_THEME
