"""Staff PIN (salted hash, rate limit) and the idle reset, with a fake clock (issue 9)."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pytest

from reader.core import pin
from reader.core.errors import ReaderError
from reader.core.idle import IdleWatch
from reader.core.pin import (
    FIRST_WAIT,
    MAX_FAILURES,
    MAX_WAIT,
    RESET_COMMAND,
    PinStore,
    reset_pin,
    wait_after,
)


def test_pin_is_stored_only_as_a_salted_hash(tmp_path: Path) -> None:
    path = tmp_path / "pin.json"
    store = PinStore(path)
    assert not store.is_set
    store.set_pin("2468")
    text = path.read_text()
    assert "2468" not in text and "salt" in text
    other = PinStore(tmp_path / "other.json")
    other.set_pin("2468")
    assert other.path.read_text() != text  # different salt, different hash
    assert PinStore(path).check("2468", now=0).ok


@pytest.mark.parametrize("bad", ["12", "123456789", "12a4", "１２３４", ""])
def test_pin_must_be_4_to_8_digits(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ReaderError, match="4 到 8 位数字"):
        PinStore(tmp_path / "p.json").set_pin(bad)


def test_wrong_pins_are_rate_limited_and_survive_restart(tmp_path: Path) -> None:
    path = tmp_path / "pin.json"
    store = PinStore(path)
    store.set_pin("2468")
    assert store.check("0000", 100).message.endswith("还可以再试 2 次。")
    assert not store.check("0000", 101).ok
    third = store.check("0000", 102)
    assert third.wait_seconds == FIRST_WAIT
    # Locked: even the right PIN waits, and a restart does not clear it.
    again = PinStore(path).check("2468", 110)
    assert not again.ok and 0 < again.wait_seconds <= FIRST_WAIT
    assert PinStore(path).check("2468", 102 + FIRST_WAIT).ok
    # Waits double on further mistakes.
    store = PinStore(path)
    for t in (200, 201, 202):
        store.check("1", t)
    assert store.check("1", 202 + FIRST_WAIT).wait_seconds == 2 * FIRST_WAIT


def _right_pin_file(path: Path) -> bytes:
    PinStore(path).set_pin("2468")
    return path.read_bytes()


def _edited(path: Path, **change: object) -> str:
    return json.dumps({**json.loads(_right_pin_file(path)), **change})


# Every shape of PIN file the program never writes: Notepad saves, truncation, edits,
# absurd counters. Each gets (path) -> the file's new bytes.
BROKEN_FILES = {
    "not json": lambda p: b"{not json",
    "empty": lambda p: b"",
    "empty object": lambda p: b"{}",
    "truncated": lambda p: _right_pin_file(p)[:40],
    "BOM and truncated": lambda p: b"\xef\xbb\xbf" + _right_pin_file(p)[:60],
    "UTF-16": lambda p: _right_pin_file(p).decode().encode("utf-16"),
    "a list": lambda p: b"[1, 2]",
    "salt not hex": lambda p: _edited(p, salt="not hex").encode(),
    "hash a number": lambda p: _edited(p, hash=12345).encode(),
    "failures a list": lambda p: _edited(p, failures=[1, 2]).encode(),
    "failures negative": lambda p: _edited(p, failures=-1).encode(),
    "failures true": lambda p: _edited(p, failures=True).encode(),
    "failures 10**12": lambda p: _edited(p, failures=10**12).encode(),
    "failures 5000 digits": lambda p: _right_pin_file(p).replace(
        b'"failures": 0', b'"failures": ' + b"9" * 5000),
    "locked_until a word": lambda p: _edited(p, locked_until="soon").encode(),
    "locked_until NaN": lambda p: _right_pin_file(p).replace(b'"locked_until": 0',
                                                             b'"locked_until": NaN'),
    "deep nesting": lambda p: b"[" * 50_000 + b"]" * 50_000,
    "huge": lambda p: b" " * 200_000 + _right_pin_file(p),
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_a_broken_pin_file_keeps_the_staff_area_locked(tmp_path: Path, name: str) -> None:
    path = tmp_path / "staff-pin.json"
    data = BROKEN_FILES[name](path)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    before = path.read_bytes()
    started = time.monotonic()
    store = PinStore(path)
    assert store.broken and "坏了" in store.problem and RESET_COMMAND in store.problem
    # Nothing unlocks, and nobody at the keypad can set a new PIN.
    assert not store.check("2468", 100).ok
    assert not store.check("0000", 100).ok
    with pytest.raises(ReaderError, match="坏了"):
        store.set_pin("1234")
    assert time.monotonic() - started < 5  # an absurd counter never makes a huge number
    # The file stays as it was, so a restart is locked too.
    assert path.read_bytes() == before
    assert PinStore(path).broken
    # The deliberate reset at the PC: the file kept aside, a new PIN can be set.
    kept = reset_pin(path)
    assert kept is not None and kept.read_bytes() == before and ".reset-" in kept.name
    store.reload_if_broken()
    assert not store.broken and not store.is_set
    assert store.set_pin("1357")
    assert PinStore(path).check("1357", 10).ok


def test_a_pin_folder_in_place_of_the_file_is_broken_too(tmp_path: Path) -> None:
    path = tmp_path / "staff-pin.json"
    path.mkdir()
    store = PinStore(path)
    assert store.broken and not store.check("1234", 0).ok


def test_a_notepad_bom_alone_is_forgiven(tmp_path: Path) -> None:
    path = tmp_path / "staff-pin.json"
    path.write_bytes(b"\xef\xbb\xbf" + _right_pin_file(path))
    store = PinStore(path)
    assert not store.broken and store.is_set
    assert not store.check("1111", 100).ok
    assert store.check("2468", 101).ok


def test_the_wait_stays_capped_after_any_number_of_wrong_tries(tmp_path: Path) -> None:
    assert [wait_after(n) for n in range(6)] == [0, 0, 0, 30, 60, 120]
    assert wait_after(1_026) == wait_after(MAX_FAILURES) == MAX_WAIT
    # Past the point where the doubling once overflowed (1,026 wrong tries): still a
    # full wait after every wrong try, saved for the next start.
    path = tmp_path / "staff-pin.json"
    path.write_text(_edited(path, failures=1_100))
    now = 1000.0
    for _ in range(3):
        result = PinStore(path).check("0000", now)
        assert not result.ok and result.wait_seconds == MAX_WAIT
        assert json.loads(path.read_text())["locked_until"] == now + MAX_WAIT
        assert not PinStore(path).check("2468", now + MAX_WAIT - 1).ok  # still waiting
        now += MAX_WAIT
    assert PinStore(path).check("2468", now).ok


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_the_right_pin_unlocks_when_nothing_can_be_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int) -> None:
    path = tmp_path / "staff-pin.json"
    _right_pin_file(path)

    def refuse(target: Path, text: str) -> None:
        raise OSError(error, os.strerror(error), str(target))

    monkeypatch.setattr(pin, "atomic_write_text", refuse)
    store = PinStore(path)
    for t in (1, 2, 3):
        assert not store.check("0000", t).ok
    # Wrong tries still wait in this run although the counter was not saved...
    assert store.check("2468", 4).wait_seconds > 0
    assert "存不进去" in store.problem and str(tmp_path) in store.problem
    # ...and the right PIN, after the wait, unlocks.
    assert store.check("2468", 3 + FIRST_WAIT).ok
    assert not store.set_pin("1357")  # holds for this run, not saved, and said so
    assert store.check("1357", 100).ok and "存不进去" in store.problem


def test_a_clock_put_back_never_locks_staff_out_for_longer_than_the_longest_wait(
        tmp_path: Path) -> None:
    path = tmp_path / "pin.json"
    store = PinStore(path)
    store.set_pin("2468")
    for t in (1e9, 1e9 + 1, 1e9 + 2):  # locked at a time far ahead of the clock below
        store.check("0000", t)
    early = PinStore(path).check("2468", 1000.0)
    assert not early.ok and early.wait_seconds <= MAX_WAIT
    assert PinStore(path).check("2468", 1000.0 + MAX_WAIT).ok


def test_idle_warns_then_resets_and_input_cancels() -> None:
    watch = IdleWatch(timeout=300, warning=10)
    watch.input(0)
    assert watch.tick(299) == "none"
    assert watch.tick(300) == "warn"
    assert watch.tick(305) == "none"  # warned once
    assert watch.seconds_left(305) == 5
    watch.input(306)  # 我还在看
    assert watch.tick(600) == "none"
    assert watch.tick(606) == "warn"
    assert watch.tick(616) == "reset"
    assert watch.tick(617) == "none"  # a fresh period after the reset
