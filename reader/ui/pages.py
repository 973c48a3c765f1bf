"""The base class of the pages shown in the main window, and how to add a new one.

The main window holds its pages in a QStackedWidget. To add a page (the card page, the
staff page…):

    class CardPage(Page):
        name = "card"
        def apply_look(self, look): ...           # (re)draw texts, sizes, colours
        def window_title(self, look): return look.t("card.title", …)

    window.register_page(CardPage(window))        # once, at start-up
    window.show_page("card")                      # whenever it should be shown

The window calls `apply_look` with the current Look when the page is registered, and
again after every size, script or theme change (pages not on screen are brought up to
date just before they are shown, so a switch only redraws what is visible). Keyboard
scrolling (PgUp/PgDn/arrows) goes to `scroll_area()`; Tab order follows `focus_chain()`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from reader.ui.look import Look


class Page(QWidget):
    name = "page"  # unique key in the stack

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look: Look | None = None

    def apply_look(self, look: Look) -> None:
        """Redraw for `look`. Keep the reader's place (see ArticlePage)."""
        self.look = look

    def window_title(self, look: Look) -> str:
        return look.t("app.title")

    def scroll_area(self) -> QAbstractScrollArea | None:
        """What PgUp/PgDn/arrow keys scroll when no widget on the page took them."""
        return None

    def focus_chain(self) -> list[QWidget]:
        """Focusable widgets in screen order (top to bottom, left to right)."""
        return []

    def on_shown(self) -> None:
        """Called after the page became the visible one."""

    def on_hidden(self) -> None:
        """Called when another page replaces it (e.g. stop reading aloud)."""
