"""Keep a window inside the part of the screen a resident can see.

Rectangles are (x, y, width, height) in screen pixels; the available area is the screen
less the taskbar. Qt-free so the rule is tested without a display.
"""

from __future__ import annotations

from typing import NamedTuple


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def contains(self, other: Rect) -> bool:
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)


def fit_inside(window: Rect, available: Rect) -> Rect:
    """`window` made no larger than `available` and moved so all of it is inside."""
    width = min(window.width, available.width)
    height = min(window.height, available.height)
    x = min(max(window.x, available.x), available.right - width)
    y = min(max(window.y, available.y), available.bottom - height)
    return Rect(x, y, width, height)


def fits(window: Rect, available: Rect) -> bool:
    return available.contains(window)
