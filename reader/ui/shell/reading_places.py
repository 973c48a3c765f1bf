"""Where each article was left, so nobody loses their place: going home (Esc, 首页) and
back to an article returns to the same paragraph, home offers 接着读 for the last
article, and each article ends with 下一篇. The community-mode reset forgets it all.

Kept in the session (a block id per article) and, for 接着读 after a restart, in the
settings (`resume_article`, `resume_block`). The window's `last_article` is a different
thing: whether the next start opens an article by itself (not after going home).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.article import Article
from reader.ui.shell.settings import Settings


class ReadingPlaces:
    def __init__(self, settings: Settings, articles: Callable[[], list[Article]]) -> None:
        self.settings = settings
        self._articles = articles  # the window's list, in home's order (staff change it)
        self.places: dict[str, str] = {}  # article id -> block at the top when last left

    def left_at(self, article_id: str, block_id: str) -> None:
        """The reader's place in `article_id` is now `block_id` (the top of the view)."""
        if block_id:
            self.places[article_id] = block_id
            self.settings.set("resume_article", article_id)
            self.settings.set("resume_block", block_id)

    def opened(self, article_id: str, block_id: str) -> None:
        self.settings.set("resume_article", article_id)
        self.settings.set("resume_block", block_id)
        if block_id:
            self.places[article_id] = block_id

    def place_in(self, article_id: str) -> str | None:
        """Where to open `article_id` when no place is asked for: where it was left, this
        session or (for the last article read) the last one."""
        if article_id in self.places:
            return self.places[article_id]
        if self.settings.get("resume_article") == article_id:
            return self.settings.get("resume_block") or None
        return None

    def resume_article(self) -> Article | None:
        """The article 接着读 offers."""
        wanted = self.settings.get("resume_article")
        return next((a for a in self._articles() if a.id == wanted), None) if wanted else None

    def after(self, article_id: str) -> Article | None:
        """The article 下一篇 opens: the next one on home, none after the last."""
        articles = self._articles()
        ids = [a.id for a in articles]
        if article_id not in ids:
            return None
        index = ids.index(article_id) + 1
        return articles[index] if index < len(ids) else None

    def forget(self) -> None:
        """For the next resident: no 接着读, every article from its top."""
        self.places.clear()
        self.settings.set("resume_article", "")
        self.settings.set("resume_block", "")
