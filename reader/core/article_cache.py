"""Articles ready to show, without re-reading their files on every start.

Turning a file into an Article (decoding, cleaning, script detection) and converting it
to the other script both need OpenCC's dictionaries, which take ~30 ms each to load;
together with the imports that is about as long as Qt needs to open the window. So the
results are kept in a JSON file in the user's data folder, keyed by each source file's
size and modification time and by the program's code, and the window starts from that.
A missing, stale or broken cache file just means the articles are read again. Qt-free.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

from reader import __version__, paths
from reader.core.article import Article, Block, RemovedLine, Script, Section

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
# the reader/core modules whose code shapes an Article (ingest and script conversion)
_BUILDERS = ("article", "ingest", "clean", "decode", "repair", "structure", "punctuation",
             "script", "formats")
SCRIPTS: tuple[Script, ...] = ("simplified", "traditional")

# (article, script) -> the same article converted; filled from the cache file and by use
_variants: dict[tuple[Article, Script], Article] = {}


def cache_file() -> Path:
    return paths.data_dir() / "cache" / "articles.json"


def _code_stamp() -> str:
    """Changes whenever the code that builds articles changes (a new version, or an
    edited file in a source checkout), so an old cache is never trusted."""
    core = Path(__file__).resolve().parent.parent / "core"
    try:
        newest = max((core / f"{name}.py").stat().st_mtime_ns for name in _BUILDERS)
    except OSError:
        newest = 0
    return f"{CACHE_FORMAT}:{__version__}:{newest}"


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title, "deck": article.deck,
        "byline": article.byline, "date": article.date, "script": article.script,
        "column": article.column, "source_name": article.source_name,
        "encoding": article.encoding, "year_hint": article.year_hint,
        "sections": [
            {"heading": s.heading, "blocks": [[b.id, b.kind, b.text] for b in s.blocks]}
            for s in article.sections
        ],
        "removed": [[r.line_no, r.text, r.reason] for r in article.removed],
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    return Article(
        id=data["id"], title=data["title"], deck=data["deck"], byline=data["byline"],
        date=data["date"], script=data["script"], column=data["column"],
        source_name=data["source_name"], encoding=data["encoding"],
        year_hint=data["year_hint"],
        sections=tuple(
            Section(s["heading"], tuple(Block(i, kind, text) for i, kind, text in s["blocks"]))
            for s in data["sections"]
        ),
        removed=tuple(RemovedLine(n, text, reason) for n, text, reason in data["removed"]),
    )


def in_script(article: Article, script: Script) -> Article:
    """`article` with its text in `script` (the same object when it is already)."""
    if article.script == script:
        return article
    hit = _variants.get((article, script))
    if hit is None:
        from reader.core.script import convert

        hit = article.map_text(lambda text: convert(text, script), script)
        _variants[(article, script)] = hit
    return hit


def _read_cache() -> dict[str, Any]:
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != _code_stamp():
        return {}
    return cast(dict[str, Any], data.get("files", {}))


def _write_cache(files: dict[str, Any]) -> None:
    target = cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps({"stamp": _code_stamp(), "files": files},
                                  ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:  # a read-only data folder only costs start-up time
        log.warning("article cache not written: %s", exc)


def cached_articles(sources: Iterable[Path],
                    ingest: Callable[[Path], Article]) -> list[Article]:
    """Articles for `sources` (files), from the cache where it is current, otherwise by
    `ingest` (which may raise; such a file is skipped and logged). Both script versions
    of each article are kept, so the first 简/繁 switch needs no dictionary loading."""
    old = _read_cache()
    files: dict[str, Any] = {}
    articles: list[Article] = []
    changed = False
    for path in sources:
        key = str(path.resolve())
        try:
            stat = path.stat()
        except OSError:
            continue
        stamp = [stat.st_size, stat.st_mtime_ns]
        entry = old.get(key)
        article = None
        if entry and entry.get("stamp") == stamp:
            try:
                article = article_from_dict(entry["article"])
                for script, variant in entry["variants"].items():
                    _variants[(article, script)] = article_from_dict(variant)
            except (KeyError, TypeError, ValueError):
                article = None
        if article is None:
            try:
                article = ingest(path)
            except Exception as exc:  # one unreadable file must not empty the list
                log.warning("skipping %s: %s", path, exc)
                continue
            changed = True
            entry = {"stamp": stamp, "article": article_to_dict(article), "variants": {
                s: article_to_dict(in_script(article, s)) for s in SCRIPTS if s != article.script
            }}
        files[key] = entry
        articles.append(article)
    if changed or set(files) != set(old):
        _write_cache(files)
    return articles
