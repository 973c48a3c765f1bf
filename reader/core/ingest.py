"""File → Article: decode, clean, repair, structure, normalise punctuation, detect script.

The one way in for every article, seeds and imported files alike.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from reader.core import strings
from reader.core.article import Article
from reader.core.clean import Line, clean
from reader.core.decode import REPLACED, UNNAMED_FILE, decode_bytes
from reader.core.errors import ArticleFileError
from reader.core.limits import MAX_PARAGRAPHS, check_text, too_long
from reader.core.mirror_spam import collapse_doubled_punctuation, remove_inserted_pinyin
from reader.core.punctuation import normalize_punctuation
from reader.core.script import detect
from reader.core.structure import build

_YEAR = re.compile(r"((?:19|20)\d\d)年")
_SCRIPT_SAMPLE = 20_000  # characters enough to tell 简 from 繁, however long the article


def ingest_text(
    text: str,
    article_id: str,
    source_name: str = "",
    encoding: str = "utf-8",
    name: str = UNNAMED_FILE,
    *,
    keep_lines: Collection[int] = (),
    heading_lines: Collection[int] = (),
) -> Article:
    """`keep_lines`: line numbers never dropped as noise (restored by staff in the
    import preview); `heading_lines`: line numbers the source marked as headings
    (web page h1-h4, Word heading styles)."""
    check_text(text, name)
    paragraphs = sum(1 for line in text.split("\n") if line.strip())
    if paragraphs > MAX_PARAGRAPHS:
        raise too_long(name, "paragraphs", f"{paragraphs} paragraphs, limit {MAX_PARAGRAPHS}")
    lines, removed, date = clean(text, keep_lines)
    texts = remove_inserted_pinyin([line.text for line in lines])
    lines = [
        Line(line.no, collapse_doubled_punctuation(normalize_punctuation(text)))
        for line, text in zip(lines, texts, strict=True)
    ]
    if not lines:
        raise ArticleFileError(strings.text("import.only_noise", name=name))
    parts = build(lines, heading_lines)
    body = "".join(line.text for line in lines)
    years = [int(y) for y in _YEAR.findall(body)]
    return Article(
        id=article_id,
        title=parts.title,
        deck=parts.deck,
        byline=parts.byline,
        date=date,
        script=detect(body[:_SCRIPT_SAMPLE]),
        sections=tuple(parts.sections),
        removed=tuple(removed),
        column=parts.column,
        source_name=source_name,
        encoding=encoding,
        year_hint=max(years) if years else None,
        damaged_lines=damaged_lines(text),
        title_made=parts.title_made,
    )


def damaged_lines(text: str) -> tuple[int, ...]:
    """Numbers of the lines holding a byte the decoder replaced (\ufffd)."""
    if REPLACED not in text:
        return ()
    return tuple(
        no for no, line in enumerate(text.split("\n"), start=1) if REPLACED in line
    )


def ingest_bytes(data: bytes, article_id: str, source_name: str = "") -> Article:
    name = source_name or article_id
    text, encoding = decode_bytes(data, name)
    return ingest_text(text, article_id, source_name, encoding, name)


def ingest_file(path: str | Path) -> Article:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ArticleFileError(strings.text("import.not_found", name=path)) from exc
    except IsADirectoryError as exc:
        raise ArticleFileError(strings.text("import.is_folder", name=path)) from exc
    except OSError as exc:
        raise ArticleFileError(strings.text("import.cannot_open", name=path),
                               exc.strerror or "") from exc
    return ingest_bytes(data, path.stem, path.name)
