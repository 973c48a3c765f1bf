"""A topic (看病就医, 生活救助…) and its cards: one big tile per card, one click to open.

Reached from the row of topic buttons on the home page (`TopicButton`). Each tile shows
the card's title and its first plain sentence (这是什么), like an article tile on home.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reader.core.look import Look
from reader.ui.cards.icons import CATEGORY_ICONS, blank_icon, icon, icon_pixmap
from reader.ui.widgets.article_tile import ArticleTile, preview
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.pages import ColumnPage
from reader.ui.widgets.text_block import TextBlock

if TYPE_CHECKING:
    from reader.core.cards import Card

TOPIC_ICON_PX = 40


class TopicButton(BigButton):
    """One category on the home page's topic row: its icon and its name."""

    def __init__(self, category: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category  # simplified, as in reader.core.cards.CATEGORIES
        self.setObjectName(f"topic.{CATEGORY_ICONS.get(category, 'other')}")
        self.setIconSize(QSize(TOPIC_ICON_PX, TOPIC_ICON_PX))
        self.setIcon(blank_icon(TOPIC_ICON_PX))
        self.ink = ""  # colour the icon should have
        self._drawn_ink = ""  # colour it has

    def apply_look(self, look: Look) -> None:
        label = look.convert(self.category)
        self.set_texts(label, look.t("card.topic_desc", category=label))
        self.ink = look.theme.button_text
        if self.isVisible():
            self.draw_icon()

    def draw_icon(self) -> None:
        if self.ink and self.ink != self._drawn_ink:
            self._drawn_ink = self.ink
            self.setIcon(icon(CATEGORY_ICONS.get(self.category, "other"), self.ink,
                              TOPIC_ICON_PX))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # drawn just after the first picture (the SVG module takes a while to load);
        # the blank icon holds its place meanwhile
        QTimer.singleShot(0, self.draw_icon)


class CardTile(ArticleTile):
    """A card on its category's page: title and what it is about."""

    def __init__(self, card_id: str, parent: QWidget | None = None) -> None:
        super().__init__(card_id, parent)
        self.card_id = card_id
        self.setObjectName(f"cardTile.{card_id}")
        self.source_line.hide()

    def show_card(self, card: Card, look: Look) -> None:
        """`card` in the displayed script."""
        sizes = look.sizes
        self.title.set_content(card.title, look.style(sizes.tile_title, gap_px=0, bold=True,
                                                      heading=True))
        self.first_sentence.set_content(preview(card.what), look.style(sizes.body, gap_px=12))
        self.setAccessibleName(card.title)
        self.setAccessibleDescription(look.t("card.tile_desc", what=card.what))
        self.setToolTip("")


class CategoryPage(ColumnPage):
    name = "category"
    card_chosen = Signal(str)  # card id
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("categoryContent", parent)
        self.category = ""
        self.cards: tuple[Card, ...] = ()  # simplified, in the catalogue's order
        self.tiles: list[CardTile] = []

        header = QHBoxLayout()
        header.setSpacing(20)
        self.icon = QLabel()
        self.heading = TextBlock("heading", "page_heading")
        header.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.heading, 1, Qt.AlignmentFlag.AlignVCenter)
        self._column.addLayout(header)
        self.hint = TextBlock("hint", "hint")
        self._column.addWidget(self.hint)
        self._column.addSpacing(24)
        self.empty_note = TextBlock("empty", "note")
        self.empty_note.hide()
        self._column.addWidget(self.empty_note)
        self._tiles_box = QVBoxLayout()
        self._tiles_box.setSpacing(24)
        self._column.addLayout(self._tiles_box)
        self._column.addSpacing(32)
        self.back_button = BigButton()
        self.back_button.setObjectName("categoryBack")
        self.back_button.clicked.connect(self.back_requested)
        self._column.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._column.addStretch(1)

    def show_category(self, category: str, cards: tuple[Card, ...]) -> None:
        self.category, self.cards = category, cards
        for tile in self.tiles:
            self._tiles_box.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.tiles = []
        for card in cards:
            tile = CardTile(card.id)
            tile.clicked.connect(lambda _=False, i=card.id: self.card_chosen.emit(i))
            self._tiles_box.addWidget(tile)
            self.tiles.append(tile)
        self.empty_note.setVisible(not cards)
        if self.look is not None:
            self.apply_look(self.look)
        self._scroll.verticalScrollBar().setValue(0)

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        sizes = look.sizes
        label = look.convert(self.category)
        self.heading.set_content(label, look.style(sizes.page_heading, gap_px=0, bold=True,
                                                   heading=True))
        side = round(look.px(sizes.page_heading) * 1.4)
        if self.category:  # none before the first show_category (start-up: no SVG yet)
            self.icon.setPixmap(icon_pixmap(CATEGORY_ICONS.get(self.category, "other"),
                                            look.theme.text, side,
                                            self.devicePixelRatioF() or 1.0))
        self.icon.setFixedSize(side, side)
        self.icon.setAccessibleName(look.t("card.icon_name", category=label))
        self.hint.set_content(look.t("card.category_hint"),
                              look.style(sizes.tile_detail, gap_px=4))
        self.empty_note.set_content(look.t("card.category_empty"), look.style(sizes.body))
        for tile, card in zip(self.tiles, self.cards, strict=True):
            tile.show_card(card.converted(look.script), look)
        self.back_button.set_texts(look.t("card.back_home"), look.t("card.back_home_desc"))
        self._scroll.setAccessibleName(look.t("card.category_list_name", category=label))
        self._scroll.setAccessibleDescription(look.t("card.category_list_desc"))

    def window_title(self, look: Look) -> str:
        return look.convert(self.category)

    def focus_chain(self) -> list[QWidget]:
        return [*self.tiles, self.back_button]
