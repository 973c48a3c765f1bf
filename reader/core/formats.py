"""Which reader handles a file, by its kind, and the one call that turns any accepted
file into an Article.

Kinds: plain text (.txt, any Chinese encoding), saved web pages (.html/.htm), pages
saved as one file (.mhtml/.mht) and Word files (.docx). The kind is taken from the
content first and the extension second, because files arrive misnamed: Chinese
government sites serve web pages named .doc, browsers save .mht as .htm, chat apps
drop extensions. Every kind becomes numbered text lines and goes through
`ingest_text`, so cleaning, repair and structure are the same for all of them.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from reader.core import strings
from reader.core.article import Article, RemovedLine
from reader.core.decode import check_bytes, decode_bytes
from reader.core.errors import ArticleFileError
from reader.core.formats_docx import docx_text, looks_like_docx
from reader.core.formats_html import DROPPED_REASON, page_text
from reader.core.ingest import ingest_text
from reader.core.limits import MAX_BYTES, too_big
from reader.core.page_bytes import decode_html, html_from_mhtml, looks_like_html, looks_like_mhtml

# What the file picker offers, and the kind each extension means when content is unclear.
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".docx": "docx",
}
_HINTS = {  # extension -> strings key of how to make it one we read
    ".doc": "import.old_word",
    ".wps": "import.wps",
    ".pdf": "import.pdf",
    ".rtf": "import.rtf",
}
_MAGIC = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),  # old Office (OLE2) file
    (b"%PDF-", ".pdf"),
    (b"{\\rtf", ".rtf"),
]
MIN_CHINESE = 10  # characters of Chinese an article must have
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SUPPORTED_TEXT = strings.text("import.supported")


def read_article(path: str | Path, *, keep_lines: Collection[int] = ()) -> Article:
    """Any accepted file → Article (id: the file's stem). Raise ArticleFileError."""
    path = Path(path)
    name = display_name(path.name)
    return read_bytes(read_source(path), name, Path(name).stem, keep_lines=keep_lines)


def display_name(name: str) -> str:
    """A file name as people should see it, always valid text. Names that are not UTF-8
    on disk (a zip made on a Chinese Windows PC unpacks them as GBK bytes) come from
    the system as undecodable escapes; they are read as GBK, or shown with \ufffd."""
    raw = os.fsencode(name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")  # gb18030 decodes nearly anything; kept safe


def read_source(path: Path) -> bytes:
    """A file's bytes, refusing folders, missing files and oversized files before
    reading them."""
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise ArticleFileError(strings.text("import.is_folder", name=display_name(str(path))))
        if not stat.S_ISREG(status.st_mode):  # a device or pipe could be read forever
            raise ArticleFileError(strings.text("import.not_regular",
                                                name=display_name(str(path))))
        size = status.st_size
        if size > MAX_BYTES:
            raise too_big(display_name(path.name), size)
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)  # a file still growing is refused later
    except FileNotFoundError as exc:
        raise ArticleFileError(strings.text("import.not_found",
                                            name=display_name(str(path)))) from exc
    except OSError as exc:
        raise ArticleFileError(
            strings.text("import.cannot_open", name=display_name(str(path))), exc.strerror or ""
        ) from exc


def file_kind(data: bytes, name: str) -> str:
    """"text", "html", "mhtml" or "docx"; ArticleFileError for anything else."""
    extension = Path(name).suffix.lower()
    if looks_like_docx(data):
        return "docx"
    for magic, refused in _MAGIC:
        if data.startswith(magic):
            raise ArticleFileError(_refused(name, refused))
    if data.startswith(b"PK\x03\x04"):
        raise ArticleFileError(strings.text("import.zip", name=name))
    if EXTENSIONS.get(extension) != "text":
        if looks_like_mhtml(data):
            return "mhtml"
        if looks_like_html(data):
            return "html"
    if EXTENSIONS.get(extension) == "html" and b"<" not in data[:4096]:
        return "text"  # a text file someone named .html: its line breaks are paragraphs
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if extension in _HINTS:
        raise ArticleFileError(_refused(name, extension))
    if not extension:
        return "text"
    raise ArticleFileError(strings.text("import.unknown_kind", name=name, extension=extension,
                                        supported=SUPPORTED_TEXT))


def _refused(name: str, extension: str) -> str:
    return strings.text("import.refused_kind", name=name, why=strings.text(_HINTS[extension]))


def read_bytes(
    data: bytes, name: str, article_id: str = "", *, keep_lines: Collection[int] = ()
) -> Article:
    """File contents → Article. `keep_lines`: numbers of removed lines to keep after
    all (staff restored them in the import preview). The one verdict on a file, for the
    window's import, `python -m reader import` and `python -m reader article` alike."""
    article = _read_bytes(data, name, article_id, keep_lines)
    chinese = 0
    for block in article.blocks():
        chinese += len(_CJK.findall(block.text))
        if chinese >= MIN_CHINESE:
            break
    if chinese < MIN_CHINESE:  # a settings file, a log, an English page: not news for us
        raise ArticleFileError(strings.text("import.no_chinese", name=name))
    return article


def _read_bytes(
    data: bytes, name: str, article_id: str, keep_lines: Collection[int]
) -> Article:
    check_bytes(data, name)
    kind = file_kind(data, name)
    if kind == "text":
        text, encoding = decode_bytes(data, name)
        return ingest_text(text, article_id, name, encoding, name, keep_lines=keep_lines)
    if kind == "docx":
        document = docx_text(data, name)
        if not document.lines:
            raise ArticleFileError(strings.text("import.no_text", name=name))
        return ingest_text(
            "\n".join(document.lines), article_id, name, "docx", name,
            keep_lines=keep_lines, heading_lines=document.headings,
        )
    declared = None
    if kind == "mhtml":
        data, declared = html_from_mhtml(data, name)
    html, encoding = decode_html(data, name, declared)
    return _article_from_page(html, name, article_id, encoding, keep_lines)


def _article_from_page(
    html: str, name: str, article_id: str, encoding: str, keep_lines: Collection[int]
) -> Article:
    page = page_text(html, name)
    shown = page.kept | set(keep_lines)
    # Dropped lines become blank lines, so every line keeps its number in the page.
    text = "\n".join(
        line if no in shown else "" for no, line in enumerate(page.lines, start=1)
    )
    # The headline the page's title agrees with is never cleaned away ("抖抖抖" in it is
    # not a spam title's repeated character).
    protected = {*keep_lines, *([page.title_line] if page.title_line else [])}
    article = ingest_text(
        text, article_id, name, encoding, name,
        keep_lines=protected, heading_lines=page.headings & shown,
    )
    dropped = [
        RemovedLine(no, line, DROPPED_REASON)
        for no, line in enumerate(page.lines, start=1)
        if no not in shown
    ]
    removed = tuple(sorted([*article.removed, *dropped], key=lambda r: r.line_no))
    return replace(article, removed=removed, date=article.date or page.date)
