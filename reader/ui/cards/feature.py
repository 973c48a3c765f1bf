"""Topic cards in the window: everything that connects the cards to the pages.

The composition root (reader.ui.compose) makes one TopicCards; from then on this:
- puts the row of topic buttons (看病就医 / 生活救助 / …) on the home page; each opens
  the category page with that topic's cards;
- links the article on screen to its cards (article_links.py) and opens a card from an
  inline link, a section's card button, a category tile, or `open_card(id)`;
- runs the card page's buttons: 朗读这张卡 (card_reading.py), 打印 (the print preview,
  through the CardPrinter it is given) and 返回, which goes back where the reader came
  from: the same place in the article, the category list, or home;
- tells staff, quietly and in plain words, when card files or the local-information
  file are broken (the message line; the full list is in `python -m reader doctor`).

The cards are loaded on first need (after the first picture: loading them imports
OpenCC), and the local-information file is read again whenever staff changed it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer

from reader import paths
from reader.core.article import Script
from reader.core.article_cache import in_script
from reader.core.look import Look
from reader.ui.widgets.after_paint import AfterPaint
from reader.ui.widgets.article_view import Place

if TYPE_CHECKING:  # the card modules load OpenCC and TOML: imported on first need
    from reader.core.cards import Card, CardSet
    from reader.core.linking import Mention
    from reader.core.local_info import LocalInfo
    from reader.ui.cards.article_links import ArticleLinks
    from reader.ui.cards.card_page import CardPage
    from reader.ui.cards.card_reading import CardReading
    from reader.ui.cards.category_page import CategoryPage, TopicButton
    from reader.ui.shell.main_window import MainWindow
    from reader.ui.shell.voice import Voice

log = logging.getLogger(__name__)

PRELOAD_MS = 1200  # load the cards this long after start, if nothing needed them sooner


class CardPrinter(Protocol):
    """What the cards need from the printing feature (its Printing, handed in by the
    composition root)."""

    def warm_up(self, script: Script) -> None:
        """Start making the print font in the background (a card is on screen)."""

    def when_font_ready(self, script: Script, then: Callable[[], None]) -> None:
        """Call `then` once the print font for `script` is there (at once, or after the
        window said it is being made)."""

    def preview_card(self, card: Card, printed: Callable[[], None]) -> None:
        """Show the print preview of `card`; `printed` when it went to a printer."""


class TopicCards(QObject):
    def __init__(self, window: MainWindow, voice: Voice, printer: CardPrinter,
                 folder: Path | None = None) -> None:  # fmt: skip
        super().__init__(window)
        self.window = window
        self._voice = voice
        self._printer = printer
        self.folder = folder  # None: the shipped assets/cards
        self._cards: CardSet | None = None
        self._converted: dict[Script, CardSet] = {}
        self._local: LocalInfo | None = None
        self._local_stamp: tuple[float, int] | None = None
        self._told: set[str] = set()  # which staff messages were shown this session
        self._back: tuple[str, str, Place | None] = ("home", "", None)
        self._paint_watch: AfterPaint | None = None
        self._links_stale = False  # the article's links wait for its page to be shown
        self._mentions: dict[tuple[str, Script, tuple[int, ...]], list[Mention]] = {}

        # The card and category pages are made when first needed (see card_page and
        # category_page): not before the first picture, which does not show them.
        self._card_page: CardPage | None = None
        self._reading: CardReading | None = None
        self._category_page: CategoryPage | None = None
        self._links: ArticleLinks | None = None  # made with the cards

        # Home's row of topic buttons is made when home is first shown: at start-up the
        # reader is often put straight back into an article.
        self._topic_buttons: list[TopicButton] | None = None
        window.home.when_first_shown(self._add_topic_buttons)

        window.article_page.view.article_shown.connect(self._on_article_shown)
        window.look_changed.connect(self._on_look_changed)
        window.page_changed.connect(self._on_page_changed)
        self._script = window.look.script
        QTimer.singleShot(PRELOAD_MS, self._preload)

    @property
    def topic_buttons(self) -> list[TopicButton]:
        """Home's topic buttons, one per category."""
        return self._add_topic_buttons()

    def _add_topic_buttons(self) -> list[TopicButton]:
        if self._topic_buttons is None:
            from reader.ui.cards.category_page import TopicButton
            from reader.ui.cards.icons import CATEGORY_ICONS

            self._topic_buttons = [TopicButton(category) for category in CATEGORY_ICONS]
            for button in self._topic_buttons:
                button.clicked.connect(lambda _=False, c=button.category: self.open_category(c))
                button.apply_look(self.window.look)
                self.window.home.add_topic_button(button)
        return self._topic_buttons

    # --- the pages ----------------------------------------------------------------------
    @property
    def card_page(self) -> CardPage:
        return self._card_parts()[0]

    @property
    def reading(self) -> CardReading:
        """朗读这张卡 (made with the card page)."""
        return self._card_parts()[1]

    def reading_aloud(self) -> bool:
        """Whether a card is being read aloud now (does not make the card page)."""
        return self._reading is not None and self._reading.reading

    def _card_parts(self) -> tuple[CardPage, CardReading]:
        if self._card_page is None or self._reading is None:
            from reader.ui.cards.card_page import CardPage
            from reader.ui.cards.card_reading import CardReading

            page = self._card_page = CardPage()
            self.window.register_page(page)
            reading = self._reading = CardReading(self.window, page, self._voice)
            page.read_requested.connect(reading.toggle)
            page.print_requested.connect(self.print_card)
            page.back_requested.connect(self.go_back)
            page.mention_chosen.connect(self.open_mention)
            reading.state_changed.connect(page.set_reading)
        return self._card_page, self._reading

    @property
    def category_page(self) -> CategoryPage:
        if self._category_page is None:
            from reader.ui.cards.category_page import CategoryPage

            page = self._category_page = CategoryPage()
            self.window.register_page(page)
            page.card_chosen.connect(self.open_card)
            page.back_requested.connect(self.window.go_home)
        return self._category_page

    def _stop_reading(self) -> None:
        if self._reading is not None:  # no card page yet: nothing is being read
            self._reading.stop()

    # --- the cards ----------------------------------------------------------------------
    def cards_in(self, script: Script = "simplified") -> CardSet:
        """Every loaded card, in `script` (loads them on the first call)."""
        if self._cards is None:
            self._cards = self._load()
            self._converted = {"simplified": self._cards}
        if script not in self._converted:
            self._converted[script] = self._cards.converted(script)
        return self._converted[script]

    @property
    def links(self) -> ArticleLinks:
        """The article's links to cards (made on first use)."""
        if self._links is None:
            from reader.ui.cards.article_links import ArticleLinks

            self._links = ArticleLinks(self.window.article_page.view, self.cards_in)
            self._links.card_chosen.connect(self.open_card)
            self._links.word_chosen.connect(self.open_card_for_word)
        return self._links

    def _load(self) -> CardSet:
        from reader.core.cards import CardSet, load_cards

        try:
            cards = load_cards(self.folder)
        except Exception:  # e.g. the folder cannot be read: no cards, but no crash
            log.exception("topic cards not loaded")
            cards = CardSet()
            self._tell_staff("notice.cards_unreadable")
            return cards
        skipped = [p for p in cards.problems if p.skipped]
        for problem in cards.problems:
            log.warning("card file: %s %s", problem.message, problem.detail)
        if skipped:
            self._tell_staff("notice.cards_broken", n=len(skipped))
        return cards

    def reload_cards(self, folder: Path | None = None) -> None:
        """Read the card files again (from `folder`); the open article is linked anew."""
        self.folder = folder
        self._cards = None
        self._converted = {}
        self._mentions.clear()
        self._told.discard("notice.cards_broken")
        self._link_current()

    def local_info(self) -> LocalInfo:
        """The local-information file, read again when staff changed it."""
        from reader.core.local_info import load_local_info

        path = paths.local_info_file()
        stamp = _stamp(path)
        if self._local is None or stamp != self._local_stamp or stamp is None:
            cards = [(card.id, card.title) for card in self.cards_in()]
            self._local = load_local_info(path, cards)
            self._local_stamp = _stamp(path)
            for problem in self._local.problems:
                log.warning("local info: %s", problem)
            if self._local.problems:
                self._tell_staff("notice.local_info_broken")
        return self._local

    def mentions(self, card: Card, script: Script) -> list[Mention]:
        """The article paragraphs that mention `card`, in `script` (kept until the
        articles change)."""
        from reader.core.linking import paragraphs_mentioning

        articles = self.window.articles
        key = (card.id, script, tuple(id(article) for article in articles))
        if key not in self._mentions:
            if len(self._mentions) > 64:
                self._mentions.clear()
            shown = [in_script(article, script) for article in articles]
            self._mentions[key] = paragraphs_mentioning(card, shown, self.cards_in().cards)
        return self._mentions[key]

    def _tell_staff(self, key: str, **fields: object) -> None:
        if key not in self._told:
            self._told.add(key)
            self.window.show_notice(key, **fields)

    def _preload(self) -> None:
        if self._cards is None:
            self.cards_in()
            self._link_current()

    # --- pages ----------------------------------------------------------------------------
    def open_card_for_word(self, card_id: str, word: str) -> None:
        """A link word in an article: its card, and when the card has another name, a
        line that says why this card opened (居家养老 → 养老服务补贴)."""
        card = self.cards_in().get(card_id)
        if not self.open_card(card_id) or card is None:
            return
        if word and word not in card.title:
            self.window.show_notice("card.opened_for_word", word=word, title=card.title)

    def open_card(self, card_id: str) -> bool:
        """Show card `card_id`; 返回 then leads back to the page it was opened from."""
        card = self.cards_in().get(card_id)
        if card is None:
            return False
        window = self.window
        current = window.current_page()
        if current is window.article_page and window.article_page.source is not None:
            self._back = ("article", window.article_page.source.id,
                          window.article_page.view.place())
            self.card_page.set_back("card.back_article_desc")
        elif current is self._category_page:
            self._back = ("category", self.category_page.category, None)
            self.card_page.set_back("card.back_category_desc",
                                    category=self.category_page.category)
        elif current is not self.card_page:
            self._back = ("home", "", None)
            self.card_page.set_back("card.back_home_desc")
        self.reading.stop()
        self.card_page.show_card(card, self.local_info(), lambda s: self.mentions(card, s))
        window.show_page(self.card_page.name)
        self._printer.warm_up(window.look.script)  # so 打印 need not wait for the font
        window.count("cards_opened", card.id)
        return True

    def open_category(self, category: str) -> None:
        self.category_page.show_category(category, self.cards_in().in_category(category))
        self.window.show_page(self.category_page.name)

    def open_mention(self, article_id: str, block_id: str) -> None:
        self.window.open_article(article_id, block_id)

    def go_back(self) -> None:
        kind, key, place = self._back
        window = self.window
        if kind == "article":
            page = window.article_page
            if page.source is not None and page.source.id == key:
                window.show_page(page.name)
                if place is not None:
                    page.view.restore_place(place)
            else:
                window.open_article(key, place[0] if place else None)
        elif kind == "category":
            self.open_category(key)
        else:
            window.go_home()

    def print_card(self) -> None:
        """The print preview of the card on screen, in the reader's script. The first
        time, the print font may still be being made: printing waits for it, and there
        is nothing to print if the reader has left the card meanwhile."""
        card = self.card_page.card
        if card is None:
            return
        self._printer.when_font_ready(self.window.look.script,
                                      lambda: self._print_if_shown(card.id))

    def _print_if_shown(self, card_id: str) -> None:
        card = self.card_page.card
        if self.window.current_page() is self.card_page and card is not None \
                and card.id == card_id:
            self._open_print_preview()

    def _open_print_preview(self) -> None:
        card = self.card_page.card
        if card is None:
            return
        self.reading.stop()
        self._printer.preview_card(card, lambda: self.window.count("cards_printed", card.id))

    # --- the window's events -----------------------------------------------------------------
    def _link_current(self) -> None:
        self._links_stale = False
        source = self.window.article_page.source
        if source is not None:
            look = self.window.look
            self.links.show_links(in_script(source, look.script), look)

    def _on_article_shown(self, _article: object) -> None:
        if self._links is not None:  # (made on first use: it loads the card modules)
            self._links.forget()
        if self._cards is not None:
            self._link_current()
        elif self._paint_watch is None:
            # The first time, the links wait until the article has been painted: loading
            # the cards (TOML, OpenCC) takes ~0.1 s that the first picture should not wait.
            self._paint_watch = AfterPaint(self.window.article_page.view.viewport(),
                                            self._link_current)

    def _on_look_changed(self, look: Look) -> None:
        for button in self._topic_buttons or []:
            button.apply_look(look)
        if self._cards is not None:
            if self.window.current_page() is self.window.article_page:
                self._link_current()
            else:
                self._links_stale = True  # done when the article is shown again
        if look.script != self._script:
            self._script = look.script
            if self._reading is not None:
                self._reading.script_changed()
        elif self._reading is not None:
            self._reading.look_changed()

    def _on_page_changed(self, name: str) -> None:
        if self._card_page is not None and name != self._card_page.name:
            self._stop_reading()
        if name == self.window.article_page.name and self._links_stale:
            self._link_current()


def _stamp(path: Path) -> tuple[float, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime, info.st_size
