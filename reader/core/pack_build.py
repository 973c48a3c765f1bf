"""Building the next content pack in a publishing folder (the district office's side).

Packs are whole: each one holds every article, card and pronunciation entry that is
current, so a PC that was switched off for two months catches up with one download,
and what a pack no longer holds (retired) disappears from the PCs that apply it. The
builder starts from the newest pack already in the folder (checked against the
publisher's own key), adds and retires what it is told, and writes
`pack-<version>.zip` and then `feed.json`, each through a temp file and a rename, so
a web server or a PC reading the folder never sees a half-written file.
"""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core import pack_format, strings
from reader.core.errors import ReaderError
from reader.core.pack_format import (
    MANIFEST,
    PRONUNCIATIONS,
    SIGNATURE,
    FileEntry,
    Manifest,
    PackError,
    VerifiedPack,
    pack_file_name,
    read_pack,
    trusted_comment,
)
from reader.core.pack_source import FEED, Feed, FeedEntry
from reader.core.pronunciations import check_pronunciations
from reader.core.safe_files import atomic_write_bytes
from reader.core.signing import SecretKey

FEED_KEEP = 20  # packs listed in feed.json; a PC only ever needs the newest


@dataclass
class BuildRequest:
    articles: list[Path] = field(default_factory=list)
    cards: Path | None = None
    pronunciations: Path | None = None
    retire: list[str] = field(default_factory=list)
    note: str = ""
    publisher: str | None = None  # None: as in the previous pack


@dataclass(frozen=True)
class BuildResult:
    version: int
    path: Path
    added: list[str]  # "id  title" of new articles
    skipped: list[str]  # plain sentences: what was not added and why
    manifest: Manifest


def load_secret_key(path: Path) -> SecretKey:
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        message = strings.text("pack.build.secret_unreadable", path=path)
        raise ReaderError(message, str(exc)) from exc
    return SecretKey.from_text(text)


def read_feed(folder: Path) -> Feed | None:
    path = folder / FEED
    if not path.exists():
        return None
    return Feed.from_bytes(path.read_bytes())


def build_pack(key: SecretKey, folder: Path, request: BuildRequest) -> BuildResult:
    folder.mkdir(parents=True, exist_ok=True)
    feed = read_feed(folder)
    previous_version = max(
        [e.version for e in (feed.packs if feed else [])]
        + [_version_of(p) for p in folder.glob("pack-*.zip")],
        default=0,
    )
    files: dict[str, bytes] = {}
    titles: dict[str, str] = {}
    cards: set[str] = set()
    retired: list[str] = []
    publisher = request.publisher or ""
    if previous_version:
        previous = _previous_pack(folder, previous_version, key)
        files = dict(previous.files())
        titles = dict(previous.manifest.articles)
        cards = set(previous.manifest.cards)
        retired = list(previous.manifest.retired)
        if request.publisher is None:
            publisher = previous.manifest.publisher
    for item_id in request.retire:
        if item_id in titles:
            del titles[item_id]
            files = {n: d for n, d in files.items() if not n.startswith(f"articles/{item_id}/")}
        elif item_id in cards:
            cards.discard(item_id)
            files.pop(f"cards/{item_id}.toml", None)
        else:
            raise ReaderError(strings.text("pack.build.no_such_item", id=item_id))
        if item_id not in retired:
            retired.append(item_id)
    added, skipped = _add_articles(request.articles, files, titles)
    if request.cards is not None:
        cards |= _add_cards(request.cards, files)
    if request.pronunciations is not None:
        data = request.pronunciations.read_bytes()
        check_pronunciations(data, request.pronunciations.name)
        files[PRONUNCIATIONS] = data
    version = previous_version + 1
    manifest = Manifest(
        version=version,
        created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        publisher=publisher,
        note=request.note.replace("\n", " ").strip(),
        files={n: FileEntry(hashlib.sha256(d).hexdigest(), len(d)) for n, d in files.items()},
        articles=titles,
        cards=tuple(sorted(cards)),
        retired=tuple(r for r in retired if r not in titles and r not in cards),
    )
    manifest_bytes = manifest.to_bytes()
    signature = key.sign(manifest_bytes, trusted_comment(version, manifest_bytes))
    archive = _zip_bytes(manifest_bytes, signature, files)
    if len(archive) > pack_format.MAX_PACK_BYTES:  # every PC would refuse it
        raise ReaderError(strings.text("pack.build.too_big", size=len(archive) // 1024 // 1024,
                               limit=pack_format.MAX_PACK_BYTES // 1024 // 1024))
    path = folder / pack_file_name(version)
    atomic_write_bytes(path, archive)
    entry = FeedEntry(version, path.name, hashlib.sha256(archive).hexdigest(), len(archive),
                      manifest.created, manifest.note)
    packs = [entry, *(feed.packs if feed else [])][:FEED_KEEP]
    atomic_write_bytes(folder / FEED, Feed(publisher, manifest.created, packs).to_bytes())
    return BuildResult(version, path, added, skipped, manifest)


def _version_of(path: Path) -> int:
    stem = path.name.removeprefix("pack-").removesuffix(".zip")
    return int(stem) if stem.isdigit() else 0


def _previous_pack(folder: Path, version: int, key: SecretKey) -> VerifiedPack:
    path = folder / pack_file_name(version)
    try:
        return read_pack(path, key.public_key())
    except PackError as exc:
        raise ReaderError(
            strings.text("pack.build.previous_unusable", version=version, reason=exc.message),
            exc.detail,
        ) from exc


def _add_articles(
    sources: Iterable[Path], files: dict[str, bytes], titles: dict[str, str]
) -> tuple[list[str], list[str]]:
    from reader.core.library import preview_import, text_digest
    from reader.core.library_files import ARTICLE_FILE, Entry, article_file_bytes, source_suffix

    added: list[str] = []
    skipped: list[str] = []
    for source in sources:
        try:
            preview = preview_import(source)
        except ReaderError as exc:
            message = strings.text("pack.build.article_refused", name=source.name,
                                   reason=exc.message)
            raise ReaderError(message, exc.detail) from exc
        digest = text_digest(preview.article)
        article_id = f"pub_{digest[:16]}"
        if article_id in titles:
            skipped.append(strings.text("pack.build.already_in", name=source.name, id=article_id))
            continue
        entry = Entry(
            id=article_id,
            title=preview.article.title,
            source_file="source" + source_suffix(preview.source_name),
            source_name=preview.source_name,
            digest=digest,
            added=time.time(),
        )
        article = replace(preview.article, id=article_id)
        files[f"articles/{article_id}/{entry.source_file}"] = preview.source
        files[f"articles/{article_id}/{ARTICLE_FILE}"] = article_file_bytes(entry, article)
        titles[article_id] = article.title
        added.append(f"{article_id}  {article.title}")
    return added, skipped


def _add_cards(folder: Path, files: dict[str, bytes]) -> set[str]:
    from reader.core.cards import CardError, parse_card_file

    paths = sorted(folder.glob("*.toml"))
    if not paths:
        raise ReaderError(strings.text("pack.build.no_cards", folder=folder))
    ids: set[str] = set()
    for path in paths:
        try:
            card, _warnings = parse_card_file(path)
        except CardError as exc:
            message = strings.text("pack.build.card_refused", reason=exc.message)
            raise ReaderError(message, exc.detail) from exc
        files[f"cards/{card.id}.toml"] = path.read_bytes()
        ids.add(card.id)
    return ids


def _zip_bytes(manifest: bytes, signature: str, files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)
        archive.writestr(SIGNATURE, signature.encode("utf-8"))
        for name in sorted(files):
            archive.writestr(name, files[name])
    return buffer.getvalue()
