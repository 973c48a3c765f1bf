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
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("hash", ""), str):
                raise ValueError("not a PIN file")
            return data
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


def pin_file() -> Path:
    from reader.paths import config_dir

    return config_dir() / "staff-pin.json"
