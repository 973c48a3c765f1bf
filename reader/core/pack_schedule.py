"""When the window checks for content packs: soon after start, then every few hours,
each PC a little apart from the others (a random delay), so that a thousand centres
switched on at 8:00 do not all ask the server in the same second. Standard library
only: the window asks this on its UI thread."""

from __future__ import annotations

import random

CHECK_EVERY_S = 4 * 3600
FIRST_CHECK_WITHIN_S = 120  # after start: soon, but not all PCs in the same second
SPREAD_S = 15 * 60  # each later check moves by up to this much, either way


def next_check_delay(first: bool, rng: random.Random | None = None) -> float:
    """Seconds until the next background check."""
    rng = rng or random.Random()
    if first:
        return rng.uniform(5, FIRST_CHECK_WITHIN_S)
    return CHECK_EVERY_S + rng.uniform(-SPREAD_S, SPREAD_S)
