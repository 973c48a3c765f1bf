"""The home page's article list: order, and the start-up cache (no Qt)."""

import json
import os
import sys
from pathlib import Path

from reader import paths
from reader.core import article_cache
from reader.core.article import Article
from reader.core.article_cache import (
    article_from_dict,
    article_to_dict,
    cache_file,
    cached_articles,
    in_script,
)
from reader.core.articles_source import ArticlesSource, load_articles, newest_first
from reader.core.ingest import ingest_file
from reader.core.library import Library
from tests.conftest import ROOT, SEEDS


def test_newest_first_by_date_then_year_hint() -> None:
    old = Article(id="a", title="旧", year_hint=2023)
    new = Article(id="b", title="新", year_hint=2025)
    dated = Article(id="c", title="有日期", date="2025-06-01", year_hint=2020)
    bare = Article(id="d", title="没有年份")
    assert [a.id for a in newest_first([old, bare, new, dated])] == ["c", "b", "a", "d"]


def test_load_articles_lists_both_seeds_newest_first() -> None:
    articles = load_articles()
    assert [a.id for a in articles] == ["003_bcc1e477f3fe7536", "000_dd9696c1479e7cb6"]


def test_a_source_keeps_the_library_problems_of_its_last_load() -> None:
    added = Library().add(ROOT / "tests" / "data" / "import" / "heating_gbk.txt")
    index = paths.library_dir() / "index.json"
    index.write_text('{"format": 1, "articles": [ broken', encoding="utf-8")
    source = ArticlesSource()
    assert source.problems == []  # nothing loaded yet
    assert added.id in [a.id for a in source.load()]  # rebuilt from the article folders
    assert len(source.problems) == 1 and "目录文件坏了" in source.problems[0]
    # That load repaired the index: another source finds nothing wrong, and this one
    # forgets the problem at its next load.
    other = ArticlesSource()
    assert added.id in [a.id for a in other.load()]
    assert other.problems == []
    assert len(source.problems) == 1
    source.load()
    assert source.problems == []


def test_dict_round_trip_keeps_every_field() -> None:
    for seed in SEEDS:
        article = ingest_file(seed)
        again = article_from_dict(json.loads(json.dumps(article_to_dict(article))))
        assert again == article
        assert (again.year_hint, again.source_name) == (article.year_hint, article.source_name)


def test_cache_is_used_until_the_file_changes(tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_bytes(SEEDS[0].read_bytes())
    calls: list[Path] = []

    def counting_ingest(path: Path) -> Article:
        calls.append(path)
        return ingest_file(path)

    first = cached_articles([source], counting_ingest)
    second = cached_articles([source], counting_ingest)
    assert len(calls) == 1 and first == second
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    cached_articles([source], counting_ingest)
    assert len(calls) == 2


def test_broken_cache_file_means_reading_again(tmp_path: Path) -> None:
    cached_articles(SEEDS, ingest_file)
    cache_file().write_text("{not json", encoding="utf-8")
    calls: list[Path] = []

    def counting_ingest(path: Path) -> Article:
        calls.append(path)
        return ingest_file(path)

    articles = cached_articles(SEEDS, counting_ingest)
    assert len(calls) == len(SEEDS) and len(articles) == len(SEEDS)
    assert json.loads(cache_file().read_text(encoding="utf-8"))["files"]


def test_an_unreadable_source_is_skipped_not_fatal(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    articles = cached_articles([empty, SEEDS[0]], ingest_file)
    assert [a.source_name for a in articles] == [SEEDS[0].name]


def test_both_scripts_come_from_the_cache_without_opencc() -> None:
    """A warm start shows either script without loading OpenCC (checked in a fresh
    interpreter, since this one has loaded it already)."""
    import subprocess

    cached_articles(SEEDS, ingest_file)
    code = (
        "import sys\n"
        "from reader.core.articles_source import load_articles\n"
        "from reader.core.article_cache import in_script\n"
        "for a in load_articles():\n"
        "    in_script(a, 'simplified'); in_script(a, 'traditional')\n"
        "print('opencc' in sys.modules, 'reader.core.ingest' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=os.environ.copy()).stdout
    assert out.split() == ["False", "False"]


def test_in_script_converts_and_keeps_ids() -> None:
    article = ingest_file(SEEDS[1])  # written in 繁體
    simplified = in_script(article, "simplified")
    assert simplified.script == "simplified" and simplified.title != article.title
    assert [b.id for b in simplified.blocks()] == [b.id for b in article.blocks()]
    assert in_script(article, "traditional") is article
    assert in_script(article, "simplified") is simplified  # memoised
    assert article_cache._variants[(article, "simplified")] is simplified
