"""The article page: the ArticleView filling the page, for the article being read."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QVBoxLayout, QWidget

from reader.core.article import Article
from reader.core.article_cache import in_script
from reader.core.look import Look
from reader.ui.shell.screens import ArticleScreen
from reader.ui.widgets.article_view import ArticleView


class ArticlePage(ArticleScreen):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = ArticleView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.source: Article | None = None  # as stored (either script)

    @property
    def article(self) -> Article | None:
        """The article as displayed (in the current script)."""
        return self.view.article

    def show_article(self, article: Article, look: Look) -> None:
        self.source = article
        self.look = look
        self.view.show_article(in_script(article, look.script), look)

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        if self.source is not None:
            self.view.set_look(look, in_script(self.source, look.script))

    def window_title(self, look: Look) -> str:
        if self.view.article is None:
            return look.t("app.title")
        return self.view.article.title  # once, in the reader's script (see MainWindow)

    def scroll_area(self) -> QAbstractScrollArea:
        return self.view

    def focus_chain(self) -> list[QWidget]:
        return self.view.focus_chain()
