"""`python -m tests.benchmarks`: run every benchmark module (bench_*.py) and print numbers."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback
from pathlib import Path

here = Path(__file__).parent
names = sys.argv[1:] or sorted(
    m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")
)
for name in names:
    print(f"\n== {name}")
    try:
        importlib.import_module(f"tests.benchmarks.{name}").main()
    except Exception:  # one broken benchmark must not hide the others' numbers
        traceback.print_exc()
