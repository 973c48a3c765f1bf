"""Staff PIN (salted hash, rate limit) and the idle reset, with a fake clock (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import ReaderError
from reader.core.idle import IdleWatch
from reader.core.pin import FIRST_WAIT, PinStore


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


def test_broken_pin_file_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "pin.json"
    path.write_text("{not json")
    store = PinStore(path)
    assert not store.is_set and "坏了" in store.problem
    kept = list(tmp_path.glob("pin.json.broken-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"


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
