"""When a shared PC has been left alone: warn, then reset for the next resident.

Pure logic with the clock passed in (tests use a fake one); the Qt layer feeds it input
events and calls `tick` from a timer. After `timeout` seconds without input the program
shows a gentle notice for `warning` seconds (big 我还在看 button); any input cancels it;
if nobody answers, it resets: speech stops, home page, default size, script and theme.
Being read to counts as input (see `tick`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

IdleAction = Literal["none", "warn", "reset"]

DEFAULT_TIMEOUT = 5 * 60.0
WARNING_SECONDS = 10.0


@dataclass
class IdleWatch:
    timeout: float = DEFAULT_TIMEOUT  # seconds of no input before the notice
    warning: float = WARNING_SECONDS
    last_input: float = 0.0
    warned: bool = False

    def input(self, now: float) -> None:
        self.last_input = now
        self.warned = False

    def tick(self, now: float, listening: bool = False) -> IdleAction:
        """What to do now. "warn" is returned once per idle period, "reset" once.

        `listening`: something is being read aloud. A resident listening to an article
        (twenty minutes at 慢) touches nothing and is not gone: it counts as input, so
        the idle period starts when the reading ends and a reading is never cut off."""
        if listening:
            self.input(now)
            return "none"
        idle = now - self.last_input
        if idle >= self.timeout + self.warning:
            self.input(now)  # the reset itself starts a fresh period
            return "reset"
        if idle >= self.timeout and not self.warned:
            self.warned = True
            return "warn"
        return "none"

    def seconds_left(self, now: float) -> float:
        """While the notice is showing: seconds until the reset."""
        return max(0.0, self.timeout + self.warning - (now - self.last_input))
