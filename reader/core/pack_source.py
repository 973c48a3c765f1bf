"""Where packs come from: a web address, a folder (a mapped drive, a share, a USB
stick) or one pack file, and the feed that lists them.

A web source is asked with a conditional GET (If-None-Match / If-Modified-Since), so
a PC that is up to date costs the server one small 304 answer. Every download goes to
a `.part` file in the PC's own folder, bounded in size (never more than the feed says,
never more than a pack may be) and in time (per read and in total, so a server that
drips one byte a minute is given up on), and is checked against the feed's sha256
before anything else looks at it. The feed is only a hint: it is not trusted for
anything but which file to fetch; the pack's own signature decides.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from reader.core import strings
from reader.core.errors import ReaderError
from reader.core.pack_format import MAX_PACK_BYTES, pack_file_name
from reader.core.strings import STRINGS

FEED = "feed.json"
FEED_KIND = "大字读报内容包目录"
MAX_FEED_BYTES = 256 * 1024
USER_AGENT = "dazi-reader (content packs)"

RETRY_LATER = STRINGS["pack.source.retry_later"]
UNREACHABLE = STRINGS["pack.source.unreachable"]
DISK_FULL = STRINGS["pack.source.disk_full"]
WEB_PAGE = STRINGS["pack.source.web_page"]
NOT_A_FEED = STRINGS["pack.source.not_a_feed"]


class SourceError(ReaderError):
    """The source could not be read this time; the next check tries again."""


@dataclass(frozen=True)
class Timeouts:
    connect_and_read: float = 20.0  # for each network step
    total: float = 600.0  # for one whole download


@dataclass(frozen=True)
class FeedEntry:
    version: int
    file: str
    sha256: str
    size: int
    created: str
    note: str

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class Feed:
    publisher: str
    updated: str
    packs: list[FeedEntry] = field(default_factory=list)  # newest first

    def to_bytes(self) -> bytes:
        data = {"kind": FEED_KIND, "format": 1, "publisher": self.publisher,
                "updated": self.updated, "packs": [p.to_json() for p in self.packs]}
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Feed:
        if raw.lstrip()[:1] == b"<":
            raise SourceError(NOT_A_FEED, "the answer is a web page")
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("kind") != FEED_KIND:
                raise ValueError("not a feed")
            packs = [_feed_entry(p) for p in data["packs"]]
            feed = cls(str(data.get("publisher", "")), str(data.get("updated", "")), packs)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SourceError(NOT_A_FEED, repr(exc)) from exc
        return feed

    def newest(self) -> FeedEntry | None:
        return max(self.packs, key=lambda p: p.version, default=None)


def _feed_entry(data: Any) -> FeedEntry:
    entry = FeedEntry(int(data["version"]), str(data["file"]), str(data["sha256"]),
                      int(data["size"]), str(data.get("created", "")), str(data.get("note", "")))
    # The file name comes from the version, so a lying feed cannot send a PC elsewhere.
    if entry.version < 1 or entry.file != pack_file_name(entry.version):
        raise ValueError(f"bad pack entry {entry.file!r}")
    if not re.fullmatch(r"[0-9a-f]{64}", entry.sha256) or not 0 < entry.size <= MAX_PACK_BYTES:
        raise ValueError("bad sha256 or size")
    return entry


@dataclass(frozen=True)
class Validators:
    """What the server said about the feed last time, for a conditional GET."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class FeedAnswer:
    feed: Feed | None  # None: not changed since `validators`
    validators: Validators


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def feed_url(source: str) -> str:
    if source.lower().split("?")[0].endswith(".json"):
        return source
    return source.rstrip("/") + "/" + FEED


def read_feed(source: str, validators: Validators, timeouts: Timeouts) -> FeedAnswer:
    """The feed at a web address or in a folder."""
    if not is_url(source):
        path = Path(source) / FEED
        try:
            raw = _read_small_file(path)
        except FileNotFoundError as exc:
            message = strings.text("pack.source.no_feed_in_folder", folder=source)
            raise SourceError(message, str(exc)) from exc
        except OSError as exc:
            message = strings.text("pack.source.folder_unreadable", folder=source)
            raise SourceError(message, str(exc)) from exc
        return FeedAnswer(Feed.from_bytes(raw), Validators())
    headers = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    with _get(feed_url(source), headers, timeouts) as response:
        if response is None:
            return FeedAnswer(None, validators)
        raw = _read_bounded(response, MAX_FEED_BYTES, timeouts, NOT_A_FEED)
        if "html" in (response.headers.get("Content-Type") or "").lower():
            raise SourceError(NOT_A_FEED, "the server answered with a web page")
        got = Validators(response.headers.get("ETag") or "",
                         response.headers.get("Last-Modified") or "")
    return FeedAnswer(Feed.from_bytes(raw), got)


def download_pack(source: str, entry: FeedEntry, target: Path, timeouts: Timeouts) -> Path:
    """Fetch or copy the pack the feed names to `target` (a `.part` file renamed when
    complete), checking its size and sha256 against the feed."""
    part = target.with_name(target.name + ".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with open(part, "wb") as out:
            if is_url(source):
                url = urllib.parse.urljoin(feed_url(source), entry.file)
                with _get(url, {}, timeouts) as response:
                    if response is None:  # 304 to an unconditional request: a broken server
                        raise SourceError(RETRY_LATER, "unexpected 304")
                    if "html" in (response.headers.get("Content-Type") or "").lower():
                        raise SourceError(WEB_PAGE, "the server answered with a web page")
                    _copy(response, out, digest, entry.size, timeouts)
            else:
                try:
                    with open(Path(source) / entry.file, "rb") as handle:
                        _copy(handle, out, digest, entry.size, timeouts)
                except FileNotFoundError as exc:
                    message = strings.text("pack.source.missing_in_folder", file=entry.file)
                    raise SourceError(message, str(exc)) from exc
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        if exc.errno == errno.ENOSPC:
            raise SourceError(DISK_FULL, str(exc)) from exc
        raise SourceError(RETRY_LATER, str(exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise
    if digest.hexdigest() != entry.sha256:
        part.unlink()
        raise SourceError(STRINGS["pack.source.sha256_differs"], "sha256 differs")
    os.replace(part, target)
    return target


def copy_pack_file(path: Path, target: Path) -> Path:
    """A pack file from a USB stick, copied in first (the stick may be pulled out)."""
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise SourceError(STRINGS["pack.refused.too_big"], f"{size} bytes")
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".part")
        shutil.copyfile(path, part)
        os.replace(part, target)
    except FileNotFoundError as exc:
        raise SourceError(strings.text("pack.source.file_not_found", path=path), str(exc)) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise SourceError(DISK_FULL, str(exc)) from exc
        raise SourceError(STRINGS["pack.source.usb_incomplete"], str(exc)) from exc
    return target


@contextlib.contextmanager
def _get(url: str, headers: dict[str, str], timeouts: Timeouts) -> Iterator[Any]:
    """Yield the response, or None for 304 Not Modified; SourceError for the rest."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
    try:
        response = urllib.request.urlopen(request, timeout=timeouts.connect_and_read)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 304:
            yield None
            return
        if exc.code == 404:
            raise SourceError(STRINGS["pack.source.not_found_404"], f"HTTP {exc.code}") from exc
        raise SourceError(strings.text("pack.source.server_error", code=exc.code),
                          f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise SourceError(UNREACHABLE, str(exc)) from exc
    with response:
        yield response


def _copy(src: IO[bytes], out: IO[bytes], digest: Any, size: int, timeouts: Timeouts) -> None:
    deadline = time.monotonic() + timeouts.total
    written = 0
    read = getattr(src, "read1", src.read)  # what has arrived, so the deadline is seen
    while True:
        try:
            chunk = read(min(64 * 1024, size - written + 1))
        except (TimeoutError, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
                raise
            raise SourceError(RETRY_LATER, f"read: {exc}") from exc
        if not chunk:
            break
        written += len(chunk)
        if written > size:
            raise SourceError(STRINGS["pack.source.longer_than_feed"], "longer than feed")
        digest.update(chunk)
        out.write(chunk)
        if time.monotonic() > deadline:
            raise SourceError(RETRY_LATER, "download took too long")
    if written < size:
        raise SourceError(RETRY_LATER, f"got {written} of {size} bytes")


def _read_bounded(src: IO[bytes], limit: int, timeouts: Timeouts, message: str) -> bytes:
    deadline = time.monotonic() + timeouts.total
    parts: list[bytes] = []
    total = 0
    read = getattr(src, "read1", src.read)
    while True:
        try:
            chunk = read(64 * 1024)
        except (TimeoutError, OSError) as exc:
            raise SourceError(RETRY_LATER, f"read: {exc}") from exc
        if not chunk:
            return b"".join(parts)
        total += len(chunk)
        if total > limit:
            raise SourceError(message, "feed too large")
        parts.append(chunk)
        if time.monotonic() > deadline:
            raise SourceError(RETRY_LATER, "feed took too long")


def _read_small_file(path: Path) -> bytes:
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FEED_BYTES + 1)
    if len(raw) > MAX_FEED_BYTES:
        raise SourceError(NOT_A_FEED, "feed too large")
    return raw
