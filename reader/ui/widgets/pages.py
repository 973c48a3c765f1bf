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
A page that is one scrolled column of content (home, a card, a category) starts from
`ColumnPage`, which makes the scroll area and keeps the column centred.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QVBoxLayout, QWidget

from reader.core.look import Look
from reader.core.typography import MIN_TARGET_PX
from reader.ui.widgets.basics import give_own_viewport


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


class ColumnPage(Page):
    """A page whose content is one column in a vertical scroll area (home, a card, a
    category's list): add widgets to `self._column`. The column is centred, no wider
    than the look's reading width, and the page never scrolls sideways."""

    column_top = 24  # px above the column's first widget
    column_bottom = MIN_TARGET_PX  # px below its last: the last button is not at the edge

    def __init__(self, content_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scroll = QScrollArea(self)
        give_own_viewport(self._scroll)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget()
        content.setObjectName(content_name)
        self._column = QVBoxLayout(content)
        self._column.setSpacing(0)
        self._scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        bar = self._scroll.verticalScrollBar()
        bar.setSingleStep(look.body_line_px)
        bar.setAccessibleName(look.t("scrollbar.name"))
        bar.setAccessibleDescription(look.t("scrollbar.desc"))
        self._update_margins()

    def _update_margins(self) -> None:
        if self.look is not None:
            side = max(24, (self._scroll.viewport().width() - self.look.column_px) // 2)
            self._column.setContentsMargins(side, self.column_top, side, self.column_bottom)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._update_margins()

    def scroll_area(self) -> QAbstractScrollArea:
        return self._scroll
