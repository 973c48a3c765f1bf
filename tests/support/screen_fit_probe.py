"""Run in its own process (the screen size is fixed when Qt starts): start the window as
`run` does on a screen of the given size, visit the screens a resident reaches, and print
as JSON, for each, the window's frame and every visible button that is not wholly on
the screen. Used by test_screen_fit.py.

    python -m tests.support.screen_fit_probe WIDTH HEIGHT first|restored|community
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def _screen_config(width: int, height: int) -> str:
    config = {"screens": [{"name": "probe", "x": 0, "y": 0, "width": width, "height": height,
                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    with handle:
        json.dump(config, handle)
    return handle.name


def main(argv: list[str]) -> int:
    width, height, mode = int(argv[0]), int(argv[1]), argv[2]
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen_config(width, height)}"
    from PySide6.QtCore import QEvent, QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from reader.ui.compose import build_program
    from reader.ui.shell.settings import Settings

    app = QApplication(sys.argv[:1])
    settings = Settings()
    if mode == "restored":  # saved on a bigger screen, partly off this one
        big = build_program(False, Settings(Path(tempfile.mkdtemp()) / "s.ini",
                                            persist=False)).window
        big.setGeometry(300, 200, 1920, 1080)
        settings.set("geometry", bytes(big.saveGeometry().toHex().data()).decode())
        big.deleteLater()
    settings.set("community_mode", mode == "community")
    program = build_program(False, settings)
    window = program.window
    if not program.community.active:
        window.place_on_screen()
        window.show()

    def settle() -> None:
        for _ in range(4):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            app.processEvents()

    screen = app.primaryScreen().availableGeometry()
    report = {"screen": [screen.x(), screen.y(), screen.width(), screen.height()],
              "screens": {}}

    def record(name: str) -> None:
        settle()
        frame = window.frameGeometry()
        outside = []
        for button in window.findChildren(QAbstractButton):
            if not button.isVisible() or button.visibleRegion().isEmpty():
                continue
            shown = button.visibleRegion().boundingRect()
            top_left = button.mapToGlobal(shown.topLeft())
            box = QRect(top_left, shown.size())
            if not screen.contains(box):
                outside.append([button.text(), box.x(), box.y(), box.width(), box.height()])
        view = window.article_page.view
        body_seen = False
        if window.current_page() is window.article_page and view.article is not None:
            # the characters of the first line of the article's own text (a paragraph,
            # or the caption of its photo when the article starts with one) wholly on
            # screen; the line's extra spacing (0.7 of the type size) may be cut
            first = next(iter(view.article.blocks()), None)
            widget = view.block_widget(first.id) if first else None
            style = widget.style_() if widget is not None else None
            if widget is not None and style is not None:
                type_px = style.pt * widget.logicalDpiY() / 72
                line_bottom = widget.mapTo(view.viewport(), QPoint(0, 0)).y() \
                    + style.gap_px + (style.line_px + type_px) / 2
                body_seen = widget.isVisible() and line_bottom <= view.viewport().height()
        report["screens"][name] = {
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "outside": outside, "body_seen": body_seen,
            "toolbar_height": window.toolbar.height()}

    community = program.community
    record("home")
    for key in ("1", "2"):
        window.open_article(key)
        record(f"article{key}")
    window.chime = lambda: True
    window.call_for_help()
    record("help banner")
    window.help_banner.hide()
    program.read_aloud.choose_block("p3")
    record("chosen paragraph")
    community.idle.say = lambda _text: None  # no speech worker for a picture
    community.idle._warn()
    record("idle notice")
    community.idle.hide_notice()
    community.crash.show_plain_message("出了点问题")
    record("crash cover")
    community.crash.back_home()
    community.staff.open()
    record("staff pin page")
    community.staff.unlocked = True
    from reader.ui.staff.staff_page import SECTIONS

    for section in SECTIONS:
        community.staff.show_section(section)
        record(f"staff {section}")
    window.go_home()
    record("home again")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
