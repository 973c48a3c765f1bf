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


@pytest.mark.parametrize("change", [
    {"salt": "not hex"},
    {"failures": [1, 2]},
    {"failures": -1},
    {"locked_until": "soon"},
    {"hash": 12345},
])
def test_a_pin_file_with_a_wrong_kind_of_value_is_kept_aside(tmp_path: Path,
                                                            change: dict[str, object]) -> None:
    import json

    path = tmp_path / "pin.json"
    PinStore(path).set_pin("2468")
    edited = {**json.loads(path.read_text()), **change}
    path.write_text(json.dumps(edited))
    store = PinStore(path)  # no error here, nor at the keypad
    assert not store.is_set and "坏了" in store.problem
    assert len(list(tmp_path.glob("pin.json.broken-*"))) == 1
    store.set_pin("1357")
    assert store.check("1357", 10).ok


def test_a_clock_put_back_never_locks_staff_out_for_longer_than_the_longest_wait(
        tmp_path: Path) -> None:
    from reader.core.pin import MAX_WAIT

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


def test_listening_counts_as_activity_and_the_period_starts_when_reading_ends() -> None:
    watch = IdleWatch(timeout=300, warning=10)
    watch.input(0)
    end = 18 * 60  # a whole article read at 慢, nobody touching anything
    for now in range(end + 1):
        assert watch.tick(now, listening=True) == "none"
    assert watch.tick(end + 299) == "none"
    assert watch.tick(end + 300) == "warn"


def test_reading_that_starts_during_the_notice_takes_it_away() -> None:
    watch = IdleWatch(timeout=300, warning=10)
    watch.input(0)
    assert watch.tick(300) == "warn"
    assert watch.tick(305, listening=True) == "none"
    assert not watch.warned
    assert watch.tick(315) == "none"  # no reset: the period started again at 305
