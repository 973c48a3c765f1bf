"""Turn a burst of clicks into one action, and let steady presses through.

Elderly users double- and triple-click buttons that need one click; a shaky hand makes
two presses a fraction of a second apart. Those fold into one. But a resident pressing
字大一点 once every half second means each press: presses at least `STEADY_SECONDS`
apart always count. Only presses closer together than the system's double-click
interval fold, whichever is shorter. The gap is measured from the previous press, folded
or not, so a rattle of quick presses stays one action however long it lasts.
The clock is injectable so tests need no sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# Presses this far apart are deliberate, whatever the system's double-click setting
# (Windows' default is 0.5 s, Qt's 0.4 s; some residents' PCs have it longer still).
STEADY_SECONDS = 0.35


def fold_seconds(system_double_click: float) -> float:
    """How close two presses must be to fold: the system's double-click interval, but
    never so long that a steady press is swallowed."""
    if system_double_click <= 0:
        return STEADY_SECONDS
    return min(system_double_click, STEADY_SECONDS)


class ClickGate:
    def __init__(self, fold: float = STEADY_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.fold = fold
        self._clock = clock
        self._last_press = float("-inf")
        self._quiet_until = float("-inf")

    def allow(self) -> bool:
        """True when this press is an action of its own; False when it belongs to the
        press before it (closer than `fold`) or falls in a quiet period (see hold)."""
        now = self._clock()
        previous, self._last_press = self._last_press, now
        if now < self._quiet_until:
            return False
        return now - previous >= self.fold

    def blocked(self) -> bool:
        """Whether a press now would be swallowed (does not count as a press)."""
        now = self._clock()
        return now < self._quiet_until or now - self._last_press < self.fold

    def hold(self, seconds: float | None = None) -> None:
        """Start a quiet period now: after a page change the rest of a burst must not
        land on whatever button now sits under the pointer."""
        self._quiet_until = max(self._quiet_until,
                                self._clock() + (self.fold if seconds is None else seconds))
