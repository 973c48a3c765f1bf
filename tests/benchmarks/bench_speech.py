"""Read-aloud speed, for each voice (neural and system). Prints numbers; targets are
not asserted.

Targets: press → first sentence started ≤ 300 ms with a warm worker; stop → silence
(no process of the worker's group left running) ≤ 200 ms. Also printed: worker start
to ready, how long speak()/stop() hold the caller (the UI thread), press → sound
(the player starting), a press while reading (which restarts the worker) and the
worker's resident memory (peak, from /proc).

Sound goes to a stand-in `aplay` that sleeps for the WAV's length (there may be no
sound card), so "sound" here means the player process starting.
Run: python -m tests.benchmarks bench_speech
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from reader.speech.service import SpeechService
from reader.speech.voices import VoiceChoice
from tests.support.speech_fakes import FAKE_APLAY, live_in_group

ROUNDS = 5
SENTENCE = "今天上午，社区组织老年人免费体检，大家排队有序。"


def _fake_player(folder: Path) -> Path:
    program = folder / "aplay"
    program.write_text(FAKE_APLAY)
    program.chmod(0o755)
    log = folder / "aplay.log"
    log.write_text("")
    os.environ["PATH"] = f"{folder}{os.pathsep}{os.environ['PATH']}"
    os.environ["FAKE_APLAY_LOG"] = str(log)
    return log


def _wait(condition, limit: float = 20.0) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit:
            raise TimeoutError
        time.sleep(0.001)
    return time.perf_counter() - start


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, worst {max(values) * 1000:.0f} ms"


def _peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        log = _fake_player(Path(tmp))
        for voice in ("neural", "system"):
            print(f"-- voice: {voice}")
            _measure(log, voice)


def _measure(log: Path, voice: VoiceChoice) -> None:
    ready, started, sound, stop_call, silence, speak_call, restart = [], [], [], [], [], [], []
    memory: list[float] = []
    service = SpeechService(voice=voice)
    try:
        for _ in range(ROUNDS):
            ready.append(_wait(lambda: service.worker_ready))
            status = service.voice_status
            plays = len(log.read_text().splitlines())
            t0 = time.perf_counter()
            service.speak([("a", SENTENCE)])
            speak_call.append(time.perf_counter() - t0)
            seen: list[str] = []

            def first_started(seen: list[str] = seen) -> bool:
                seen.extend(e.kind for e in service.poll_events())
                return "started" in seen

            _wait(first_started)
            started.append(time.perf_counter() - t0)
            _wait(lambda n=plays: len(log.read_text().splitlines()) > n)
            sound.append(time.perf_counter() - t0)
            time.sleep(0.3)  # mid-sentence
            group = service.worker_pid
            assert group is not None
            memory.append(_peak_memory_mb(group))
            t1 = time.perf_counter()
            service.stop()
            stop_call.append(time.perf_counter() - t1)
            # Checked only after stop() returns (a look at /proc takes ~10 ms itself):
            # a group already empty then was silent within the stop() call.
            if live_in_group(group):
                _wait(lambda g=group: not live_in_group(g))
                silence.append(time.perf_counter() - t1)
            else:
                silence.append(stop_call[-1])
        # a press while reading: the worker is killed and a fresh one reads
        for _ in range(ROUNDS):
            _wait(lambda: service.worker_ready)
            service.speak([("a", SENTENCE)])
            _wait(lambda: any(e.kind == "started" for e in service.poll_events()))
            t2 = time.perf_counter()
            service.speak([("b", SENTENCE)])
            _wait(lambda: any(e.kind == "started" for e in service.poll_events()))
            restart.append(time.perf_counter() - t2)
            service.stop()
    finally:
        service.close()
    print(f"voice in use: {status.describe() if status else '?'}")
    print(f"worker start → ready: {_ms(ready)}")
    print(f"speak() call (UI thread): {_ms(speak_call)}")
    print(f"press → first sentence started, warm worker: {_ms(started)} (target ≤ 300 ms)")
    print(f"press → player starts (sound): {_ms(sound)}")
    print(f"stop() call (UI thread, incl. starting the next worker): {_ms(stop_call)}")
    print(f"stop → no process of the reading left: {_ms(silence)} (target ≤ 200 ms)")
    print(f"press while reading → new sentence started (fresh worker): {_ms(restart)}")
    print(f"worker resident memory, peak: median {statistics.median(memory):.0f} MB")


if __name__ == "__main__":
    main()
