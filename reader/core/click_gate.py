"""Turn a burst of clicks into one action.

Elderly users double- and triple-click buttons that need one click, and press again when
nothing seems to happen at once. A gate lets the first click through and swallows the
rest of the burst. The clock is injectable so tests need no sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# A slow triple click takes about a second; 0.8 s after the last accepted click covers a
# double click with room to spare while letting a deliberate second press through.
BURST_SECONDS = 0.8


class ClickGate:
    def __init__(self, interval: float = BURST_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self._clock = clock
        self._quiet_until = float("-inf")

    def allow(self) -> bool:
        """True for the first click of a burst (and starts a quiet period), else False."""
        now = self._clock()
        if now < self._quiet_until:
            return False
        self._quiet_until = now + self.interval
        return True

    def blocked(self) -> bool:
        """Whether a click now would be swallowed (does not start a quiet period)."""
        return self._clock() < self._quiet_until

    def hold(self, seconds: float | None = None) -> None:
        """Start a quiet period now: after a page change the rest of a burst must not
        land on whatever button now sits under the pointer."""
        self._quiet_until = max(self._quiet_until,
                                self._clock() + (self.interval if seconds is None else seconds))
