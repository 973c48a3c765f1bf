from reader.core.click_gate import BURST_SECONDS, ClickGate


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_triple_click_counts_once_and_a_later_click_counts_again() -> None:
    clock = FakeClock()
    gate = ClickGate(clock=clock)
    results = []
    for step in (0.0, 0.15, 0.15):  # three clicks 150 ms apart
        clock.now += step
        results.append(gate.allow())
    assert results == [True, False, False]
    clock.now += BURST_SECONDS + 0.01
    assert gate.allow() is True


def test_swallowed_clicks_do_not_extend_the_quiet_period() -> None:
    clock = FakeClock()
    gate = ClickGate(interval=0.8, clock=clock)
    assert gate.allow()
    clock.now += 0.7
    assert not gate.allow()
    clock.now += 0.11  # 0.81 s after the accepted click
    assert gate.allow()


def test_hold_blocks_without_a_click() -> None:
    clock = FakeClock()
    gate = ClickGate(clock=clock)
    assert not gate.blocked()
    gate.hold(0.5)
    assert gate.blocked()
    clock.now += 0.51
    assert not gate.blocked()
