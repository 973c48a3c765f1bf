"""The staff PIN: stored only as a salted hash, wrong tries rate-limited.

The PIN keeps residents out of the staff area; it is not a bank password, but a
4–8 digit PIN is easy to guess by trying, so wrong tries make the next try wait
(30 s after 3 wrong, doubling, at most 15 min) and that state survives a restart.
The clock is passed in, so tests use a fake one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.safe_files import atomic_write_text, set_aside

_ITERATIONS = 200_000
FREE_TRIES = 3
FIRST_WAIT = 30.0
MAX_WAIT = 15 * 60.0


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    wait_seconds: float = 0.0  # > 0: locked, try again after this many seconds
    message: str = ""  # plain Chinese for the staff member at the keypad


def _hash(pin: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _ITERATIONS).hex()


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 8


class PinStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""
        self._state = self._load()

    def _load(self) -> dict[str, object]:
        if not self.path.exists():
            return {}
        try:
            return _checked(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            kept = set_aside(self.path)
            self.problem = f"员工密码文件坏了，已另存为 {kept.name}。请重新设置员工密码。"
            return {}

    def _save(self) -> None:
        atomic_write_text(self.path, json.dumps(self._state))

    @property
    def is_set(self) -> bool:
        return bool(self._state.get("hash"))

    def set_pin(self, pin: str) -> None:
        if not valid_pin(pin):
            raise ReaderError("密码要用 4 到 8 位数字。")
        salt = secrets.token_bytes(16)
        self._state = {
            "salt": salt.hex(),
            "hash": _hash(pin, salt),
            "failures": 0,
            "locked_until": 0,
        }
        self._save()

    def check(self, pin: str, now: float) -> CheckResult:
        locked_until = float(self._state.get("locked_until", 0) or 0)  # type: ignore[arg-type]
        if locked_until - now > MAX_WAIT:  # the clock was put back: never a longer wait
            locked_until = now + MAX_WAIT
            self._state["locked_until"] = locked_until
            self._save()
        if now < locked_until:
            wait = locked_until - now
            return CheckResult(False, wait, f"错的次数太多，请等 {int(wait) + 1} 秒再试。")
        salt = bytes.fromhex(str(self._state.get("salt", "")))
        ok = self.is_set and hmac.compare_digest(_hash(pin, salt), str(self._state["hash"]))
        if ok:
            self._state["failures"] = 0
            self._state["locked_until"] = 0
            self._save()
            return CheckResult(True)
        failures = int(self._state.get("failures", 0) or 0) + 1  # type: ignore[call-overload]
        self._state["failures"] = failures
        wait = 0.0
        if failures >= FREE_TRIES:
            wait = min(MAX_WAIT, FIRST_WAIT * 2 ** (failures - FREE_TRIES))
            self._state["locked_until"] = now + wait
        self._save()
        if wait:
            return CheckResult(False, wait, f"密码不对。请等 {int(wait)} 秒再试。")
        return CheckResult(False, 0.0, f"密码不对。还可以再试 {FREE_TRIES - failures} 次。")


def _checked(data: object) -> dict[str, object]:
    """The PIN file's fields, each of the right kind, or ValueError: someone may have
    edited the file, and a wrong kind must not break the PIN page."""
    if not isinstance(data, dict):
        raise ValueError("not a PIN file")
    if not data:
        return {}
    pin_hash, salt = data.get("hash"), data.get("salt")
    failures, locked_until = data.get("failures", 0), data.get("locked_until", 0)
    if not (isinstance(pin_hash, str) and re.fullmatch(r"[0-9a-f]{64}", pin_hash)):
        raise ValueError("hash")
    if not (isinstance(salt, str) and re.fullmatch(r"(?:[0-9a-f]{2})+", salt)):
        raise ValueError("salt")
    if isinstance(failures, bool) or not isinstance(failures, int) or failures < 0:
        raise ValueError("failures")
    if isinstance(locked_until, bool) or not isinstance(locked_until, int | float) \
            or not 0 <= locked_until < float("inf"):
        raise ValueError("locked_until")
    return {"hash": pin_hash, "salt": salt, "failures": failures, "locked_until": locked_until}


def pin_file() -> Path:
    from reader.paths import config_dir

    return config_dir() / "staff-pin.json"
