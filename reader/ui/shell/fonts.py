"""Which font family shows each script.

Qt draws Chinese with Noto Sans CJK **JP** glyph shapes when no family is named, even in a
Chinese locale (measured), so every text widget names a family: an SC face for 简体 and
a TC face for 繁體, with the usual fonts of Linux, Windows and macOS as fallbacks. A
family only counts when it really has the characters we show (checked with QRawFont).
With no Chinese font at all the program does not draw boxes: app.py shows
`missing_font_display()` instead, in English when Chinese cannot be drawn at all.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from reader.core import strings
from reader.core.article import Script

# In order of preference. SC/TC faces first; WenQuanYi and the like draw both scripts
# with one set of shapes, which beats a Japanese face or boxes.
CANDIDATES: dict[Script, tuple[str, ...]] = {
    "simplified": (
        "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
        "Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "Hiragino Sans GB",
        "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "SimHei",
    ),
    "traditional": (
        "Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "Source Han Sans TW",
        "Microsoft JhengHei", "Microsoft JhengHei UI", "PingFang TC", "Noto Sans CJK HK",
        "Source Han Sans HC", "PingFang HK", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
        "Droid Sans Fallback", "MingLiU",
    ),
}

# Characters a usable face must have: everyday ones plus ones whose SC/TC forms differ.
_SAMPLE: dict[Script, str] = {
    "simplified": "大字读报首页一点简体繁换颜色返回文章说这里为们会发医疗养老钱门诊",
    "traditional": "大字讀報首頁一點簡體繁換顏色返回文章說這裡為們會發醫療養老錢門診",
}

_WRITING_SYSTEM = {
    "simplified": QFontDatabase.WritingSystem.SimplifiedChinese,
    "traditional": QFontDatabase.WritingSystem.TraditionalChinese,
}


class FontChoice(NamedTuple):
    script: Script
    family: str | None  # None: no usable Chinese font
    preferred: bool  # one of CANDIDATES (named for this script), not a last-resort pick


def missing_characters(family: str, text: str) -> str:
    """Characters of `text` that `family` itself has no glyph for (Qt would substitute
    another font, often a Japanese one, or draw a box)."""
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return "".join(sorted(set(text)))
    return "".join(sorted({ch for ch in text if not ch.isspace()
                           and not raw.supportsCharacter(ord(ch))}))


def _usable(family: str, script: Script) -> bool:
    raw = QRawFont.fromFont(QFont(family))
    # QFont falls back to some other face for an unknown name: make sure we got this one
    if not raw.isValid() or raw.familyName().casefold() != family.casefold():
        return False
    return all(raw.supportsCharacter(ord(ch)) for ch in _SAMPLE[script])


@lru_cache(maxsize=4)
def choose(script: Script) -> FontChoice:
    """The family for `script` (needs a QGuiApplication)."""
    installed = set(QFontDatabase.families())
    for family in CANDIDATES[script]:
        if family in installed and _usable(family, script):
            return FontChoice(script, family, True)
    for family in QFontDatabase.families(_WRITING_SYSTEM[script]):
        if _usable(family, script):
            return FontChoice(script, family, False)
    return FontChoice(script, None, False)


def family_for(script: Script) -> str:
    """The family to name in style sheets and QFonts ("sans-serif" if none is usable;
    app.py refuses to open the reading window in that case)."""
    return choose(script).family or "sans-serif"


ENGLISH_MISSING = (
    "No Chinese font is installed, so all text would show as boxes.\n"
    "Staff: install a Chinese font (Debian/Ubuntu: sudo apt install fonts-noto-cjk;\n"
    "Windows and macOS include one: Microsoft YaHei / PingFang), then start the program "
    "again.")


def missing_font_display() -> tuple[str, str | None]:
    """The no-Chinese-font message and a family that can draw all of it. When no
    installed font has the Chinese characters (the usual case here), English only."""
    chinese = strings.text("font.missing")
    for family in QFontDatabase.families():
        # only real faces that claim Chinese (with no fonts at all Qt lists aliases
        # such as "Sans Serif", and loading those as raw fonts crashes)
        systems = set(QFontDatabase.writingSystems(family))
        if not systems & set(_WRITING_SYSTEM.values()):
            continue
        raw = QRawFont.fromFont(QFont(family))
        if raw.isValid() and raw.familyName().casefold() == family.casefold() and all(
                raw.supportsCharacter(ord(ch)) for ch in chinese if not ch.isspace()):
            return chinese + "\n\n" + ENGLISH_MISSING, family
    return ENGLISH_MISSING, None
