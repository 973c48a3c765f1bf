"""What staff set in 内容订阅: where this PC gets content packs and whose signature
counts, kept in the settings folder as `content-subscription.json`.

Light on imports (the signature code is loaded only when the key is used), so the
window's background check can see that a PC subscribes to nothing without loading it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError
from reader.core.safe_files import atomic_write_bytes
from reader.core.strings import STRINGS

if TYPE_CHECKING:
    from reader.core.signing import PublicKey

SUBSCRIPTION_FILE = "content-subscription.json"
NO_KEY = STRINGS["pack.refused.no_key"]


@dataclass(frozen=True)
class Subscription:
    source: str = ""  # a web address, a folder, or "" (USB only)
    public_key: str = ""  # the public key file's text

    def key(self) -> PublicKey:
        from reader.core.signing import PublicKey

        if not self.public_key.strip():
            raise ReaderError(NO_KEY)
        return PublicKey.from_text(self.public_key)


def subscription_path() -> Path:
    from reader.paths import config_dir

    return config_dir() / SUBSCRIPTION_FILE


def load_subscription(path: Path | None = None) -> Subscription:
    """What staff set, or an empty subscription when nothing (readable) is there."""
    try:
        data = json.loads((path or subscription_path()).read_bytes().decode("utf-8"))
        return Subscription(str(data.get("source", "")), str(data.get("public_key", "")))
    except (OSError, ValueError, AttributeError):
        return Subscription()


def save_subscription(subscription: Subscription, path: Path | None = None) -> None:
    """Atomically; a key that cannot be read is refused (SigningError) and not saved."""
    if subscription.public_key.strip():
        subscription.key()
    data = {"source": subscription.source.strip(), "public_key": subscription.public_key.strip()}
    atomic_write_bytes(path or subscription_path(),
                       json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
