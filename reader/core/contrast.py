"""Colour contrast as WCAG 2 defines it (relative luminance, ratio 1:1 … 21:1).

Qt-free so theme data and tests can check every colour pair without a display.
"""

from __future__ import annotations

RGB = tuple[int, int, int]


def parse_colour(colour: str | RGB) -> RGB:
    """"#rrggbb", "#rgb" or an (r, g, b) tuple of 0–255 ints."""
    if isinstance(colour, tuple):
        r, g, b = colour
        return int(r), int(g), int(b)
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str | RGB) -> float:
    r, g, b = parse_colour(colour)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(a: str | RGB, b: str | RGB) -> float:
    """WCAG contrast ratio; symmetric, 1.0 for equal colours, 21.0 for black on white."""
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)
