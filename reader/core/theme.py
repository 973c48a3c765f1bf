"""Colour themes as data, and the Qt style sheet built from them.

Two themes: 标准 (dark text on a warm light background) and 高对比 (light text on
black). Every colour pair that shows text or outlines a control is listed by
`colour_pairs` and must reach 7:1 (WCAG AAA); tests check the data and the pixels.
Focus is a thick outline (FOCUS_PX, ≥ 3 px) that also changes the border width, so it
is visible without telling colours apart. Qt-free: only strings are built here.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.core.typography import MIN_TARGET_PX

FOCUS_PX = 5  # focus outline width; unfocused controls have BORDER_PX
BORDER_PX = 2
MIN_CONTRAST = 7.0


class Theme(NamedTuple):
    id: str  # stored in settings
    name_key: str  # key in reader.core.strings for its display name
    background: str  # page background
    text: str  # body text on the background
    rule: str  # heading bars, caption bars, tile and control borders
    button: str  # button face
    button_text: str
    pressed: str  # button face while pressed / hovered-and-held, and checked state
    pressed_text: str
    hover: str  # button face under the mouse
    focus: str  # keyboard focus outline
    tile: str  # article tile face
    tile_text: str
    notice: str  # message line under the toolbar
    notice_text: str
    highlight: str  # sentence being read aloud (issue 4)
    highlight_text: str
    link: str  # inline links to topic cards (issue 5), on the background
    scroll_track: str
    scroll_handle: str

    def colours(self) -> dict[str, str]:
        return {name: value for name, value in self._asdict().items()
                if name not in ("id", "name_key")}


STANDARD = Theme(
    id="standard",
    name_key="theme.standard",
    background="#FBF5E6",  # warm paper, less glare than white
    text="#1A1A1A",
    rule="#4A3B22",
    button="#F1E4C6",
    button_text="#1A1A1A",
    pressed="#1A1A1A",
    pressed_text="#FBF5E6",
    hover="#E6D3A8",
    focus="#0A3A8C",
    tile="#FFFCF3",
    tile_text="#1A1A1A",
    notice="#1A1A1A",
    notice_text="#FFF3C4",
    highlight="#FFD84D",
    highlight_text="#000000",
    link="#0A3A8C",
    scroll_track="#EFE6D2",
    scroll_handle="#4A3B22",
)

HIGH_CONTRAST = Theme(
    id="high_contrast",
    name_key="theme.high_contrast",
    background="#000000",
    text="#FFFFFF",
    rule="#FFFFFF",
    button="#1A1A1A",
    button_text="#FFFFFF",
    pressed="#FFFF00",
    pressed_text="#000000",
    hover="#333333",
    focus="#FFFF00",
    tile="#000000",
    tile_text="#FFFFFF",
    notice="#FFFF00",
    notice_text="#000000",
    highlight="#FFFF00",
    highlight_text="#000000",
    link="#7FDBFF",
    scroll_track="#1A1A1A",
    scroll_handle="#FFFFFF",
)

THEMES: dict[str, Theme] = {t.id: t for t in (STANDARD, HIGH_CONTRAST)}
DEFAULT_THEME = STANDARD.id


def next_theme(theme_id: str) -> str:
    ids = list(THEMES)
    return ids[(ids.index(theme_id) + 1) % len(ids)] if theme_id in ids else DEFAULT_THEME


def colour_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """(what, foreground, background) for everything a reader must tell apart."""
    t = theme
    return [
        ("正文", t.text, t.background),
        ("标题条和边框", t.rule, t.background),
        ("按钮文字", t.button_text, t.button),
        ("按钮悬停", t.button_text, t.hover),
        ("按钮按下", t.pressed_text, t.pressed),
        ("按钮边框", t.rule, t.button),
        ("焦点框（页面上）", t.focus, t.background),
        ("焦点框（按钮旁）", t.focus, t.button),
        ("焦点框（文章块上）", t.focus, t.tile),
        ("文章块文字", t.tile_text, t.tile),
        ("文章块边框", t.rule, t.tile),
        ("提示条", t.notice_text, t.notice),
        ("朗读高亮", t.highlight_text, t.highlight),
        ("链接", t.link, t.background),
        ("滚动条", t.scroll_handle, t.scroll_track),
    ]


def stylesheet(theme: Theme) -> str:
    """The program's style sheet: colours, borders, padding and target sizes.

    Qt ignores a pseudo-state on an ancestor ("ArticleTile:hover QLabel" would match
    every label in every tile), so a tile's texts keep one colour and hovering or
    pressing a tile thickens its border instead of changing its face. Fonts are
    not here: the UI font (family per script, UI_LABEL_PT) is the application font and
    reading text sets its own, because re-applying a style sheet re-polishes every widget
    (~50 ms), too slow for a 简/繁 switch or a size step."""
    t = theme
    pad = FOCUS_PX - BORDER_PX  # unfocused controls get the difference as extra padding
    target = MIN_TARGET_PX
    return f"""
QWidget {{ background-color: {t.background}; color: {t.text}; }}
QToolTip {{ background-color: {t.notice}; color: {t.notice_text};
  border: {BORDER_PX}px solid {t.rule}; }}
QPushButton {{ background-color: {t.button}; color: {t.button_text};
  border: {BORDER_PX}px solid {t.rule}; border-radius: 8px;
  padding: {8 + pad}px {14 + pad}px; min-width: {target - 2 * (14 + pad + BORDER_PX)}px;
  min-height: {target - 2 * (8 + pad + BORDER_PX)}px; }}
QPushButton:hover {{ background-color: {t.hover}; }}
QPushButton:pressed, QPushButton:checked {{ background-color: {t.pressed};
  color: {t.pressed_text}; }}
QPushButton:focus {{ border: {FOCUS_PX}px solid {t.focus}; padding: 8px 14px; }}
ArticleTile {{ background-color: {t.tile}; color: {t.tile_text};
  border: {BORDER_PX}px solid {t.rule}; border-radius: 12px; padding: {pad}px; }}
ArticleTile:hover, ArticleTile:pressed {{ background-color: {t.tile};
  border: {BORDER_PX + 2}px solid {t.rule}; padding: {pad - 2}px; }}
ArticleTile:focus {{ border: {FOCUS_PX}px solid {t.focus}; padding: 0px; }}
ArticleTile QLabel {{ background-color: transparent; color: {t.tile_text}; }}
QScrollArea {{ border: {FOCUS_PX}px solid {t.background}; }}
QScrollArea:focus {{ border: {FOCUS_PX}px dashed {t.focus}; }}
QScrollBar:vertical {{ background: {t.scroll_track}; width: {target}px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {t.scroll_handle}; min-height: {target}px;
  border-radius: 8px; margin: 4px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
NoticeBar, NoticeBar QLabel {{ background-color: {t.notice}; color: {t.notice_text}; }}
NoticeBar QPushButton {{ background-color: {t.button}; color: {t.button_text}; }}
"""
