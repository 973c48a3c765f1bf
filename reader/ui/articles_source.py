"""Where the home page gets its articles: `load_articles()`, newest first.

Until the article library (reader/core/library.py) exists this lists the shipped seeds.
Switching to the library is the one marked line in `load_articles`. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reader.core.article import Article


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """By the stated date when there is one, else by the newest year named in the text;
    articles with neither go last. Ties keep their order (stable sort)."""

    def key(article: Article) -> tuple[int, str]:
        if article.date:
            return int(article.date[:4]), article.date
        return (article.year_hint or 0), ""

    return sorted(articles, key=key, reverse=True)


def _ingest(path: Path) -> Article:
    from reader.core.ingest import ingest_file  # imported only when the cache is stale

    return ingest_file(path)


def load_articles() -> list[Article]:
    """Every article for the home page, newest first."""
    from reader.resources import seed_files
    from reader.ui.article_cache import cached_articles

    # The switch to the library is this one line (e.g. library.all_articles()):
    articles = cached_articles(seed_files(), _ingest)
    return newest_first(articles)
