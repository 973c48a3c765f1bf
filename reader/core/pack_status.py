"""What staff are told about content packs: the staff area, `pack status` and `doctor`
say the same."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from reader.core.content_store import ContentStore
from reader.core.errors import ReaderError
from reader.core.strings import text
from reader.core.subscription import Subscription


@dataclass(frozen=True)
class PackStatus:
    source: str  # plain words: the source, or that there is none
    fingerprint: str  # the key's fingerprint, or a sentence why there is none
    installed: str  # the pack in use, or that there is none
    last_check: str  # when and what came of it ("" if never)
    refusal: str  # the last check's refusal or failure in plain words ("" if it went well)
    conflicts: tuple[str, ...]  # card ids staff changed here that a pack also brings

    def lines(self) -> list[str]:
        out = [text("packs.source", value=self.source),
               text("packs.fingerprint", value=self.fingerprint), self.installed]
        if self.last_check:
            out.append(text("packs.last_check", value=self.last_check))
        return out


def pack_status(store: ContentStore, subscription: Subscription,
                local_cards: Path | None = None) -> PackStatus:
    """`local_cards`: the folder of cards staff changed (default: this user's)."""
    source = subscription.source or text("packs.no_source_usb")
    if subscription.public_key.strip():
        try:
            fingerprint = subscription.key().fingerprint()
        except ReaderError as exc:
            fingerprint = exc.message
    else:
        fingerprint = text("packs.not_set")
    installed = store.installed()
    if installed is None:
        in_use = text("packs.none_used")
    else:
        m = installed.manifest
        publisher = m.publisher or text("packs.unsigned_publisher")
        note = f"：{m.note}" if m.note else ""
        made = local_time_of_iso(m.created)
        in_use = text("packs.in_use", version=m.version, made=made, publisher=publisher,
                      note=note, articles=len(m.articles), cards=len(m.cards),
                      new=len(store.new_article_ids()))
    check = store.status().get("last_check")
    last_check = refusal = ""
    if isinstance(check, dict):
        last_check = f"{local_time(check.get('time'))}，{check.get('message', '')}"
        if check.get("outcome") in ("refused", "retry"):
            refusal = str(check.get("message", ""))
    if local_cards is None:
        from reader.paths import local_cards_dir

        local_cards = local_cards_dir()
    conflicts = tuple(c.card_id for c in store.conflicts(local_cards))
    return PackStatus(source, fingerprint, in_use, last_check, refusal, conflicts)


def local_time(value: object) -> str:
    if not isinstance(value, int | float):
        return text("packs.unknown_time")
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(value))


def local_time_of_iso(value: str) -> str:
    import calendar

    try:
        stamp = time.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return value
    return local_time(calendar.timegm(stamp))
