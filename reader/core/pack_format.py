"""The content pack file: a zip with a signed manifest, read as if it were hostile.

    pack-000012.zip
        manifest.json            version, date, publisher, note, every file's sha256
        manifest.json.minisig    the manifest's signature (minisign format)
        articles/<id>/article.json   a cleaned article, in the library's own format
        articles/<id>/source.<ext>   the file it was made from
        cards/<id>.toml          topic cards
        pronunciations.txt       pronunciation entries (optional)

Nothing in a pack is trusted before its manifest's signature checks against the key
staff set, and then nothing is used that the manifest does not name with its hash.
Names are checked against the few shapes above before they are used as paths, so an
absolute path, `..`, a drive letter, a link, a duplicate or an unexpected file stops
the pack; sizes are checked against limits before anything is decompressed (zip bombs).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import ReaderError
from reader.core.strings import STRINGS

if TYPE_CHECKING:
    import zipfile

    from reader.core.signing import PublicKey

# zipfile and the signature code (cryptography) are imported where a pack is read: the
# window reads the installed manifest at start-up and needs neither.

FORMAT = 1
KIND = "大字读报内容包"
MANIFEST = "manifest.json"
SIGNATURE = MANIFEST + ".minisig"
PRONUNCIATIONS = "pronunciations.txt"
MAX_PACK_BYTES = 64 * 1024 * 1024  # a year of weekly articles with their Word files fits
MAX_FILE_BYTES = 21 * 1024 * 1024  # the library's limit for one source file, and a bit
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_FILES = 5000
MAX_RATIO = 200  # text compresses ~5-10x; 1000x is a bomb
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
_NAME = re.compile(
    r"articles/(?P<article>[A-Za-z0-9_-]{1,64})/(?:article\.json|source(?:\.[a-z0-9]{1,8})?)"
    r"|cards/(?P<card>[A-Za-z0-9_-]{1,64})\.toml"
    r"|" + re.escape(PRONUNCIATIONS)
)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

NOT_SIGNED = STRINGS["pack.refused.not_signed"]
BROKEN = STRINGS["pack.refused.broken"]


class PackError(ReaderError):
    """A pack that must not be used; `message` is what staff read."""


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    version: int
    created: str  # ISO 8601, UTC
    publisher: str
    note: str
    files: dict[str, FileEntry]
    articles: dict[str, str]  # id -> title
    cards: tuple[str, ...]
    retired: tuple[str, ...]

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "kind": KIND,
            "version": self.version,
            "created": self.created,
            "publisher": self.publisher,
            "note": self.note,
            "articles": [{"id": i, "title": t} for i, t in self.articles.items()],
            "cards": list(self.cards),
            "retired": list(self.retired),
            "files": {
                n: {"sha256": f.sha256, "size": f.size} for n, f in sorted(self.files.items())
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("kind") != KIND:
                raise ValueError("not a content pack manifest")
            if data.get("format") != FORMAT:
                raise PackError(STRINGS["pack.refused.newer_format"], "manifest format")
            version = data["version"]
            if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                raise ValueError("version")
            files = {str(n): _file_entry(f) for n, f in _dict(data["files"]).items()}
            articles = {str(a["id"]): str(a["title"]) for a in _list(data["articles"])}
            manifest = cls(
                version=version,
                created=str(data["created"]),
                publisher=str(data.get("publisher", "")),
                note=str(data.get("note", "")),
                files=files,
                articles=articles,
                cards=tuple(str(c) for c in _list(data["cards"])),
                retired=tuple(str(r) for r in _list(data.get("retired", []))),
            )
        except PackError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PackError(BROKEN, f"manifest: {exc!r}") from exc
        manifest.check_names()
        return manifest

    def check_names(self) -> None:
        for name in self.files:
            if not _NAME.fullmatch(name):
                raise PackError(BROKEN, f"unexpected file name {name!r}")
        ids = [*self.articles, *self.cards, *self.retired]
        if not all(_ID.fullmatch(i) for i in ids):
            raise PackError(BROKEN, "bad id in manifest")
        for article_id in self.articles:
            if f"articles/{article_id}/article.json" not in self.files:
                raise PackError(BROKEN, f"article {article_id} has no article.json")
        for card_id in self.cards:
            if f"cards/{card_id}.toml" not in self.files:
                raise PackError(BROKEN, f"card {card_id} has no file")
        folded = [n.casefold() for n in self.files]
        if len(set(folded)) != len(folded):  # Windows folders ignore case
            raise PackError(BROKEN, "two files differ only in case")
        if sum(f.size for f in self.files.values()) > MAX_UNPACKED_BYTES:
            raise PackError(STRINGS["pack.refused.too_big"], "unpacked size over the limit")


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("expected an object")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _file_entry(value: Any) -> FileEntry:
    entry = FileEntry(str(_dict(value)["sha256"]), value["size"])
    if not _SHA256.fullmatch(entry.sha256) or not isinstance(entry.size, int) or not (
        0 <= entry.size <= MAX_FILE_BYTES
    ):
        raise ValueError("bad file entry")
    return entry


def trusted_comment(version: int, manifest: bytes) -> str:
    digest = hashlib.sha256(manifest).hexdigest()
    return f"大字读报内容包 version:{version} manifest-sha256:{digest}"


@dataclass(frozen=True)
class VerifiedPack:
    """A pack whose signature and every file's hash have been checked."""

    path: Path
    manifest: Manifest
    manifest_bytes: bytes
    signature_text: str

    def files(self) -> Iterator[tuple[str, bytes]]:
        """Each file named in the manifest with its bytes, checked again as read (the
        file on a USB stick may have changed since it was verified)."""
        with _open_zip(self.path) as archive:
            for name, entry in sorted(self.manifest.files.items()):
                yield name, _read_checked(archive, name, entry)


def read_pack(path: Path, key: PublicKey) -> VerifiedPack:
    """Verify a pack file completely, or raise PackError with a plain message."""
    from reader.core.signing import SigningError

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackError(STRINGS["pack.refused.cannot_open"], str(exc)) from exc
    if size > MAX_PACK_BYTES:
        raise PackError(STRINGS["pack.refused.too_big"], f"{size} bytes")
    with _open_zip(path) as archive:
        infos = _checked_entries(archive)
        if MANIFEST not in infos or SIGNATURE not in infos:
            raise PackError(NOT_SIGNED, "no manifest or no signature in the pack")
        manifest_bytes = _read_limited(archive, infos[MANIFEST], MAX_MANIFEST_BYTES)
        signature_text = _read_limited(archive, infos[SIGNATURE], 16 * 1024).decode(
            "utf-8", errors="replace")
        try:
            comment = key.verify(manifest_bytes, signature_text)
        except SigningError as exc:
            raise PackError(NOT_SIGNED, exc.message) from exc
        manifest = Manifest.from_bytes(manifest_bytes)
        if comment != trusted_comment(manifest.version, manifest_bytes):
            raise PackError(NOT_SIGNED, "trusted comment does not match the manifest")
        payload = set(infos) - {MANIFEST, SIGNATURE}
        if payload != set(manifest.files):
            differ = sorted(payload ^ set(manifest.files))[:5]
            raise PackError(BROKEN, f"files differ from the manifest: {differ}")
        for name, entry in manifest.files.items():
            _read_checked(archive, name, entry)
    return VerifiedPack(path, manifest, manifest_bytes, signature_text)


def _open_zip(path: Path) -> zipfile.ZipFile:
    import zipfile

    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PackError(BROKEN, f"not a zip file: {exc}") from exc


def _checked_entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    import stat
    import zipfile

    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        raise PackError(STRINGS["pack.refused.too_many_files"], f"{len(infos)} files")
    seen: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise PackError(BROKEN, f"{name!r} is in the zip twice")
        if name not in (MANIFEST, SIGNATURE) and not _NAME.fullmatch(name):
            raise PackError(BROKEN, f"unexpected name {name!r} (path, link or folder)")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode) or info.is_dir():
            raise PackError(BROKEN, f"{name!r} is a link or a folder")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackError(BROKEN, f"{name!r}: compression {info.compress_type}")
        if info.file_size > MAX_FILE_BYTES or info.file_size > MAX_RATIO * max(
            info.compress_size, 1024
        ):
            raise PackError(STRINGS["pack.refused.file_too_big"], f"{name!r} {info.file_size}")
        total += info.file_size
        seen[name] = info
    if total > MAX_UNPACKED_BYTES:
        raise PackError(STRINGS["pack.refused.too_big"], f"{total} bytes unpacked")
    return seen


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    import zipfile

    if info.file_size > limit:
        raise PackError(BROKEN, f"{info.filename} over {limit} bytes")
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise PackError(BROKEN, f"{info.filename}: {exc}") from exc
    if len(data) > limit:
        raise PackError(BROKEN, f"{info.filename} over {limit} bytes")
    return data


def _read_checked(archive: zipfile.ZipFile, name: str, entry: FileEntry) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise PackError(BROKEN, f"{name} is missing") from exc
    data = _read_limited(archive, info, entry.size)
    if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
        raise PackError(BROKEN, f"{name}: hash or size differs from the manifest")
    return data


def pack_file_name(version: int) -> str:
    return f"pack-{version:06d}.zip"
