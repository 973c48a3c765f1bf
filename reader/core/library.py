"""The article library: the shipped seeds plus every article staff imported.

On disk, in `reader.paths.library_dir()`:
    index.json                  what is in the library, which articles are hidden
    index.json.bak              the index as it was before the last change
    articles/<id>/source.<ext>  the file as staff gave it, byte for byte
    articles/<id>/article.json  the cleaned article, plus the import choices (title
                                override, restored lines) that rebuild it from source
    articles/<id>/confirmed     made once the index names the article (see below)
    confirms                    this library marks confirmed articles (older ones did not)
    .lock                       held while a change is made (one program at a time)

Every file is written through `safe_files.atomic_write_bytes` (temp file, fsync,
os.replace) and the index is written last, so a crash or power cut at any moment
leaves the old library or the new one: an article folder the index does not name
yet is simply not in the library. A broken index is set aside (never overwritten)
and rebuilt from the backup and the article folders; staff see what happened in
`Library.problems`. Only folders marked `confirmed` come back in a rebuild: an import
killed before its index was written was never in the library, and a delete removes the
mark before the index. (The mark is written without fsync; every change, made under
the lock, first marks whatever the index names, so a mark lost to a power cut returns.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock, Timeout

from reader.core.article import Article, RemovedLine
from reader.core.errors import ArticleFileError, ReaderError
from reader.core.library_files import (
    ARTICLE_FILE,
    ARTICLES,
    BACKUP,
    CONFIRMED,
    CONFIRMS,
    INDEX,
    PUBLISHED,
    Entry,
    IndexState,
    article_file_bytes,
    has_folders,
    rebuild_state,
    remove_stale_temp_files,
    source_suffix,
)
from reader.core.safe_files import atomic_write_bytes, set_aside
from reader.core.strings import text

# reader.core.formats (HTML and Word readers, ~200 ms to import) and OpenCC are
# imported where a file is read or text compared, so the window can list the library
# at start-up without them.
Source = str | Path | bytes
LOCK = ".lock"  # held while a change is made (see Library._changing)
LOCK_WAIT_S = 20.0  # a change takes milliseconds; this long means something is stuck


class DuplicateArticle(ReaderError):
    """The text is already in the library; `existing` is the article it duplicates."""

    def __init__(self, message: str, existing: Article) -> None:
        super().__init__(message)
        self.existing = existing


@dataclass(frozen=True)
class LibraryItem:
    """An article with what the staff area shows beside it."""

    article: Article
    seed: bool
    hidden: bool
    added: float  # 0 for seeds
    source_name: str
    published: bool = False  # came in a content pack: hidden, never deleted, here


@dataclass(frozen=True)
class ImportPreview:
    """What an import would add: shown to staff before 保存."""

    article: Article
    source: bytes
    source_name: str
    restore_lines: tuple[int, ...] = ()
    title_override: str | None = None
    duplicate_of: Article | None = None

    @property
    def removed(self) -> tuple[RemovedLine, ...]:
        return self.article.removed


def text_digest(article: Article) -> str:
    """Same text, same digest: the body's letters and digits in simplified script,
    so a 繁體 copy, another file format or other punctuation of one article match."""
    body = "".join(block.text for block in article.blocks())
    from reader.core.script import convert

    letters = "".join(ch for ch in convert(body, "simplified") if ch.isalnum())
    return hashlib.sha256(letters.encode("utf-8")).hexdigest()


def _source_bytes(source: Source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or text("import.unnamed_file")
    from reader.core.formats import display_name, read_source

    path = Path(source)
    return read_source(path), name or display_name(path.name)


def preview_import(
    source: Source,
    name: str | None = None,
    restore_lines: Collection[int] = (),
    title_override: str | None = None,
) -> ImportPreview:
    """Turn a file into the article it would add, without touching the library.
    Call again with `restore_lines` (numbers from `preview.removed`) to keep lines the
    cleaning dropped, and `title_override` to replace the title found."""
    from reader.core.formats import read_bytes

    data, source_name = _source_bytes(source, name)
    restore = tuple(sorted(set(restore_lines)))
    article = read_bytes(data, source_name, "", keep_lines=restore)
    override = (title_override or "").strip() or None
    if override:
        article = replace(article, title=override)
    return ImportPreview(article, data, source_name, restore, override)


class Library:
    def __init__(
        self,
        path: str | Path | None = None,
        *,
        seeds: Callable[[], Iterable[Article]] | None = None,
    ) -> None:
        """`path`: the library folder (default: the user's). `seeds`: how to get the
        shipped articles (default: read the seed files; the window passes its cache)."""
        from reader.paths import library_dir

        self.path = Path(path) if path is not None else library_dir()
        self._read_seeds = seeds
        self.problems: list[str] = []  # plain Chinese, for the staff area and `doctor`
        self._seeds: dict[str, Article] | None = None
        self._published: dict[str, Article] | None = None
        self._state = IndexState()
        self._articles: dict[str, Article] = {}
        self._load()

    # ---- reading ----------------------------------------------------------------

    def reload(self) -> None:
        """Read the library again (another window, the command line or a content pack
        changed it)."""
        self._published = None
        self._load()

    def items(self, include_hidden: bool = False) -> list[LibraryItem]:
        """Newest first: by the date the article states, else the newest year it
        mentions, else when it was added."""
        items = [
            LibraryItem(a, True, a.id in self._state.hidden_seeds, 0.0, a.source_name)
            for a in self._seed_articles().values()
        ]
        items += [
            LibraryItem(a, False, a.id in self._state.hidden_seeds, 0.0, a.source_name, True)
            for a in self._published_articles().values()
        ]
        for entry in self._state.entries.values():
            article = self._articles.get(entry.id)
            if article is not None:
                items.append(LibraryItem(article, False, entry.hidden, entry.added,
                                         entry.source_name))
        items.sort(key=_newest_first, reverse=True)
        return [item for item in items if include_hidden or not item.hidden]

    def articles(self, include_hidden: bool = False) -> list[Article]:
        return [item.article for item in self.items(include_hidden)]

    def article(self, article_id: str) -> Article | None:
        return (self._seed_articles().get(article_id) or self._articles.get(article_id)
                or self._published_articles().get(article_id))

    def is_seed(self, article_id: str) -> bool:
        return article_id in self._seed_articles()

    def is_published(self, article_id: str) -> bool:
        return article_id in self._published_articles()

    def find_duplicate(self, article: Article) -> Article | None:
        digest = text_digest(article)
        for item in self.items(include_hidden=True):
            entry = self._state.entries.get(item.article.id)
            existing = entry.digest if entry else text_digest(item.article)
            if existing == digest:
                return item.article
        return None

    # ---- changing -----------------------------------------------------------------

    def preview(
        self,
        source: Source,
        name: str | None = None,
        restore_lines: Collection[int] = (),
        title_override: str | None = None,
    ) -> ImportPreview:
        result = preview_import(source, name, restore_lines, title_override)
        return replace(result, duplicate_of=self.find_duplicate(result.article))

    def add(
        self,
        source: Source,
        title_override: str | None = None,
        restore_lines: Collection[int] = (),
        name: str | None = None,
    ) -> Article:
        """Import a file (path or bytes). Raise ArticleFileError when it is not an
        article, DuplicateArticle when its text is already here."""
        return self.add_preview(self.preview(source, name, restore_lines, title_override))

    def add_preview(self, preview: ImportPreview) -> Article:
        with self._changing():
            return self._add_preview(preview)

    def _add_preview(self, preview: ImportPreview) -> Article:
        existing = self.find_duplicate(preview.article)
        if existing is not None:
            hidden = self._is_hidden(existing.id)
            raise DuplicateArticle(
                text("library.duplicate_hidden" if hidden else "library.duplicate",
                     title=existing.title),
                existing,
            )
        digest = text_digest(preview.article)
        entry = Entry(
            id=f"imp_{digest[:16]}",
            title=preview.article.title,
            source_file="source" + source_suffix(preview.source_name),
            source_name=preview.source_name,
            digest=digest,
            added=time.time(),
            title_override=preview.title_override,
            restore_lines=preview.restore_lines,
        )
        article = replace(preview.article, id=entry.id)
        folder = self.path / ARTICLES / entry.id
        state = IndexState(dict(self._state.entries), set(self._state.hidden_seeds))
        state.entries[entry.id] = entry
        self._write(
            [
                (folder / entry.source_file, preview.source),
                (folder / ARTICLE_FILE, article_file_bytes(entry, article)),
            ],
            state,
        )
        self._confirm(entry.id)
        self._articles[entry.id] = article
        return article

    def hide(self, article_id: str) -> None:
        self._set_hidden(article_id, True)

    def unhide(self, article_id: str) -> None:
        self._set_hidden(article_id, False)

    def delete(self, article_id: str) -> None:
        """Remove an imported article for good. Seeds can only be hidden."""
        with self._changing():
            self._delete(article_id)

    def _delete(self, article_id: str) -> None:
        if self.is_seed(article_id):
            raise ReaderError(text("library.seed_not_deleted"))
        if self.is_published(article_id):
            raise ReaderError(text("library.published_not_deleted"))
        if article_id not in self._state.entries:
            raise ReaderError(text("library.not_found"))
        state = IndexState(dict(self._state.entries), set(self._state.hidden_seeds))
        del state.entries[article_id]
        # Unmarked first: if the index below is never written, the next change marks it
        # again; if it is, no rebuild can bring the article back.
        with contextlib.suppress(OSError):
            (self.path / ARTICLES / article_id / CONFIRMED).unlink(missing_ok=True)
        self._write([], state)
        self._articles.pop(article_id, None)
        # The index no longer names it; a crash here only leaves an unused folder.
        shutil.rmtree(self.path / ARTICLES / article_id, ignore_errors=True)

    # ---- internals --------------------------------------------------------------------

    def _is_hidden(self, article_id: str) -> bool:
        entry = self._state.entries.get(article_id)
        return entry.hidden if entry else article_id in self._state.hidden_seeds

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        """One change at a time, across programs: the staff window and `python -m reader
        import` may save at the same moment. Each change is made on the library as it
        is on disk once the lock is held, so neither loses the other's article."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReaderError(
                text("library.not_writable"),
                exc.strerror or str(exc),
            ) from exc
        lock = FileLock(self.path / LOCK, timeout=LOCK_WAIT_S)
        try:
            lock.acquire()
        except Timeout as exc:
            raise ReaderError(
                text("library.busy"), str(exc)
            ) from exc
        except OSError as exc:  # a read-only or full library folder
            raise ReaderError(
                text("library.not_writable"),
                exc.strerror or str(exc),
            ) from exc
        try:
            self._load()  # as another window or the command line may have left it
            self._confirm_indexed()
            yield
        finally:
            lock.release()

    def _confirm(self, article_id: str) -> None:
        with contextlib.suppress(OSError):
            (self.path / ARTICLES / article_id / CONFIRMED).touch()

    def _confirm_indexed(self) -> None:
        """Mark every article the index names (a mark lost to a crash, or a library
        from before marks existed), then say the library uses marks."""
        for article_id in self._state.entries:
            folder = self.path / ARTICLES / article_id
            if folder.is_dir() and not (folder / CONFIRMED).exists():
                self._confirm(article_id)
        if not (self.path / CONFIRMS).exists():
            with contextlib.suppress(OSError):
                (self.path / CONFIRMS).touch()

    def _set_hidden(self, article_id: str, hidden: bool) -> None:
        with self._changing():
            self._set_hidden_now(article_id, hidden)

    def _set_hidden_now(self, article_id: str, hidden: bool) -> None:
        state = IndexState(dict(self._state.entries), set(self._state.hidden_seeds))
        if self.is_seed(article_id) or self.is_published(article_id):
            if hidden:
                state.hidden_seeds.add(article_id)
            else:
                state.hidden_seeds.discard(article_id)
        elif article_id in state.entries:
            state.entries[article_id] = replace(state.entries[article_id], hidden=hidden)
        else:
            raise ReaderError(text("library.not_found"))
        self._write([], state)

    def _write(self, files: list[tuple[Path, bytes]], state: IndexState) -> None:
        """Article files first, then a backup of the current index, then the index."""
        index = self.path / INDEX
        try:
            if not index.exists():
                # An (empty) index before any article file, so that a crash during
                # the first import leaves a library that still says what is in it.
                atomic_write_bytes(index, self._state.to_bytes())
            for path, data in files:
                atomic_write_bytes(path, data)
            if index.exists():
                atomic_write_bytes(self.path / BACKUP, index.read_bytes())
            atomic_write_bytes(index, state.to_bytes())
            self._published = None  # which pack articles staff's own now duplicate
        except OSError as exc:
            raise ReaderError(
                text("library.disk_full"), exc.strerror or str(exc)
            ) from exc
        self._state = state

    def _seed_articles(self) -> dict[str, Article]:
        if self._seeds is None and self._read_seeds is not None:
            self._seeds = {article.id: article for article in self._read_seeds()}
        if self._seeds is None:
            from reader.core.formats import read_article
            from reader.resources import seed_files

            self._seeds = {}
            for path in seed_files():
                try:
                    article = read_article(path)
                except ArticleFileError as exc:
                    self._problem(text("library.seed_unreadable", name=path.name,
                                       reason=exc.message))
                    continue
                self._seeds[article.id] = article
        return self._seeds

    def _published_articles(self) -> dict[str, Article]:
        """Articles of the last content pack applied (see content_store); they live in
        their own folder, so nothing here ever writes over them or they over staff's.
        One that staff already imported here is shown once, as staff's own."""
        if self._published is None:
            folder = self.path / PUBLISHED
            self._published = {}
            if folder.is_dir():  # (no import of the pack code on a PC without packs)
                from reader.core.content_store import ContentStore

                local = {entry.digest for entry in self._state.entries.values()}
                self._published = {a.id: a for a, digest in ContentStore(folder).articles()
                                   if digest not in local}
        return self._published

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def _load(self) -> None:
        remove_stale_temp_files(self.path)
        index = self.path / INDEX
        try:
            self._state = IndexState.from_bytes(index.read_bytes())
        except FileNotFoundError:
            self._state = self._rebuild_state() if self._has_folders() else IndexState()
            if self._state.entries:
                self._problem(text("library.index_missing"))
                self._write([], self._state)
        except (OSError, ValueError):  # JSONDecodeError and UnicodeError too
            self._state = self._rebuild_state()
            try:
                kept = set_aside(index)
            except OSError:
                # Cannot move it aside: use the rebuilt index without saving it, so
                # the broken file is never overwritten.
                self._problem(text("library.index_broken_stuck"))
            else:
                self._problem(
                    text("library.index_rebuilt", name=kept.name)
                )
                self._write([], self._state)
        self._articles = {}
        for entry in self._state.entries.values():
            article = self._load_article(entry)
            if article is not None:
                self._articles[entry.id] = article

    def _has_folders(self) -> bool:
        return has_folders(self.path)

    def _rebuild_state(self) -> IndexState:
        state, unconfirmed = rebuild_state(self.path)
        if unconfirmed:
            self._problem(text("library.unconfirmed", n=unconfirmed))
        return state

    def _load_article(self, entry: Entry) -> Article | None:
        folder = self.path / ARTICLES / entry.id
        try:
            data = json.loads((folder / ARTICLE_FILE).read_bytes().decode("utf-8"))
            return Article.from_json(data["article"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        # The cleaned copy is damaged: make it again from the source file.
        from reader.core.formats import read_bytes

        try:
            article = read_bytes(
                (folder / entry.source_file).read_bytes(), entry.source_name, entry.id,
                keep_lines=entry.restore_lines,
            )
        except (OSError, ReaderError):
            self._problem(text("library.article_unreadable", title=entry.title))
            return None
        if entry.title_override:
            article = replace(article, title=entry.title_override)
        with contextlib.suppress(OSError):
            atomic_write_bytes(folder / ARTICLE_FILE, article_file_bytes(entry, article))
        self._problem(text("library.article_redone", title=entry.title))
        return article


def _newest_first(item: LibraryItem) -> tuple[str, float]:
    article = item.article
    when = article.date or (str(article.year_hint) if article.year_hint else "")
    return when, item.added
