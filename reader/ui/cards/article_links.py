"""Topic-card links in the article being read.

For the article on screen (in the displayed script) the terms that lead to cards are
found with reader.core.linking; each becomes an inline link (underlined, marked and
keyboard-usable: link_marks.py), and each section ends with a row of big buttons,
"本段说到的帮助：" and one button per card linked in it, because an inline word is a
small target for a shaky hand. Everything opens through `card_chosen`; nothing here
can open anything outside the program.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel

from reader.core.article import Article, Script
from reader.core.cards import Card, CardSet
from reader.core.linking import Link, cards_for_section, find_links
from reader.core.look import Look
from reader.core.text_style import TextSpan
from reader.core.typography import MIN_TARGET_PX
from reader.ui.cards.icons import icon
from reader.ui.cards.link_marks import LinkMarks
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.basics import BigButton

LINK_PREFIX = "card:"
ROW_ICON_PX = 36


def link_target(card_id: str) -> str:
    return LINK_PREFIX + card_id


def card_of_target(target: str) -> str | None:
    """The card id a link target opens, or None for anything that is not a card link
    (nothing else is ever opened: no web pages, no files)."""
    return target[len(LINK_PREFIX):] if target.startswith(LINK_PREFIX) else None


class CardButton(BigButton):
    """A big button for one card (section rows; its icon follows the theme)."""

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.setObjectName(f"cardButton.{card_id}")
        self.setIconSize(QSize(ROW_ICON_PX, ROW_ICON_PX))

    def show_card(self, card: Card, look: Look) -> None:
        self.set_texts(card.title, look.t("card.link_button_desc", title=card.title,
                                          what=card.what))
        self.setIcon(icon(card.icon, look.theme.button_text, ROW_ICON_PX))


class ArticleLinks(QObject):
    card_chosen = Signal(str)  # card id, from a section button
    word_chosen = Signal(str, str)  # card id and the word (simplified), from an inline link

    def __init__(self, view: ArticleView, cards: Callable[[Script], CardSet]) -> None:
        """`cards(script)`: the loaded cards in that script (loaded on the first call)."""
        super().__init__(view)
        self.view = view
        self._cards = cards
        self.marks = LinkMarks(view)
        self.links: list[Link] = []
        self._rows: list[list[str]] = []  # card ids per section row, as built
        self._buttons: list[CardButton] = []
        self._labels: list[QLabel] = []
        self._article_id = ""
        view.link_activated.connect(self._on_link)

    def _on_link(self, target: str) -> None:
        card_id = card_of_target(target)
        if card_id is not None:
            term = next((link.term for link in self.links if link.card_id == card_id), "")
            self.word_chosen.emit(card_id, term)

    def forget(self) -> None:
        """The view was rebuilt (a new or re-opened article): its rows and spans are
        gone, so the next show_links must build everything again rather than update
        buttons the view has already deleted (found by the soak test)."""
        self.links, self._rows, self._buttons, self._labels = [], [], [], []
        self._article_id = ""

    def show_links(self, article: Article, look: Look) -> None:
        """Link `article` (as displayed, in `look.script`) in the view. Keeps the
        reader's place: rows that appear above it must not push the text away."""
        if self.view.article is None or self.view.article.id != article.id:
            return
        place = self.view.place()
        cards = self._cards(look.script)
        links = find_links(article, cards.cards)
        new_article = article.id != self._article_id
        if new_article or links != self.links:
            self._set_spans(links, new_article)
        self.links = links
        self._article_id = article.id
        self._fill_rows(article, cards, look, rebuild=new_article)
        self._describe_blocks(cards, look)
        if place is not None:
            self.view.restore_place(place)
        self.view.focus_chain_changed.emit()

    def _set_spans(self, links: list[Link], new_article: bool) -> None:
        old_blocks = {link.block_id for link in self.links} if not new_article else set()
        if new_article:
            self.marks.clear()
        spans: dict[str, list[TextSpan]] = {block_id: [] for block_id in old_blocks}
        for link in links:
            spans.setdefault(link.block_id, []).append(
                TextSpan(link.start, link.end, "link", link_target(link.card_id)))
        for block_id, block_spans in spans.items():
            self.view.set_links(block_id, block_spans)

    def _describe_blocks(self, cards: CardSet, look: Look) -> None:
        by_block: dict[str, list[Link]] = {}
        for link in self.links:
            by_block.setdefault(link.block_id, []).append(link)
        for block_id, links in by_block.items():
            block = self.view.block_widget(block_id)
            if block is None:
                continue
            spans = [TextSpan(k.start, k.end, "link", link_target(k.card_id)) for k in links]
            titles = [card.title if (card := cards.get(k.card_id)) else k.term for k in links]
            self.marks.set_block_links(block, spans, titles, look)

    def _fill_rows(self, article: Article, cards: CardSet, look: Look, rebuild: bool) -> None:
        wanted = [[c.id for c in cards_for_section(self.links, index, cards.cards)]
                  for index in range(len(article.sections))]
        if rebuild or wanted != self._rows:
            self._build_rows(wanted)
        for button in self._buttons:
            card = cards.get(button.card_id)
            if card is not None:
                button.show_card(card, look)
        for label in self._labels:
            label.setText(look.t("card.links_row"))
            label.setAccessibleName(look.t("card.links_row"))

    def _build_rows(self, wanted: list[list[str]]) -> None:
        self._buttons, self._labels = [], []
        for index, card_ids in enumerate(wanted):
            row = self.view.section_end_row(index)
            row.clear()
            if not card_ids:
                continue
            label = QLabel()
            label.setObjectName("cardRowLabel")
            label.setMinimumHeight(MIN_TARGET_PX)
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            row.add_button(label)
            label.show()  # now: the layout would show it a moment later and move the text
            self._labels.append(label)
            for card_id in card_ids:
                button = CardButton(card_id)
                button.clicked.connect(lambda _=False, i=card_id: self.card_chosen.emit(i))
                row.add_button(button)
                button.show()
                self._buttons.append(button)
        self._rows = wanted

    def row_buttons(self) -> list[CardButton]:
        return list(self._buttons)
