"""What the window needs from its two reading pages, the home page and the article page.

The window opens articles, goes home, offers 接着读 and 下一篇 and keeps the reader's
place; the pages that show all this belong to the reading feature (ui/reading/),
which the shell does not import. The composition root makes the pages and hands them to
`MainWindow`. These two base classes say what the window, and the features that reach
the pages through it, may use of them; reading's `HomePage` and `ArticlePage` fill them in.

They are base classes rather than typing.Protocols because the window also needs each
page to be a `Page` in its stack, and compares pages by identity
(`current_page() is article_page`); with a protocol, which cannot also be a `Page`,
mypy would take those comparisons as never true and stop checking what follows them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from reader.core.article import Article
from reader.core.look import Look
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.pages import ColumnPage, Page


class HomeScreen(ColumnPage):
    """The home page (首页): a tile per article, 接着读, the centre's line, the topic row."""

    name = "home"
    article_chosen = Signal(str)  # an article's id: its tile was clicked
    resume_chosen = Signal()  # 接着读 was clicked

    def set_articles(self, articles: list[Article], new_ids: Collection[str] = ()) -> None:
        """Show these articles (newest first), those in `new_ids` first, marked 新."""
        raise NotImplementedError

    def set_centre(self, name: str, phone: str) -> None:
        """The community centre's name and phone ("" = not filled in)."""
        raise NotImplementedError

    def set_resume(self, title: str) -> None:
        """The title 接着读 goes back to, in the displayed script; "" hides the button."""
        raise NotImplementedError

    def when_first_shown(self, hook: Callable[[], object]) -> None:
        """Run `hook` when home is first shown (at once if it has been)."""
        raise NotImplementedError

    def add_topic_button(self, button: QWidget) -> None:
        """A button in the row of topics below the articles."""
        raise NotImplementedError


class ArticleScreen(Page):
    """The article page: `view` (an ArticleView) showing the article being read."""

    name = "article"
    view: ArticleView
    source: Article | None  # the article as stored (either script); None before the first

    @property
    def article(self) -> Article | None:
        """The article as displayed, in the reader's script."""
        raise NotImplementedError

    def show_article(self, article: Article, look: Look) -> None:
        raise NotImplementedError
