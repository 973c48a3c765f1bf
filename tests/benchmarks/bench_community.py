"""Community-centre mode and the staff area (issues 8, 9). Prints numbers; no targets
are asserted.

- What the idle watch costs every event: the application-wide event filter, per event,
  against no filter (mouse moves, the most frequent input).
- Adding the community features to a built window (crash guard, staff area, kiosk,
  idle reset), and opening the staff area the first time (PIN page) and after the PIN.
- An import preview of a saved web page, from 添加文章 to the preview on screen.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp()
    os.environ["XDG_CONFIG_HOME"] = str(Path(scratch) / "config")
    os.environ["XDG_DATA_HOME"] = str(Path(scratch) / "data")
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from reader.core.articles_source import load_articles
    from reader.ui.compose import build_parts
    from reader.ui.shell.settings import Settings

    app = QApplication.instance() or QApplication([])
    parts = build_parts(Settings(Path(scratch) / "s.ini", persist=False), load_articles())
    window = parts.window
    window.resize(1024, 600)
    window.show()
    app.processEvents()

    started = time.perf_counter()
    from reader.ui.compose import add_community

    community = add_community(parts).community
    built = time.perf_counter() - started
    # (its modules were imported with reader.ui.compose, as at start-up: see bench_ui)
    print(f"community features added to the window: {built * 1000:.1f} ms")

    target = window.home.scroll_area().viewport()
    count = 20000

    def send_moves() -> float:
        begin = time.perf_counter()
        for n in range(count):
            local = QPointF(10 + n % 400, 50)
            event = QMouseEvent(
                QEvent.Type.MouseMove,
                local,
                target.mapToGlobal(local),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.sendEvent(target, event)
        return (time.perf_counter() - begin) / count

    without = [send_moves() for _ in range(3)]
    community.idle.start(300)
    with_filter = [send_moves() for _ in range(3)]
    community.idle.stop()
    extra_us = (statistics.median(with_filter) - statistics.median(without)) * 1e6
    print(
        f"mouse move delivered: {statistics.median(without) * 1e6:.2f} µs without the idle "
        f"filter, {statistics.median(with_filter) * 1e6:.2f} µs with it "
        f"(+{extra_us:.2f} µs per event)"
    )

    begin = time.perf_counter()
    community.staff.open()
    app.processEvents()
    print(f"Ctrl+Alt+S to the PIN page, first time: {(time.perf_counter() - begin) * 1000:.0f} ms")
    page = community.staff.pin_page()
    for digit in "2468":
        page.press(digit)
    begin = time.perf_counter()
    page.confirm()
    page.field.insert("2468")
    page.confirm()  # the second time: set, then the staff page is built and shown
    app.processEvents()
    print(
        f"PIN accepted to the staff page shown (PBKDF2 + first build): "
        f"{(time.perf_counter() - begin) * 1000:.0f} ms"
    )

    from reader.ui.staff.import_panel import ImportPanel

    staff = community.staff.staff_page()
    panel = staff.panel("import")
    assert isinstance(panel, ImportPanel)
    staff.show_section("import")
    source = Path(__file__).resolve().parent.parent / "data" / "import" / "canteen_page.html"
    times = []
    for _ in range(3):
        begin = time.perf_counter()
        panel.add_files([source])
        while panel.view.result is None or panel.worker().busy:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
        times.append(time.perf_counter() - begin)
        panel.next_file()
    print(
        f"import preview of {source.name} (off the UI thread) on screen: "
        f"first {times[0] * 1000:.0f} ms, then {_median_ms(times[1:]):.0f} ms"
    )
    community.kiosk.allow_quit()
    window.close()


if __name__ == "__main__":
    main()
