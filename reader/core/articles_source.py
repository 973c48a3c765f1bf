"""Where the home page gets its articles: `ArticlesSource.load()`, newest first.

The articles come from the library (reader/core/library.py): the shipped seeds, minus
those staff hid, plus what staff imported. The source also keeps what was wrong with
the library files at its last load, for staff. Qt-free.
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


def cached_seeds() -> list[Article]:
    from reader.core.article_cache import cached_articles
    from reader.resources import seed_files

    return cached_articles(seed_files(), _ingest)


def new_article_ids() -> set[str]:
    """Articles a content pack brought this week (home marks them 新)."""
    from reader import paths
    from reader.core.library_files import PUBLISHED

    folder = paths.library_dir() / PUBLISHED
    if not folder.is_dir():
        return set()
    from reader.core.content_store import ContentStore

    return ContentStore(folder).new_article_ids()


class ArticlesSource:
    """Loads the articles residents may see, and keeps `problems`: what was wrong with
    the library files at its last load (plain Chinese, for staff). They are kept because
    a broken index is repaired by that load: a later look finds it fine."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def load(self) -> list[Article]:
        """Every article residents may see (not hidden), newest first: the seeds from
        the cache and the imported articles from the library's cleaned copies, so no
        file is parsed at start-up."""
        from reader import paths

        if not paths.library_dir().exists():
            # Nothing imported or hidden yet (the library folder is made by the first
            # change): the seeds alone, without importing the library code (~10 ms).
            self.problems = []
            return newest_first(cached_seeds())
        from reader.core.library import Library

        library = Library(seeds=cached_seeds)
        self.problems = list(library.problems)
        return newest_first(library.articles())


def load_articles() -> list[Article]:
    """The articles alone, for a caller that tells no one about broken library files
    (tools, benchmarks, tests): see ArticlesSource."""
    return ArticlesSource().load()
