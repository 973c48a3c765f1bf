"""How clean real pages come in: title right, page junk left, real text kept, on the
corpus listed in tests/data/corpus/ (66 Chinese news, government and blog pages from
public repositories' test data, 47 encoding fixtures), for this program's pipeline and
for trafilatura and readability-lxml alone; and Word headings, lists and tables on the
shapes of tests/support/word_shapes.py. Prints numbers; asserts nothing.

The pages are not in this repository (their publishers' copyright): they are read from
local clones of the repositories named in tests/data/corpus/README.md, found under
$READER_CORPUS_MIRRORS (default /work/.mirror, as `owner+name/repo`).
`python -m tests.benchmarks bench_import_corpus [--list]` (--list: each page's misses).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import ArticleFileError
from reader.core.formats import read_bytes
from reader.core.page_bytes import decode_html
from reader.core.punctuation import normalize_punctuation
from reader.core.script import convert
from tests.support import word_shapes

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
MIRRORS = Path(os.environ.get("READER_CORPUS_MIRRORS", "/work/.mirror"))


@dataclass
class Extracted:
    title: str
    text: str  # everything a resident would be shown


@dataclass
class Score:
    titles: int = 0
    junk_left: int = 0
    junk: int = 0
    kept: int = 0
    markers: int = 0
    refused: int = 0
    seconds: float = 0.0


def squash(text: str) -> str:
    text = convert(normalize_punctuation(text), "simplified")
    text = text.replace("（", "(").replace("）", ")")  # a cut marker's half pair stays ASCII
    return re.sub(r"[\s\"'“”‘’「」]", "", text)


def source(repo: str, commit: str, path: str) -> bytes | None:
    folder = MIRRORS / repo.replace("/", "+") / "repo"
    if not folder.exists():
        return None
    out = subprocess.run(["git", "-C", str(folder), "show", f"{commit}:{path}"],
                         capture_output=True, check=False)
    return out.stdout if out.returncode == 0 else None


def ours(data: bytes, name: str) -> Extracted:
    article = read_bytes(data, name)
    parts = [article.title, article.deck, article.byline]
    for section in article.sections:  # in reading order
        parts += [section.heading or "", *(b.text for b in section.blocks)]
    return Extracted(article.title, "\n".join([*parts, article.column]))


def with_trafilatura(data: bytes, name: str) -> Extracted:
    import trafilatura

    html, _ = decode_html(data, name)
    document = trafilatura.bare_extraction(html, with_metadata=True, include_tables=True)
    if document is None:
        raise ArticleFileError("nothing extracted")
    title = document.title or ""
    return Extracted(title, f"{title}\n{document.text or ''}")


def with_readability(data: bytes, name: str) -> Extracted:
    import lxml.html
    from readability import Document

    html, _ = decode_html(data, name)
    document = Document(html)
    body = lxml.html.fromstring(document.summary(html_partial=True)).text_content()
    title = document.short_title()
    return Extracted(title, f"{title}\n{body}")


EXTRACTORS: dict[str, Callable[[bytes, str], Extracted]] = {
    "this program": ours,
    "trafilatura 2 (alone)": with_trafilatura,
    "readability-lxml (alone)": with_readability,
}


def pages() -> tuple[list[dict[str, object]], dict[str, str]]:
    manifest = json.loads((CORPUS / "pages.json").read_text(encoding="utf-8"))
    return manifest["pages"], manifest["commits"]


def score_pages(show: bool) -> None:
    entries, commits = pages()
    loaded = [(e, source(str(e["repo"]), commits[str(e["repo"])], str(e["path"])))
              for e in entries]
    missing = [e["id"] for e, data in loaded if data is None]
    if missing:
        print(f"{len(missing)} of {len(entries)} pages not found under {MIRRORS}: fetch the "
              f"repositories in tests/data/corpus/README.md. Scoring the rest.")
    loaded = [(e, data) for e, data in loaded if data is not None]
    for label, extract in EXTRACTORS.items():
        score = Score()
        for entry, data in loaded:
            assert data is not None
            name = f"{entry['id']}.html"
            start = time.perf_counter()
            try:
                got = extract(data, name)
            except ArticleFileError:
                got = Extracted("", "")
                score.refused += 1
            score.seconds += time.perf_counter() - start
            text = squash(got.text)
            title_right = squash(got.title) == squash(str(entry["title"]))
            junk = [j for j in entry["junk"] if squash(j) in text]  # type: ignore[attr-defined]
            lost = [m for m in entry["text"] if squash(m) not in text]  # type: ignore[attr-defined]
            score.titles += title_right
            score.junk += len(entry["junk"])  # type: ignore[arg-type]
            score.junk_left += len(junk)
            score.markers += len(entry["text"])  # type: ignore[arg-type]
            score.kept += len(entry["text"]) - len(lost)  # type: ignore[arg-type]
            if show and label == "this program" and (junk or lost or not title_right):
                print(f"  {entry['id']}: title {'ok' if title_right else repr(got.title)}"
                      f"; junk left {junk}; lost {lost}")
        n = len(loaded)
        print(f"{label}: title right {score.titles}/{n} ({score.titles / n:.0%}); "
              f"junk left {score.junk_left}/{score.junk} ({score.junk_left / score.junk:.1%}); "
              f"real text kept {score.kept}/{score.markers} ({score.kept / score.markers:.1%}); "
              f"refused {score.refused}; {score.seconds / n * 1000:.0f} ms a page")


def score_encodings() -> None:
    _, commits = pages()
    fixtures = json.loads((CORPUS / "encodings.json").read_text(encoding="utf-8"))
    right = total = 0
    wrong = []
    for fixture in fixtures:
        data = source(fixture["repo"], commits[fixture["repo"]], fixture["path"])
        if data is None:
            continue
        total += 1
        expected = data.decode(fixture["codec"], "replace")
        try:
            if fixture["path"].endswith((".html", ".htm")):
                text, _ = decode_html(data, "x.html")
            else:
                from reader.core.decode import decode_bytes

                text, _ = decode_bytes(data, "x.txt")
        except ArticleFileError:
            text = ""
        same = text.replace("\r\n", "\n") == expected.replace("\r\n", "\n").replace("\r", "\n")
        right += same
        if not same:
            wrong.append(fixture["path"])
    print(f"encodings right: {right}/{total}" + (f"; wrong: {wrong}" if wrong else ""))


def score_word() -> None:
    article = read_bytes(word_shapes.report_docx(), "report.docx")
    found = {s.heading for s in article.sections if s.heading}
    shown = "\u3000".join(found)
    kept = sum(1 for heading in word_shapes.REPORT_HEADINGS if heading in shown)
    texts = [b.text for b in article.blocks()]
    lists = sum(1 for item in word_shapes.REPORT_LIST_ITEMS if item in texts)
    rows = sum(1 for row in word_shapes.REPORT_TABLE_ROWS if row in texts)
    total = len(word_shapes.REPORT_HEADINGS)
    print(f"Word headings kept: {kept}/{total} ({kept / total:.0%}); list items with their "
          f"numbers {lists}/{len(word_shapes.REPORT_LIST_ITEMS)}; table rows as 列名：内容 "
          f"{rows}/{len(word_shapes.REPORT_TABLE_ROWS)}; title {article.title!r}")


def main() -> None:
    score_pages(show="--list" in sys.argv)
    score_encodings()
    score_word()


if __name__ == "__main__":
    main()
