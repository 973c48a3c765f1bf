"""The staff PIN: stored only as a salted hash, wrong tries rate-limited.

The PIN keeps residents out of the staff area; it is not a bank password, but a
4–8 digit PIN is easy to guess by trying, so wrong tries make the next try wait
(30 s after 3 wrong, doubling, at most 15 min) and that state survives a restart.
The clock is passed in, so tests use a fake one.

It fails closed: a PIN file that cannot be read or holds anything the program would
not have written (a BOM is forgiven: the content is still checked) makes the store
`broken`, and a broken store unlocks nothing and sets nothing. The file stays where it
is, so a restart is locked too. Getting in again is a deliberate act at the PC itself:
`python -m reader reset-pin` (or deleting the file), then setting a new PIN.
Saving the wrong-try counter is best effort: a full or read-only disk never keeps the
right PIN out, and the problem is kept in `problem` for the staff area.
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
from reader.core.strings import text

_ITERATIONS = 200_000
FREE_TRIES = 3
FIRST_WAIT = 30.0
MAX_WAIT = 15 * 60.0
# 30 s doubled 5 times is already past MAX_WAIT; the exponent is capped so a long run
# of wrong tries never overflows a float (it once did after ~1,000 tries).
_MAX_DOUBLINGS = 10
# More wrong tries than 15-minute waits allow in 20 years: nothing the program wrote.
MAX_FAILURES = 1_000_000
MAX_FILE_BYTES = 64 * 1024  # ours is ~200 bytes
RESET_COMMAND = "python -m reader reset-pin"


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
        self.problem = ""  # plain Chinese for staff: a broken file, a failed save
        self.broken = False  # True: nothing unlocks until the PIN is reset (see module doc)
        self._state = self._load()

    def _load(self) -> dict[str, object]:
        if not self.path.exists() and not self.path.is_symlink():
            return {}
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("too big")
            state = _checked(json.loads(self.path.read_bytes().decode("utf-8-sig")))
        except (OSError, ValueError, RecursionError):
            self.broken = True
            self.problem = broken_message(self.path)
            return {}
        return state

    def reload_if_broken(self) -> None:
        """After a reset at the PC (the file removed), the page can be used again
        without restarting the program. A working store is not re-read: its wrong-try
        counter may only be in memory (a read-only disk)."""
        if self.broken:
            self.broken, self.problem = False, ""
            self._state = self._load()

    def _save(self) -> bool:
        try:
            atomic_write_text(self.path, json.dumps(self._state))
        except OSError as exc:
            self.problem = text("pin.cannot_save", reason=exc.strerror or exc,
                                folder=self.path.parent)
            return False
        return True

    @property
    def is_set(self) -> bool:
        return bool(self._state.get("hash"))

    def set_pin(self, pin: str) -> bool:
        """Set a new PIN. It holds from now on in this run; False when it could not be
        saved (then `problem` says why and the next start still has the old state)."""
        if self.broken:
            raise ReaderError(broken_message(self.path))
        if not valid_pin(pin):
            raise ReaderError(text("staff.pin.invalid"))
        salt = secrets.token_bytes(16)
        self._state = {
            "salt": salt.hex(),
            "hash": _hash(pin, salt),
            "failures": 0,
            "locked_until": 0,
        }
        return self._save()

    def check(self, pin: str, now: float) -> CheckResult:
        if self.broken:
            return CheckResult(False, 0.0, broken_message(self.path))
        if not self.is_set:  # nothing to compare with; the page asks to set one instead
            return CheckResult(False, 0.0, text("pin.not_set"))
        locked_until = float(self._state.get("locked_until", 0) or 0)  # type: ignore[arg-type]
        if locked_until - now > MAX_WAIT:  # the clock was put back: never a longer wait
            locked_until = now + MAX_WAIT
            self._state["locked_until"] = locked_until
            self._save()
        if now < locked_until:
            wait = locked_until - now
            return CheckResult(False, wait, text("staff.pin.wait", seconds=int(wait) + 1))
        salt = bytes.fromhex(str(self._state.get("salt", "")))
        ok = hmac.compare_digest(_hash(pin, salt), str(self._state["hash"]))
        if ok:
            self._state["failures"] = 0
            self._state["locked_until"] = 0
            self._save()  # best effort: the right PIN unlocks even on a full disk
            return CheckResult(True)
        failures = min(int(self._state.get("failures", 0) or 0) + 1,  # type: ignore[call-overload]
                       MAX_FAILURES)
        self._state["failures"] = failures
        wait = 0.0
        if failures >= FREE_TRIES:
            wait = wait_after(failures)
            self._state["locked_until"] = now + wait
        self._save()  # not saved: the wait still holds for as long as this run lasts
        if wait:
            return CheckResult(False, wait, text("pin.wrong_wait", seconds=int(wait)))
        return CheckResult(False, 0.0, text("pin.wrong_tries_left", n=FREE_TRIES - failures))


def wait_after(failures: int) -> float:
    """Seconds to wait after this many wrong tries in a row (0 for the free ones)."""
    if failures < FREE_TRIES:
        return 0.0
    doublings = min(failures - FREE_TRIES, _MAX_DOUBLINGS)
    return min(MAX_WAIT, FIRST_WAIT * 2 ** doublings)


def broken_message(path: Path) -> str:
    return text("pin.broken", command=RESET_COMMAND, path=path)


def reset_pin(path: Path) -> Path | None:
    """Move the PIN file aside (kept, as `<name>.reset-<time>`); the next Ctrl+Alt+S asks
    for a new PIN. None when there was no PIN file."""
    if not path.exists() and not path.is_symlink():
        return None
    return set_aside(path, why="reset")


def _checked(data: object) -> dict[str, object]:
    """The PIN file's fields, each of the right kind, or ValueError: someone may have
    edited the file, and a wrong kind must not break the PIN page."""
    if not isinstance(data, dict):
        raise ValueError("not a PIN file")
    pin_hash, salt = data.get("hash"), data.get("salt")
    failures, locked_until = data.get("failures", 0), data.get("locked_until", 0)
    if not (isinstance(pin_hash, str) and re.fullmatch(r"[0-9a-f]{64}", pin_hash)):
        raise ValueError("hash")
    if not (isinstance(salt, str) and re.fullmatch(r"(?:[0-9a-f]{2})+", salt)):
        raise ValueError("salt")
    if isinstance(failures, bool) or not isinstance(failures, int) \
            or not 0 <= failures <= MAX_FAILURES:
        raise ValueError("failures")
    if isinstance(locked_until, bool) or not isinstance(locked_until, int | float) \
            or not 0 <= locked_until < float("inf"):
        raise ValueError("locked_until")
    return {"hash": pin_hash, "salt": salt, "failures": failures, "locked_until": locked_until}


def pin_file() -> Path:
    from reader.paths import config_dir

    return config_dir() / "staff-pin.json"
