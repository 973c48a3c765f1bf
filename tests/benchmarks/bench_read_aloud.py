"""Read-aloud in the real window with the real engine (issue 4). Prints numbers; the
targets are not asserted.

Targets: press 朗读全文 → first sentence started ≤ 300 ms with a warm worker; press 停止
→ silence (no process of the worker's group left) ≤ 200 ms; the longest stall of the
UI event loop while a whole article is read ≤ 50 ms (a QTimer ticks every 5 ms and
the largest gap between ticks is kept; the press itself is inside the measured time).

Sound goes to the stand-in `aplay` of tests/support/speech_fakes.py, capped at
PLAY_CAP_MS per utterance so a whole article takes seconds, not minutes; synthesis
is real. Run: python -m tests.benchmarks bench_read_aloud
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

ROUNDS = 5
PLAY_CAP_MS = 60
ARTICLE = "003_bcc1e477f3fe7536"  # the longest seed


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, worst {max(values) * 1000:.0f} ms"


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        from tests.support.speech_fakes import FAKE_APLAY

        program = Path(tmp) / "aplay"
        program.write_text(FAKE_APLAY)
        program.chmod(0o755)
        os.environ["PATH"] = f"{tmp}{os.pathsep}{os.environ['PATH']}"
        os.environ["FAKE_APLAY_LOG"] = str(Path(tmp) / "aplay.log")
        os.environ["FAKE_APLAY_MAX_MS"] = str(PLAY_CAP_MS)
        _run()


def _run() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.core.articles_source import load_articles
    from reader.core.click_gate import ClickGate
    from reader.ui.compose import build_parts
    from reader.ui.shell.settings import Settings
    from tests.support.speech_fakes import live_in_group

    app = QApplication.instance() or QApplication([])
    parts = build_parts(Settings(), load_articles())
    window = parts.window
    window.resize(1024, 600)
    window.show()
    controls = parts.read_aloud
    started = time.perf_counter()
    parts.voice.start()
    bridge = parts.voice.bridge
    assert bridge is not None
    print(f"Voice.start() held the UI thread {(time.perf_counter() - started) * 1000:.0f} ms")

    def run_until(done, limit_s: float = 30.0) -> float:
        """Run the event loop until done() is true; returns the seconds it took."""
        begin = time.perf_counter()
        loop = QEventLoop()
        check = QTimer()
        check.timeout.connect(lambda: loop.quit() if done() else None)
        check.start(1)
        QTimer.singleShot(int(limit_s * 1000), loop.quit)
        loop.exec()
        check.stop()
        if not done():
            raise TimeoutError
        return time.perf_counter() - begin

    print(f"worker ready after {run_until(lambda: bridge.service.worker_ready) * 1000:.0f} ms")
    window.open_article(ARTICLE)
    app.processEvents()

    first_started: list[float] = []
    silence: list[float] = []
    for _ in range(ROUNDS):
        run_until(lambda: bridge.service.worker_ready)
        controls.read_all_button.gate = ClickGate()
        seen: list[float] = []
        bridge.sentenceStarted.connect(lambda _uid, seen=seen: seen.append(time.perf_counter()))
        press = time.perf_counter()
        controls.read_all_button.click()
        run_until(lambda seen=seen: bool(seen))
        first_started.append(seen[0] - press)
        bridge.sentenceStarted.disconnect()
        bridge.sentenceStarted.connect(controls._on_sentence_started)
        time.sleep(0.3)  # let it play a moment
        worker = bridge.service.worker_pid
        assert worker is not None
        press = time.perf_counter()
        controls.stop_button.click()
        while live_in_group(worker):
            time.sleep(0.001)
        silence.append(time.perf_counter() - press)
    print(
        f"press 朗读全文 → first sentence started (warm worker): {_ms(first_started)}"
        " (target ≤ 300 ms)"
    )
    print(f"press 停止 → silence: {_ms(silence)} (target ≤ 200 ms)")

    # the whole article, with a 5 ms ticker watching the event loop
    run_until(lambda: bridge.service.worker_ready)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(5)
    done = [False]
    bridge.finished.connect(lambda: done.__setitem__(0, True))
    sentences: set[str] = set()  # ids are "reading:sentence:part"
    bridge.sentenceStarted.connect(lambda uid: sentences.add(uid.rsplit(":", 1)[0]))
    QTimer.singleShot(20, controls.read_all_button.click)
    took = run_until(lambda: done[0], limit_s=600)
    ticker.stop()
    gaps.sort()
    print(
        f"whole article ({len(sentences)} sentences, playback capped at {PLAY_CAP_MS} ms"
        f" each) read in {took:.1f} s"
    )
    print(
        f"longest UI event-loop stall while reading: {gaps[-1] * 1000:.1f} ms"
        f" (99th percentile {gaps[int(len(gaps) * 0.99)] * 1000:.1f} ms, {len(gaps)} ticks;"
        " target ≤ 50 ms)"
    )

    # a 简/繁 switch while reading: the voice stops and the view redraws (the first
    # switch also loads the converter, which the program does 1.5 s after start-up)
    for label in ("first", "second", "third"):
        controls.read_all()
        run_until(lambda: controls._reading is not None and controls._reading.current is not None)
        begin = time.perf_counter()
        window.toggle_script()
        switch = time.perf_counter() - begin
        print(
            f"{label} 简/繁 switch while reading (stop and redraw) held the UI"
            f" {switch * 1000:.0f} ms"
        )
    begin = time.perf_counter()
    window.close()
    print(
        f"window closed, worker ended in {(time.perf_counter() - begin) * 1000:.0f} ms;"
        f" worker left: {bridge.service.worker_pid}"
    )


if __name__ == "__main__":
    main()
