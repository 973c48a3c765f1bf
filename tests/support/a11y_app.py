"""The real window opened on one page, for the screen-reader walk (test_screen_reader).

`python -m tests.support.a11y_app home|article|card|staff_pin`: builds the window the way
`python -m reader` does (reader.ui.app.build_window), goes to the page and runs.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from reader.ui.app import build_window


def main(page: str) -> int:
    app = QApplication(sys.argv[:1])
    window = build_window()
    window.resize(1366, 768)
    window.show()
    window.activateWindow()  # Xvfb has no window manager to give the window the focus
    if page == "article":
        window.open_article("1")
    elif page == "card":
        window.open_card("dibao")
    elif page == "staff_pin":
        window.community.staff.open()  # type: ignore[attr-defined]
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
