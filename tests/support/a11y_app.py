"""The real window opened on one page, for the screen-reader walk (test_screen_reader).

`python -m tests.support.a11y_app home|article|card|staff_pin`: builds the window the way
`python -m reader` does (reader.ui.compose.build_program), goes to the page and runs.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from reader.ui.compose import build_program


def main(page: str) -> int:
    app = QApplication(sys.argv[:1])
    program = build_program()
    window = program.window
    window.resize(1366, 768)
    window.show()
    window.activateWindow()  # Xvfb has no window manager to give the window the focus
    if page == "article":
        window.open_article("1")
    elif page == "card":
        program.cards.open_card("dibao")
    elif page == "staff_pin":
        program.community.staff.open()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
