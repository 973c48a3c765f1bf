"""Hostile files against the import limits (reader/core/limits.py): each is read in a
fresh process, which prints its time and peak memory and whether the file was read or
refused. Nothing is asserted; the regression tests check the outcomes."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from reader.core import limits
from tests.conftest import ROOT
from tests.support import hostile_imports as hostile

_PROBE = """
import resource, sys, time
start = time.perf_counter()
from reader.core.errors import ArticleFileError
from reader.core.formats import read_article
imported = time.perf_counter()
try:
    read_article(sys.argv[1])
    outcome = "read"
except ArticleFileError as exc:
    outcome = "refused: " + exc.message.split("，")[0]
took = time.perf_counter() - imported
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{took:.2f} s, peak {peak} MB, {outcome}")
"""

FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "page of 100,000 <br>": ("br.html", lambda: hostile.br_page(100_000)),
    "page of 500,000 <br>": ("br2.html", lambda: hostile.br_page(500_000)),
    f"page of {limits.MAX_HTML_ELEMENTS} small elements": (
        "busy.html", lambda: hostile.crowded_page(limits.MAX_HTML_ELEMENTS - 100)),
    "page over the element limit": (
        "crowded.html", lambda: hostile.crowded_page(2 * limits.MAX_HTML_ELEMENTS)),
    "page with <embed> before the article": ("embed.html", hostile.embed_page),
    ".docx of 1,000,000 empty paragraphs": (
        "empty.docx", lambda: hostile.empty_paragraphs_docx(1_000_000)),
    ".docx of 45,000 empty paragraphs": (
        "empty2.docx", lambda: hostile.empty_paragraphs_docx(45_000)),
    ".docx with a 50,000-deep basedOn chain": (
        "chain.docx", lambda: hostile.based_on_chain_docx(50_000)),
    "19 MB text of one-character lines": (
        "lines.txt", lambda: hostile.one_character_lines(19)),
    f"text of {limits.MAX_PARAGRAPHS} one-line paragraphs": (
        "paragraphs.txt",
        lambda: f"{hostile.PARAGRAPH}\n".encode() * limits.MAX_PARAGRAPHS),
    ".mht nested 5,000 deep": ("nested.mht", lambda: hostile.nested_mhtml(5000)),
}


def main() -> None:
    print(f"limits: {limits.MAX_BYTES // 2**20} MB a file, {limits.MAX_CHARS:,} characters, "
          f"{limits.MAX_LINES:,} lines, {limits.MAX_PARAGRAPHS:,} paragraphs, "
          f"{limits.MAX_HTML_ELEMENTS:,} page elements (nesting over "
          f"{limits.MAX_HTML_DEPTH} unwrapped), {limits.MAX_DOCX_ELEMENTS:,} Word XML "
          f"elements, {limits.MAX_DOCX_PARAGRAPHS:,} Word paragraphs, "
          f"{limits.MAX_MIME_PARTS} .mht parts")
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, make) in FILES.items():
            path = Path(folder) / name
            path.write_bytes(make())
            out = subprocess.run(
                [sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True,
                cwd=ROOT, timeout=600,
            )
            result = out.stdout.strip() or out.stderr.strip().splitlines()[-1]
            print(f"{label} ({path.stat().st_size:,} bytes): {result}")


if __name__ == "__main__":
    main()
