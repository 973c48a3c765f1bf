"""Ed25519 keys and signatures in minisign's file format, with `cryptography`.

A district office keeps the secret key file; every PC is given the public key. The
files are the ones the standard `minisign` tool reads and writes (public key, secret
key without a password, and `.minisig` signature files in the prehashed "ED" form),
so a publisher can check a pack with `minisign -V -p KEY.pub -m manifest.json` without
this program, and a key made with `minisign -G -W` works here too.

Formats (all binary parts base64, integers little-endian):
    public key   "Ed" | key id (8) | public key (32)
    secret key   "Ed" | kdf "\\0\\0" | "B2" | salt (32) | opslimit (8) | memlimit (8)
                 | key id (8) | seed + public key (64) | blake2b-256 checksum (32)
    signature    "ED" | key id (8) | Ed25519(blake2b-512(message)) (64)
                 then a trusted comment and Ed25519(signature | trusted comment)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from reader.core import strings
from reader.core.errors import ReaderError
from reader.core.strings import STRINGS

_ED = b"Ed"
_PREHASHED = b"ED"
_NO_KDF = b"\0\0"
_BLAKE2 = b"B2"
UNTRUSTED = "untrusted comment: "
TRUSTED = "trusted comment: "
MAX_SIGNATURE_FILE = 16 * 1024  # minisign allows 8 KiB of trusted comment


class SigningError(ReaderError):
    """A key or signature that cannot be used; the message is plain Chinese."""


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes, random, as minisign makes it
    raw: bytes  # 32 bytes

    @property
    def key_id_hex(self) -> str:
        """As minisign prints it."""
        return self.key_id[::-1].hex().upper()

    def fingerprint(self) -> str:
        """Twenty digits in groups of four, taken from a hash of the key (not from the key
        id, which anyone can copy): what staff read to each other over the phone."""
        number = int.from_bytes(hashlib.sha256(_ED + self.raw).digest()[:9], "big")
        digits = f"{number % 10**20:020d}"
        return " ".join(digits[i : i + 4] for i in range(0, 20, 4))

    def to_text(self) -> str:
        blob = base64.b64encode(_ED + self.key_id + self.raw).decode("ascii")
        return f"{UNTRUSTED}minisign public key {self.key_id_hex}\n{blob}\n"

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """A public key file's text, or just its base64 line (what staff paste)."""
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        lines = [line for line in lines if not line.startswith(UNTRUSTED)]
        if len(lines) != 1:
            raise SigningError(STRINGS["pack.key.not_public_key"])
        blob = _b64(lines[0], STRINGS["pack.key.not_public_key"])
        if len(blob) != 42 or blob[:2] != _ED:
            raise SigningError(STRINGS["pack.key.public_key_shape"])
        return cls(blob[2:10], blob[10:])

    def verify(self, message: bytes, signature_text: str) -> str:
        """The signed trusted comment, or SigningError when the signature does not
        belong to this key or to this message."""
        signature = Signature.from_text(signature_text)
        if signature.key_id != self.key_id:
            raise SigningError(STRINGS["pack.signature.other_key"])
        key = Ed25519PublicKey.from_public_bytes(self.raw)
        signed = hashlib.blake2b(message).digest() if signature.prehashed else message
        try:
            key.verify(signature.signature, signed)
            key.verify(signature.global_signature,
                       signature.signature + signature.trusted_comment.encode("utf-8"))
        except InvalidSignature as exc:
            raise SigningError(STRINGS["pack.signature.changed"]) from exc
        return signature.trusted_comment


@dataclass(frozen=True)
class Signature:
    prehashed: bool
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes

    @classmethod
    def from_text(cls, text: str) -> Signature:
        bad = STRINGS["pack.signature.broken"]
        if len(text) > MAX_SIGNATURE_FILE:
            raise SigningError(bad, "signature file too long")
        lines = text.splitlines()
        if len(lines) < 4 or not lines[0].startswith(UNTRUSTED) or not lines[2].startswith(
            TRUSTED
        ):
            raise SigningError(bad, "not a minisign signature")
        blob = _b64(lines[1].strip(), bad)
        global_signature = _b64(lines[3].strip(), bad)
        if len(blob) != 74 or blob[:2] not in (_ED, _PREHASHED) or len(global_signature) != 64:
            raise SigningError(bad, "wrong signature length or algorithm")
        return cls(blob[:2] == _PREHASHED, blob[2:10], blob[10:], lines[2][len(TRUSTED):],
                   global_signature)


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # 32 bytes

    @classmethod
    def generate(cls) -> SecretKey:
        return cls(secrets.token_bytes(8), secrets.token_bytes(32))

    def _private(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def public_key(self) -> PublicKey:
        raw = self._private().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKey(self.key_id, raw)

    def sign(self, message: bytes, trusted_comment: str) -> str:
        """A `.minisig` file's text for `message` (prehashed, as minisign does by default)."""
        if "\n" in trusted_comment or "\r" in trusted_comment:
            raise ValueError("a trusted comment is one line")
        private = self._private()
        signature = private.sign(hashlib.blake2b(message).digest())
        global_signature = private.sign(signature + trusted_comment.encode("utf-8"))
        blob = base64.b64encode(_PREHASHED + self.key_id + signature).decode("ascii")
        return (
            f"{UNTRUSTED}signature from 大字读报 content key {self.public_key().key_id_hex}\n"
            f"{blob}\n{TRUSTED}{trusted_comment}\n"
            f"{base64.b64encode(global_signature).decode('ascii')}\n"
        )

    def to_text(self) -> str:
        """Unencrypted, like `minisign -G -W`: the file itself is what must be kept safe."""
        body = self.key_id + self.seed + self.public_key().raw
        checksum = hashlib.blake2b(_ED + body, digest_size=32).digest()
        blob = _ED + _NO_KDF + _BLAKE2 + bytes(32) + bytes(16) + body + checksum
        return f"{UNTRUSTED}minisign secret key (no password)\n{base64.b64encode(blob).decode()}\n"

    @classmethod
    def from_text(cls, text: str) -> SecretKey:
        not_key = STRINGS["pack.key.not_secret_key"]
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        if len(lines) != 2 or not lines[0].startswith(UNTRUSTED):
            raise SigningError(not_key)
        blob = _b64(lines[1], not_key)
        if len(blob) != 158 or blob[:2] != _ED or blob[4:6] != _BLAKE2:
            raise SigningError(not_key, "not a minisign Ed25519 secret key")
        if blob[2:4] != _NO_KDF:
            raise SigningError(
                STRINGS["pack.key.has_password"], "encrypted minisign key"
            )
        body, checksum = blob[54:126], blob[126:]
        # minisign -W leaves the checksum of a key without password as zeros
        if any(checksum) and hashlib.blake2b(_ED + body, digest_size=32).digest() != checksum:
            raise SigningError(STRINGS["pack.key.checksum"], "checksum mismatch")
        key = cls(body[:8], body[8:40])
        if key.public_key().raw != body[40:72]:
            raise SigningError(STRINGS["pack.key.public_half"], "public half mismatch")
        return key


def _b64(text: str, message: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise SigningError(message, "bad base64") from exc


def write_key_pair(folder: os.PathLike[str] | str) -> tuple[PublicKey, str, str]:
    """Make a new key pair as `folder/secret` (readable by its owner only) and
    `folder/public.pub`. Refuses to overwrite an existing key: losing the secret key
    means every PC must be given a new public key."""
    from pathlib import Path

    target = Path(folder)
    secret_path, public_path = target / "secret", target / "public.pub"
    if secret_path.exists() or public_path.exists():
        raise SigningError(strings.text("pack.key.exists", folder=target))
    target.mkdir(parents=True, exist_ok=True)
    key = SecretKey.generate()
    fd = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.to_text())
    public_path.write_text(key.public_key().to_text(), encoding="ascii")
    return key.public_key(), str(secret_path), str(public_path)
