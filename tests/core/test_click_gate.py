import pytest

from reader.core.click_gate import STEADY_SECONDS, ClickGate, fold_seconds


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def presses(gate: ClickGate, clock: FakeClock, gaps: list[float]) -> list[bool]:
    results = []
    for gap in gaps:
        clock.now += gap
        results.append(gate.allow())
    return results


def test_presses_0_4_s_apart_each_count() -> None:
    clock = FakeClock()
    gate = ClickGate(fold_seconds(0.5), clock=clock)  # Windows' default double click
    assert presses(gate, clock, [0.0, 0.4, 0.4, 0.4]) == [True, True, True, True]


def test_presses_0_2_s_apart_fold_into_one() -> None:
    clock = FakeClock()
    gate = ClickGate(fold_seconds(0.4), clock=clock)
    assert presses(gate, clock, [0.0, 0.2, 0.2, 0.2]) == [True, False, False, False]
    clock.now += 0.4
    assert gate.allow()  # the next steady press after the rattle is a new one


def test_a_short_system_interval_folds_less() -> None:
    clock = FakeClock()
    gate = ClickGate(fold_seconds(0.25), clock=clock)
    assert presses(gate, clock, [0.0, 0.2, 0.3]) == [True, False, True]


@pytest.mark.parametrize(("system", "fold"), [(0.5, STEADY_SECONDS), (0.9, STEADY_SECONDS),
                                              (0.25, 0.25), (0.0, STEADY_SECONDS)])
def test_fold_is_the_shorter_of_the_two(system: float, fold: float) -> None:
    assert fold_seconds(system) == fold


def test_hold_blocks_without_a_press() -> None:
    clock = FakeClock()
    gate = ClickGate(clock=clock)
    assert not gate.blocked()
    gate.hold(0.5)
    assert gate.blocked()
    assert not gate.allow()
    clock.now += 0.51
    assert not gate.blocked()
    assert gate.allow()
