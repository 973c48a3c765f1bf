"""Reading-window speed (issue 3). Prints numbers; targets are not asserted.

- Cold start of `python -m reader` to the first painted article view, against a bare
  PySide6 window started and painted the same way in the same run (target ≤ 2.0×).
- 简/繁 switch of the longest seed, repainted (target ≤ 50 ms).
- One size step, repainted (target ≤ 50 ms).
Everything runs offscreen with its own temporary settings and data folders.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BARE_WINDOW = """
import time, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
window = QLabel("bare window")
window.resize(1024, 600)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"PAINTED {time.time():.6f}", flush=True)
            window.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""

LONGEST_SEED = "003_bcc1e477f3fe7536"


def _time_to_paint(command: list[str], env: dict[str, str],
                   phases: list[dict[str, float]] | None = None) -> float:
    start = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    marks: dict[str, float] = {}
    for line in out.stdout.splitlines():
        if line.startswith("PHASE "):
            _, when, label = line.split(" ", 2)
            marks[label] = float(when) - start
        if line.startswith("PAINTED "):
            if phases is not None:
                phases.append(marks)
            return float(line.split()[1]) - start
    raise RuntimeError(f"no paint reported: {out.stderr[-500:]}")


def cold_start(rounds: int = 15) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        # An installed program starts from compiled bytecode (pip and PyInstaller write
        # it); with PYTHONDONTWRITEBYTECODE set, every start would compile each module
        # from source again, which no resident's PC does. The first run writes it.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {**env, "QT_QPA_PLATFORM": "offscreen",
               "XDG_CONFIG_HOME": str(Path(scratch) / "config"),
               "XDG_DATA_HOME": str(Path(scratch) / "data"),
               "READER_BENCH_FIRST_PAINT": "1"}
        config = Path(scratch) / "config" / "dazi-reader"
        config.mkdir(parents=True)
        # reopen on the longest article, as a reader who stopped in the middle would
        (config / "settings.ini").write_text(
            f"[reading]\narticle={LONGEST_SEED}\nblock=p9\n", encoding="utf-8")
        reader = [sys.executable, "-m", "reader"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        first_ever = _time_to_paint(reader, env)  # fills the article and bytecode caches
        ours, base = [], []
        phases: list[dict[str, float]] = []
        for _ in range(rounds):  # alternate, so machine load hits both alike
            base.append(_time_to_paint(bare, env))
            ours.append(_time_to_paint(reader, env, phases))
    ours_median, base_median = statistics.median(ours), statistics.median(base)
    print(f"bare PySide6 window to first paint: {base_median * 1000:.0f} ms (median of {rounds})")
    print(f"python -m reader to first painted article: {ours_median * 1000:.0f} ms "
          f"(median of {rounds}); first start ever (no caches): {first_ever * 1000:.0f} ms")
    print(f"start-up ratio: {ours_median / base_median:.2f}x (target <= 2.0x)")
    labels = list(phases[0]) if phases else []
    previous = 0.0
    for label in labels:  # where the time goes (medians, since the process started)
        at = statistics.median(p[label] for p in phases if label in p)
        print(f"  {at * 1000:5.0f} ms  {label} (+{(at - previous) * 1000:.0f})")
        previous = at
    print(f"  {ours_median * 1000:5.0f} ms  first paint (+{(ours_median - previous) * 1000:.0f})")


def switches() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CONFIG_HOME"] = str(Path(scratch) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(scratch) / "data")
        from reader.core.articles_source import load_articles
        from reader.ui.app import warm_up
        from reader.ui.compose import build_parts
        from reader.ui.shell.settings import Settings

        app = QApplication.instance() or QApplication(sys.argv[:1])
        for width, height in ((1024, 600), (1920, 1080)):
            # the window with its features, as `run` has it (read-aloud, card links)
            window = build_parts(Settings(Path(scratch) / "s.ini", persist=False),
                                 load_articles()).window
            window.resize(width, height)
            window.show()
            app.processEvents()
            window.open_article(LONGEST_SEED)
            window.article_page.view.scroll_to_block("p9")
            warm_up(window.articles)
            app.processEvents()
            viewport = window.article_page.view.viewport()

            def timed(action: Callable[[], None], viewport: QWidget = viewport) -> float:
                start = time.perf_counter()
                action()
                viewport.repaint()  # include drawing the new text
                return time.perf_counter() - start

            script_times = [timed(window.toggle_script) for _ in range(20)]
            size_times = []
            for _ in range(2):
                for _ in range(9):
                    size_times.append(timed(window.bigger))
                for _ in range(9):
                    size_times.append(timed(window.smaller))
            print(f"{width}x{height} 简/繁 switch of the longest seed: median "
                  f"{statistics.median(script_times) * 1000:.1f} ms, worst "
                  f"{max(script_times) * 1000:.1f} ms (target <= 50 ms)")
            print(f"{width}x{height} size step: median {statistics.median(size_times) * 1000:.1f}"
                  f" ms, worst {max(size_times) * 1000:.1f} ms (target <= 50 ms)")
            window.close()


def main() -> None:
    cold_start()
    switches()


if __name__ == "__main__":
    main()
