"""The long fuzz run of the import: `python -m tests.benchmarks.fuzz_import [--per-kind N]
[--seed S]`. Damaged and hostile variants of every kind of file (tests/support/import_fuzz.py)
go through the same call as the window's import; it prints, per kind, how many were
read, refused with a plain message, or failed in any other way (a bug: each is shown
with its seed to reproduce), and the slowest input. Exit 1 if any failed.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import traceback
from collections import Counter

from reader.core.errors import ArticleFileError
from reader.core.formats import read_bytes
from tests.support import import_fuzz as fuzz


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.fuzz_import")
    parser.add_argument("--per-kind", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    seeds = fuzz.seeds()
    failures = 0
    for kind in fuzz.KINDS:
        counts: Counter[str] = Counter()
        slowest = (0.0, 0)
        started = time.perf_counter()
        for number in range(args.per_kind):
            seed = args.seed * 1_000_003 + number
            data = fuzz.variant(kind, random.Random(seed), seeds)
            start = time.perf_counter()
            try:
                read_bytes(data, fuzz.NAMES[kind])
                counts["read"] += 1
            except ArticleFileError:
                counts["refused"] += 1
            except Exception:  # anything else is a bug to report, not to stop at
                counts["FAILED"] += 1
                failures += 1
                print(f"FAILED {kind} seed={seed}:\n{traceback.format_exc(limit=3)}")
            slowest = max(slowest, (time.perf_counter() - start, seed))
        print(
            f"{kind:6} {args.per_kind} inputs in {time.perf_counter() - started:.1f} s: "
            f"read {counts['read']}, refused {counts['refused']}, failed {counts['FAILED']}; "
            f"slowest {slowest[0] * 1000:.0f} ms (seed {slowest[1]})"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak memory of the run: {peak} MB; {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
