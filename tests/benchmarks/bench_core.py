"""Article pipeline speed (issue 2). Prints numbers; targets are not asserted.

Targets: both seeds ingested in under 20 ms together; converting a whole article
either way under 5 ms.
"""

from __future__ import annotations

import time

from reader.core.ingest import ingest_bytes
from reader.core.script import convert
from reader.resources import seed_files


def best_of(func, repeat: int = 20) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    seeds = [(p.stem, p.read_bytes()) for p in seed_files()]
    convert("预热", "traditional")
    convert("預熱", "simplified")  # build both converters before timing
    total = 0.0
    for name, data in seeds:
        seconds = best_of(lambda d=data, n=name: ingest_bytes(d, n))
        total += seconds
        print(f"ingest {name}: {seconds * 1000:.2f} ms")
    print(f"ingest both seeds: {total * 1000:.2f} ms (target < 20 ms)")
    for _name, data in seeds:
        text = data.decode("utf-8")
        for target in ("traditional", "simplified"):
            seconds = best_of(lambda t=text, to=target: convert(t, to))  # type: ignore[misc]
            rate = len(text) / seconds / 1e6
            print(
                f"convert {len(text)} chars to {target}: {seconds * 1000:.3f} ms "
                f"({rate:.1f} M chars/s; target < 5 ms)"
            )


if __name__ == "__main__":
    main()
