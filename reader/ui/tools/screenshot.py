"""`python -m reader screenshot OUT.png [options]`: the real window, rendered offscreen.

For the README and for checking a change by eye. The reader's own settings are neither
used nor changed: the picture starts from the defaults plus the options given.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.typography import MAX_BODY_PT, MIN_BODY_PT

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.ui.compose import Parts


def _parse_size(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×*]\s*(\d{3,5})\s*", text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def _theme_id(name: str) -> str | None:
    from reader.core.strings import STRINGS
    from reader.core.theme import THEMES

    for theme in THEMES.values():
        label = STRINGS[theme.name_key]
        if name in (theme.id, label, label.split("（")[0]):
            return theme.id
    return None


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    size = _parse_size(args.size)
    if size is None:
        print(f"错误：窗口大小写成 宽x高，例如 1024x600（收到的是 {args.size}）", file=sys.stderr)
        return 2
    theme = _theme_id(args.theme) if args.theme else None
    if args.theme and theme is None:
        print(f"错误：没有叫 {args.theme} 的颜色方案"
              "（可用：standard、high_contrast、标准、高对比）", file=sys.stderr)
        return 2
    if args.font_size is not None and not MIN_BODY_PT <= args.font_size <= MAX_BODY_PT:
        print(f"错误：字号要在 {MIN_BODY_PT} 到 {MAX_BODY_PT} 之间", file=sys.stderr)
        return 2

    from PySide6.QtWidgets import QApplication

    from reader.core.articles_source import load_articles
    from reader.core.usage_counts import UsageCounts
    from reader.ui.compose import build_parts
    from reader.ui.shell.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(Path(scratch) / "settings.ini", persist=False)
        if args.script:
            settings.set("script", args.script)
        if args.font_size is not None:
            settings.set("font_size", args.font_size)
        if theme:
            settings.set("theme", theme)
        parts = build_parts(settings, load_articles())
        window = parts.window
        # a picture is nobody reading: this PC's usage counts stay as they were
        window.usage = UsageCounts(Path(scratch) / "usage-counts.json",
                                   Path(scratch) / "help-calls.log")
        window.resize(*size)
        window.show()
        app.processEvents()
        if args.article and not window.open_article(args.article):
            print(f"错误：找不到文章 {args.article}（用序号 1、2… 或文章编号）", file=sys.stderr)
            window.close()
            return 1
        if args.card and not parts.cards.open_card(args.card):
            print(f"错误：找不到卡片 {args.card}", file=sys.stderr)
            window.close()
            return 1
        for _ in range(3):
            app.processEvents()
        shown: QWidget = window
        if getattr(args, "print_preview", False):
            preview = _print_preview(parts, size)
            if preview is None:
                print("错误：--print-preview 要和 --card 一起用", file=sys.stderr)
                window.close()
                return 2
            shown = preview
            for _ in range(3):
                app.processEvents()
        image = shown.grab()
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        # PNG: quality 0 means the strongest (lossless) compression, for small README files
        ok = image.save(str(out), None, 0 if out.suffix.lower() == ".png" else -1)
        window.close()
    if not ok:
        print(f"错误：图片写不进 {out}", file=sys.stderr)
        return 1
    print(out)
    return 0


def _print_preview(parts: Parts, size: tuple[int, int]) -> QWidget | None:
    """The card's print preview as it opens on a screen of `size` (no taskbar)."""
    from reader.ui.printing.preview import PrintPreview

    card = parts.cards.card_page.card
    if card is None:
        return None
    preview = PrintPreview(card, script=parts.window.look.script,
                           local_info=parts.cards.local_info(), parent=parts.window)
    preview.resize(min(1000, size[0]), min(800, size[1] - 40))
    preview.show()
    return preview
