"""The topic icons (assets/icons/<name>.svg) drawn in the colour of the current theme.

The shipped icons are drawn in one dark ink (#1a1a1a); on the black 高对比 background
that ink would vanish, so the ink is swapped for the theme's text colour before the
picture is drawn. A missing or broken icon gives an empty picture: the card loader
already tells staff about it, and a card without its picture is still a card.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from reader.resources import asset_path

ICON_INK = re.compile(r"#1a1a1a\b", re.IGNORECASE)

# Category (simplified, as in reader.core.cards.CATEGORIES) -> icon name. Kept here so
# the home page can show its topic row without loading the cards (and OpenCC) before
# the first picture; a test checks it against reader.core.cards.
CATEGORY_ICONS: dict[str, str] = {
    "看病就医": "medical",
    "生活救助": "relief",
    "养老服务": "elderly",
    "找工作": "jobs",
    "上学和托育": "school",
    "其他": "other",
}


@lru_cache(maxsize=64)
def _svg(name: str, ink: str) -> bytes:
    try:
        text = asset_path("icons", f"{name}.svg").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return b""
    return ICON_INK.sub(ink, text).encode("utf-8")


def icon_pixmap(name: str, ink: str, size_px: int, ratio: float = 1.0) -> QPixmap:
    """The icon `name` drawn `size_px` square (logical pixels) with `ink` as its colour."""
    pixmap = QPixmap(max(1, round(size_px * ratio)), max(1, round(size_px * ratio)))
    pixmap.fill(Qt.GlobalColor.transparent)
    data = _svg(name, ink)
    if data:
        from PySide6.QtSvg import QSvgRenderer  # ~30 ms to import: not before the first picture

        renderer = QSvgRenderer(QByteArray(data))
        if renderer.isValid():
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@lru_cache(maxsize=128)
def icon(name: str, ink: str, size_px: int) -> QIcon:
    """Cached: a 简/繁 switch relabels every card button but keeps their pictures."""
    return QIcon(icon_pixmap(name, ink, size_px))


def blank_icon(size_px: int) -> QIcon:
    """A clear picture of the icon's size: holds the icon's place until it is drawn, so
    nothing moves when it appears."""
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
