"""An article as one big button (ArticleTile): title, when and who, the first sentence.
Home lists every article this way, and a card's category page its linked articles."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader.core.article import Article
from reader.core.look import Look
from reader.core.text_style import TextSpan
from reader.ui.widgets.basics import BigButton
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
