"""The home page (首页): every article as a big tile, newest first, one click to open.

Above the tiles there is a row for topic buttons by category (`topic_row`), filled by the
topic-card feature through `add_topic_button`; it stays hidden while empty.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader.core.article import Article
from reader.core.article_cache import in_script
from reader.core.look import Look
from reader.core.text_style import TextSpan
from reader.ui.reading.article_view import ButtonRow
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.pages import ColumnPage
from reader.ui.widgets.text_block import TextBlock

TILE_PREVIEW_CHARS = 48  # the first sentence on a tile: enough to recognise, not a page


def preview(sentence: str, limit: int = TILE_PREVIEW_CHARS) -> str:
    """The first sentence, cut after a comma near `limit` characters when it is long, so
    one tile never fills a 1024 × 600 screen."""
    if len(sentence) <= limit:
        return sentence
    cut = max(sentence.rfind(mark, 0, limit) for mark in "，、；：")
    return sentence[: cut if cut >= limit // 2 else limit] + "……"


class ArticleTile(BigButton):
    """One article on the home page: title, a source line (when, who wrote it) and the
    first sentence, as one big button. The texts inside ignore the mouse so a click
    anywhere on the tile presses it."""

    def __init__(self, article_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article_id = article_id
        self.title = TextBlock("title", "tile_title")
        self.source_line = TextBlock("source", "tile_detail")
        self.first_sentence = TextBlock("first", "tile_text")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 20)
        layout.setSpacing(0)
        for block in (self.title, self.source_line, self.first_sentence):
            block.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(block)

    def show_article(self, article: Article, look: Look, new: bool = False) -> None:
        """`new`: it came in a content pack this week: the title starts with a 新 mark in
        the read-aloud highlight's colours (a contrast the theme already checks)."""
        sizes = look.sizes
        mark = look.t("home.new_mark") if new else ""
        self.title.set_content(mark + article.title, look.style(
            sizes.tile_title, gap_px=0, bold=True, heading=True))
        self.title.set_spans([TextSpan(0, len(mark.rstrip()), "highlight")] if new else [],
                             look.span_colours)
        source = "　".join(part for part in (article.when(), article.byline) if part)
        self.source_line.set_content(source, look.style(sizes.tile_detail, gap_px=8))
        self.source_line.setVisible(bool(source))
        first = preview(article.first_sentence())
        self.first_sentence.set_content(first, look.style(sizes.body, gap_px=12))
        self.setAccessibleName(mark + article.title)
        detail = "　".join(part for part in (source, first) if part)
        self.setAccessibleDescription(look.t("home.tile_desc", detail=detail))
        self.setToolTip("")

    # the tile's size comes from its texts, not from a (missing) button label
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout else 0

    def sizeHint(self) -> QSize:
        width = self.width() if self.width() > 0 else 600
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(64, 64)


class HomePage(ColumnPage):
    name = "home"
    column_bottom = 48
    article_chosen = Signal(str)  # article id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("homeContent", parent)

        self.heading = TextBlock("heading", "page_heading")
        self.hint = TextBlock("hint", "hint")
        # --- topic buttons by category: filled later by the topic-card feature -----------
        self.topics_heading = TextBlock("topics", "section_heading")
        self.topic_row = ButtonRow()
        self.topics_heading.hide()
        # ----------------------------------------------------------------------------
        self.empty_note = TextBlock("empty", "note")
        self.empty_note.hide()
        self._tiles_box = QVBoxLayout()
        self._tiles_box.setSpacing(24)
        # The articles come first: at 1024 × 600 the topic row (two rows of big buttons)
        # above them pushed the first tile below the fold.
        self._column.addWidget(self.heading)
        self._column.addWidget(self.hint)
        self._column.addSpacing(24)
        self._column.addWidget(self.empty_note)
        self._column.addLayout(self._tiles_box)
        self._column.addSpacing(32)
        self._column.addWidget(self.topics_heading)
        self._column.addWidget(self.topic_row)
        self._column.addStretch(1)
        self.tiles: list[ArticleTile] = []
        self._articles: list[Article] = []
        self._new_ids: frozenset[str] = frozenset()
        self._tiles_built = False
        self._first_show_hooks: list[Callable[[], object]] | None = []

    def set_articles(self, articles: list[Article], new_ids: Collection[str] = ()) -> None:
        """Show these articles (already sorted newest first), those in `new_ids` first and
        with a 新 mark. The tiles are built when the page is first shown, so reopening straight
        into an article paints sooner."""
        self._new_ids = frozenset(new_ids)
        # New arrivals first (else an undated notice would sit below the fold), in order.
        self._articles = sorted(articles, key=lambda a: a.id not in self._new_ids)
        self._tiles_built = False
        if self.isVisible():
            self._build_tiles()

    def _build_tiles(self) -> None:
        for tile in self.tiles:
            self._tiles_box.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.tiles = []
        for article in self._articles:
            tile = ArticleTile(article.id)
            tile.clicked.connect(lambda _=False, i=article.id: self.article_chosen.emit(i))
            self._tiles_box.addWidget(tile)
            tile.show()
            self.tiles.append(tile)
        self.empty_note.setVisible(not self._articles)
        self._tiles_built = True
        if self.look is not None:
            self.apply_look(self.look)

    def ensure_tiles(self) -> None:
        if self._first_show_hooks is not None:
            hooks, self._first_show_hooks = self._first_show_hooks, None
            for hook in hooks:
                hook()
        if not self._tiles_built:
            self._build_tiles()

    def when_first_shown(self, hook: Callable[[], object]) -> None:
        """Run `hook` when home is first shown (at once if it has been): for parts of
        the page a reader put straight back into an article does not need yet."""
        if self._first_show_hooks is None:
            hook()
        else:
            self._first_show_hooks.append(hook)

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_tiles()
        super().showEvent(event)

    def add_topic_button(self, button: QWidget) -> None:
        """For the topic-card feature: one button per category, in the row below the
        articles (the row and its heading appear with the first button)."""
        self.topic_row.add_button(button)
        self.topics_heading.show()

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        sizes = look.sizes
        self.heading.set_content(look.t("home.heading"),
                                 look.style(sizes.page_heading, gap_px=0, bold=True,
                                            heading=True))
        self.hint.set_content(look.t("home.hint"), look.style(sizes.tile_detail, gap_px=4))
        self.topics_heading.set_content(look.t("home.topics_heading"),
                                        look.style(sizes.heading, bold=True, heading=True))
        self.empty_note.set_content(look.t("home.no_articles"), look.style(sizes.body))
        if self._tiles_built:
            for tile, article in zip(self.tiles, self._articles, strict=True):
                tile.show_article(in_script(article, look.script), look,
                                  article.id in self._new_ids)
        self._scroll.setAccessibleName(look.t("home.list_name"))
        self._scroll.setAccessibleDescription(look.t("home.list_desc"))

    def focus_chain(self) -> list[QWidget]:
        self.ensure_tiles()
        return [*self.tiles, *self.topic_row.buttons()]
