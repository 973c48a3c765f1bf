"""The packaged program (issue 7). Prints numbers; targets are not asserted.

- Size of the PyInstaller bundle on disk (dist/dazi-reader) and its biggest parts.
- Size of the .deb (target <= 50 MB).
- Start to the first painted article view: the bundled executable against the same
  program from the source venv (`python -m reader`), alternating in the same run
  (target <= 1.2x). Both offscreen, with the same fresh settings that reopen the
  longest seed article, timed by the program's READER_BENCH_FIRST_PAINT probe.

Needs a built bundle: `sh packaging/build_deb.sh` (or packaging/test_deb.sh) first.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "dazi-reader"
EXECUTABLE = BUNDLE / ("dazi-reader.exe" if sys.platform == "win32" else "dazi-reader")
LONGEST_SEED = "003_bcc1e477f3fe7536"
MB = 1024 * 1024


def disk_usage(path: Path) -> int:
    """Bytes the files take (symlinks not followed, so nothing counts twice)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def biggest_parts(path: Path, count: int = 6) -> list[tuple[int, str]]:
    files = [
        (p.lstat().st_size, str(p.relative_to(path)))
        for p in path.rglob("*")
        if p.is_file() and not p.is_symlink()
    ]
    return sorted(files, reverse=True)[:count]


def sizes() -> None:
    total = disk_usage(BUNDLE)
    print(f"bundle on disk: {total / MB:.1f} MB in {BUNDLE.relative_to(ROOT)}")
    for size, name in biggest_parts(BUNDLE):
        print(f"  {size / MB:6.1f} MB  {name}")
    debs = sorted((ROOT / "dist").glob("dazi-reader_*.deb"), key=lambda p: p.stat().st_mtime)
    if debs:
        print(f".deb: {debs[-1].stat().st_size / MB:.1f} MB ({debs[-1].name}; target <= 50 MB)")
    else:
        print(".deb: not built (sh packaging/build_deb.sh)")


def _time_to_paint(command: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("PAINTED "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no paint reported by {command[0]}: {out.stderr[-500:]}")


def start_up(rounds: int = 7) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(Path(scratch) / "config"),
            "XDG_DATA_HOME": str(Path(scratch) / "data"),
            "READER_BENCH_FIRST_PAINT": "1",
        }
        config = Path(scratch) / "config" / "dazi-reader"
        config.mkdir(parents=True)
        (config / "settings.ini").write_text(
            f"[reading]\narticle={LONGEST_SEED}\nblock=p9\n", encoding="utf-8"
        )
        bundled = [str(EXECUTABLE)]
        source = [sys.executable, "-m", "reader"]
        # Once each first: fills the article cache and the OS file cache for both.
        _time_to_paint(source, {**env, "PYTHONPATH": str(ROOT)}, scratch)
        _time_to_paint(bundled, env, scratch)
        frozen, venv = [], []
        for _ in range(rounds):  # alternate, so machine load hits both alike
            venv.append(_time_to_paint(source, {**env, "PYTHONPATH": str(ROOT)}, scratch))
            frozen.append(_time_to_paint(bundled, env, scratch))
    frozen_median, venv_median = statistics.median(frozen), statistics.median(venv)
    print(
        f"source venv (python -m reader) to first painted article: "
        f"{venv_median * 1000:.0f} ms (median of {rounds})"
    )
    print(
        f"bundle ({EXECUTABLE.name}) to first painted article: "
        f"{frozen_median * 1000:.0f} ms (median of {rounds})"
    )
    print(f"bundle / source venv: {frozen_median / venv_median:.2f}x (target <= 1.2x)")


def main() -> None:
    if not EXECUTABLE.is_file():
        print(f"no bundle at {EXECUTABLE}: build it with `sh packaging/build_deb.sh`")
        return
    sizes()
    start_up()


if __name__ == "__main__":
    main()
