"""Which reader handles a file, by its kind. Plain text for now; web pages and Word
files are added by the import feature (issue 8) in this module."""

from __future__ import annotations

from pathlib import Path

from reader.core.article import Article
from reader.core.ingest import ingest_file


def read_article(path: str | Path) -> Article:
    return ingest_file(path)
