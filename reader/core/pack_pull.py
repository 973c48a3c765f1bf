"""Checking the subscribed source and applying what it offers: the one flow that the
window's background check, 从U盘导入内容包 and `python -m reader pack pull` share.

Every outcome is written to the store's status for staff (last check, last pack, the
refusal in plain words), and every failure leaves the published content as it was:
the next check simply tries again.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

from reader.core.content_store import ContentStore
from reader.core.errors import ReaderError
from reader.core.pack_format import NOT_SIGNED, PackError, read_pack
from reader.core.pack_source import (
    SourceError,
    Timeouts,
    Validators,
    copy_pack_file,
    download_pack,
    is_url,
    read_feed,
)
from reader.core.signing import PublicKey
from reader.core.strings import text
from reader.core.subscription import Subscription

NO_SOURCE = text("packs.no_source")
UP_TO_DATE = text("packs.up_to_date")


@dataclass(frozen=True)
class PullResult:
    outcome: str  # "applied", "unchanged", "refused" (this pack is bad), "retry" (try later)
    message: str  # plain Chinese, for staff
    version: int = 0
    detail: str = ""


def pull(
    store: ContentStore, subscription: Subscription, *, timeouts: Timeouts | None = None,
) -> PullResult:
    """Check the subscribed source (a web address, a folder or a pack file) once."""
    timeouts = timeouts or Timeouts()
    source = subscription.source.strip()
    if not source:
        return _record(store, PullResult("refused", NO_SOURCE))
    if not is_url(source) and Path(source).is_file():
        return import_pack_file(store, subscription, Path(source))
    try:
        key = subscription.key()
        with store.locked():
            return _record(store, _pull_feed(store, key, source, timeouts))
    except ReaderError as exc:
        return _record(store, _failed(exc))


def import_pack_file(store: ContentStore, subscription: Subscription, path: Path) -> PullResult:
    """A pack file staff chose, e.g. from a USB stick."""
    try:
        key = subscription.key()
        with store.locked():
            local = copy_pack_file(path, store.incoming() / "imported.zip")
            try:
                return _record(store, _apply(store, key, local, expected_version=None))
            finally:
                with contextlib.suppress(OSError):
                    local.unlink()
    except ReaderError as exc:
        return _record(store, _failed(exc))


def _pull_feed(store: ContentStore, key: PublicKey, source: str, timeouts: Timeouts) -> PullResult:
    status = store.status()
    remembered = status.get("feed", {})
    validators = Validators()
    if remembered.get("source") == source:
        validators = Validators(str(remembered.get("etag", "")),
                                str(remembered.get("last_modified", "")))
    answer = read_feed(source, validators, timeouts)
    if answer.feed is None:
        return PullResult("unchanged", UP_TO_DATE, store.version())
    installed = store.version()
    newest = answer.feed.newest()
    if newest is None or newest.version <= installed:
        _remember_feed(store, source, answer.validators)
        return PullResult("unchanged", UP_TO_DATE, installed)
    local = download_pack(source, newest, store.incoming() / newest.file, timeouts)
    try:
        result = _apply(store, key, local, expected_version=newest.version)
    finally:
        with contextlib.suppress(OSError):
            local.unlink()
    # Validators are kept only once the feed's pack is in: after a refusal or a failed
    # download the next check asks for the whole feed again.
    if result.outcome == "applied":
        _remember_feed(store, source, answer.validators)
    return result


def _apply(store: ContentStore, key: PublicKey, path: Path, expected_version: int | None
           ) -> PullResult:
    pack = read_pack(path, key)
    version = pack.manifest.version
    if expected_version is not None and version != expected_version:
        raise PackError(NOT_SIGNED, f"feed says {expected_version}, signed manifest says {version}")
    store.apply(pack)
    manifest = pack.manifest
    store.update_status(last_pack={
        "version": version, "created": manifest.created, "note": manifest.note,
        "publisher": manifest.publisher, "applied": time.time(),
        "articles": len(manifest.articles), "cards": len(manifest.cards),
    })
    note = f"：{manifest.note}" if manifest.note else ""
    return PullResult("applied", text("packs.applied", version=version, note=note), version)


def _remember_feed(store: ContentStore, source: str, validators: Validators) -> None:
    store.update_status(feed={"source": source, "etag": validators.etag,
                              "last_modified": validators.last_modified})


def _failed(exc: ReaderError) -> PullResult:
    outcome = "retry" if isinstance(exc, SourceError) else "refused"
    return PullResult(outcome, exc.message, 0, exc.detail)


def _record(store: ContentStore, result: PullResult) -> PullResult:
    with contextlib.suppress(OSError):
        store.update_status(last_check={
            "time": time.time(), "outcome": result.outcome, "message": result.message,
            "detail": result.detail,
        })
    return result
