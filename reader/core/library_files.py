"""The library's files on disk: the index and the per-article records.

Kept apart from `library.py` (which decides what to write and when) so the formats
are in one place. Everything read here is checked before use: names that become
paths must be the ones `Library.add` writes, and a damaged file raises ValueError.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.core.article import Article

FORMAT = 1
INDEX = "index.json"
BACKUP = "index.json.bak"
ARTICLES = "articles"
ARTICLE_FILE = "article.json"
CONFIRMED = "confirmed"  # in an article folder: the index has named it
CONFIRMS = "confirms"  # in the library: folders are marked (absent in older libraries)
PUBLISHED = "published"  # the last content pack's files (reader.core.content_store)
_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SOURCE_FILE = re.compile(r"source(\.[a-z0-9]{1,8})?")
STALE_TEMP_SECONDS = 600  # older temp files are a crash's leftovers, not a save under way


@dataclass(frozen=True)
class Entry:
    """One imported article as the index records it."""

    id: str
    title: str
    source_file: str  # the file's name inside the article folder
    source_name: str  # the name of the file staff imported
    digest: str  # of the article text, to notice duplicates
    added: float  # Unix time
    hidden: bool = False
    title_override: str | None = None
    restore_lines: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["restore_lines"] = list(self.restore_lines)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Entry:
        try:
            entry = cls(
                id=str(data["id"]),
                title=str(data["title"]),
                source_file=str(data["source_file"]),
                source_name=str(data["source_name"]),
                digest=str(data["digest"]),
                added=float(data["added"]),
                hidden=bool(data.get("hidden", False)),
                title_override=_optional_text(data.get("title_override")),
                restore_lines=tuple(int(n) for n in data.get("restore_lines", ())),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"bad index entry: {exc!r}") from exc
        # Names become paths: accept only what `add` itself writes.
        if not _ID.fullmatch(entry.id) or not _SOURCE_FILE.fullmatch(entry.source_file):
            raise ValueError(f"bad index entry {entry.id!r}")
        return entry


@dataclass
class IndexState:
    entries: dict[str, Entry] = field(default_factory=dict)
    hidden_seeds: set[str] = field(default_factory=set)

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "articles": [e.to_json() for e in self.entries.values()],
            "hidden_seeds": sorted(self.hidden_seeds),
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> IndexState:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a library index")
        entries = [Entry.from_json(e) for e in data["articles"]]
        hidden = data.get("hidden_seeds", [])
        if not isinstance(hidden, list):
            raise ValueError("bad hidden_seeds")
        return cls({e.id: e for e in entries}, {str(s) for s in hidden})


def _optional_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError("title_override")


def article_file_bytes(entry: Entry, article: Article) -> bytes:
    data = article.to_json()
    data["source_name"] = article.source_name
    data["year_hint"] = article.year_hint
    entry_data = entry.to_json()
    entry_data.pop("hidden")  # kept in the index only: one place to change it
    return json.dumps(
        {"format": FORMAT, "entry": entry_data, "article": data}, ensure_ascii=False, indent=1
    ).encode("utf-8")


def entry_from_folder(folder: Path) -> Entry | None:
    try:
        data = json.loads((folder / ARTICLE_FILE).read_bytes().decode("utf-8"))
        entry = Entry.from_json(data["entry"])
        Article.from_json(data["article"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return entry if entry.id == folder.name else None


def source_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if _SAFE_SUFFIX.match(suffix) else ""


def remove_stale_temp_files(root: Path) -> None:
    """Temp files a power cut left behind (atomic_write_bytes names them .<name>.*.tmp)."""
    if not root.is_dir():
        return
    now = time.time()
    for temp in [*root.glob(".*.tmp"), *root.glob(f"{ARTICLES}/*/.*.tmp")]:
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()


def has_folders(root: Path) -> bool:
    return (root / ARTICLES).is_dir() and any((root / ARTICLES).iterdir())


def rebuild_state(root: Path) -> tuple[IndexState, int]:
    """An index from the backup (for hidden flags) and every confirmed article folder
    with a readable article file or source (articles saved after the backup count);
    and how many folders were left out as never confirmed. In a library from before
    confirmations every readable folder counts."""
    try:
        backup = IndexState.from_bytes((root / BACKUP).read_bytes())
    except (OSError, ValueError):
        backup = IndexState()
    state = IndexState(hidden_seeds=set(backup.hidden_seeds))
    folders = sorted((root / ARTICLES).glob("*/")) if has_folders(root) else []
    marked = (root / CONFIRMS).exists()
    unconfirmed = 0
    for folder in folders:
        if marked and not (folder / CONFIRMED).exists():
            unconfirmed += 1
            continue
        entry = entry_from_folder(folder) or backup.entries.get(folder.name)
        if entry is None or not (folder / entry.source_file).exists():
            continue
        old = backup.entries.get(entry.id)
        state.entries[entry.id] = replace(entry, hidden=old.hidden if old else False)
    return state, unconfirmed
