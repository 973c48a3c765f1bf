"""How much an imported file may hold, so that every import ends in seconds with
bounded memory on a shared PC with 2 GB free.

A news article is a few thousand characters in tens of paragraphs; a long Word
report is a few thousand paragraphs; a busy news page is 300–5,000 elements. Each
limit below is at least ten times that, and each is checked before the work it
guards (parsing, extraction, cleaning), so a hostile file is refused early instead
of being half processed. `tests/benchmarks/bench_import_limits.py` prints the time
and peak memory of the worst files each limit lets through and of those it refuses.
"""

from __future__ import annotations

from reader.core import strings
from reader.core.errors import ArticleFileError

MAX_BYTES = 20 * 1024 * 1024  # a file as read from disk
MAX_CHARS = 10_000_000  # decoded text: 20 MB of UTF-8 Chinese is 7 million
MAX_LINES = 100_000  # lines of decoded text, blank ones included
MAX_PARAGRAPHS = 20_000  # non-blank lines that go on to cleaning
MAX_HTML_ELEMENTS = 20_000  # elements of a page, after runs of <br> are collapsed
MAX_HTML_DEPTH = 60  # nesting kept as is; deeper wrappers (div, span…) are unwrapped
MAX_DOCX_ELEMENTS = 600_000  # XML elements of a Word file's text part (runs, properties…)
MAX_DOCX_PARAGRAPHS = 50_000  # Word paragraphs, empty ones included
MAX_MIME_PARTS = 200  # parts of a page saved as one file (.mht): a page and its images


def too_long(name: str, what: str, detail: str) -> ArticleFileError:
    """The refusal for a file over one of the limits: plain words for staff, the
    limit itself for the log. `what` names what there is too much of (the end of an
    "import.what.*" strings key: chars, lines, paragraphs, elements, content, parts)."""
    return ArticleFileError(
        strings.text("import.too_many", name=name, what=strings.text(f"import.what.{what}")),
        detail)


def too_big(name: str, size: int) -> ArticleFileError:
    return ArticleFileError(
        strings.text("import.too_big", name=name, mb=size // (1024 * 1024)),
        f"limit {MAX_BYTES // (1024 * 1024)} MB",
    )


def check_text(text: str, name: str) -> None:
    """Refuse decoded text over the character or line limits (counted in C, before
    anything splits it into millions of strings)."""
    if len(text) > MAX_CHARS:
        raise too_long(name, "chars", f"{len(text)} characters, limit {MAX_CHARS}")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise too_long(name, "lines", f"{lines} lines, limit {MAX_LINES}")
