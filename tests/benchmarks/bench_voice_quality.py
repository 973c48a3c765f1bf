"""How well each voice is understood, and how fast the neural one synthesises.
Prints numbers; targets are not asserted.

An automatic listener (../shared/tools/listen.py: Whisper base through faster-whisper,
in a venv of its own, not a dependency of the program) transcribes a WAV of each of
the project's own sentences (numbers, hotlines, 多音字, 繁體 text), for each voice and
speed; printed: the median and mean syllable error rate (toneless pinyin, SER) and
character error rate (CER). Target: the neural voice ≤ 0.08 SER median at every speed.
Also printed: the neural voice's real-time factor (synthesis time / sound length).

The listener's Python is $LISTEN_PYTHON, else .venv-listen/bin/python beside the
shared tools or in the clone; without one only the real-time factor is printed.
Run: python -m tests.benchmarks bench_voice_quality
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from reader.core.speech_text import dry_run_lines
from reader.speech.cli import write_wav
from reader.speech.engine import SPEEDS, Speed
from reader.speech.voices import VoiceChoice
from tests.conftest import ROOT

# Sentences written for this benchmark in the style of the seeds (none is in them).
SENTENCES = [
    ("num1", "numbers", "今年全区新增养老床位三百二十张，比去年多了百分之十五。"),
    ("num2", "numbers", "补贴标准从每月八十元提高到一百二十元，十月一日起执行。"),
    ("num3", "numbers", "去年共有2.8万人参加了免费体检。"),
    ("num4", "numbers", "办理时间是每周一到周五，上午9:00-11:30。"),
    ("tel1", "hotline", "有问题可以拨打12345政务服务便民热线。"),
    ("tel2", "hotline", "社保方面的事情，请打12333咨询。"),
    ("tel3", "hotline", "遇到急病，马上拨打120急救电话。"),
    ("poly1", "polyphone", "银行行长说，重新调整以后，看病更便宜了。"),
    ("poly2", "polyphone", "长护险的给付标准，由会计统一结算。"),
    ("poly3", "polyphone", "参保老人重度失能的，可以申请长期护理。"),
    ("poly4", "polyphone", "贷款到期要按时还款，还有问题请到银行咨询。"),
    ("poly5", "polyphone", "孩子长大了，也要常回家看看父母。"),
    ("plain1", "plain", "社区组织老年人免费体检，大家排队有序。"),
    ("plain2", "plain", "医生耐心讲解健康知识，还发了小册子。"),
    ("plain3", "plain", "天气转凉，老人出门要注意保暖。"),
    ("plain4", "plain", "居委会的工作人员会上门帮忙填写表格。"),
    ("trad1", "traditional", "社區組織老年人免費體檢，醫生耐心講解健康知識。"),
    ("trad2", "traditional", "銀行行長說，重新調整以後，看病更便宜了。"),
    ("trad3", "traditional", "有問題可以撥打12345熱線諮詢。"),
    ("trad4", "traditional", "長者的養老金每年都會調整。"),
]
VOICES: tuple[VoiceChoice, ...] = ("neural", "system")
LISTEN = ROOT.parent / "shared" / "tools" / "listen.py"


def _listener_python() -> str | None:
    candidates = [os.environ.get("LISTEN_PYTHON", "")]
    candidates += [str(LISTEN.parent / ".venv-listen/bin/python")]
    candidates += [str(ROOT / ".venv-listen/bin/python")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def _make_wavs(folder: Path, voice: VoiceChoice, speed: Speed) -> tuple[float, float]:
    """WAVs for every sentence; returns (seconds of sound, seconds of synthesis)."""
    folder.mkdir(parents=True)
    sound = took = 0.0
    for case_id, _category, text in SENTENCES:
        started = time.perf_counter()
        seconds, _status = write_wav(dry_run_lines(text), folder / f"{case_id}.wav", speed, voice)
        took += time.perf_counter() - started
        sound += seconds
    return sound, took


def _listen(python: str, cases: Path, folder: Path, label: str) -> dict:
    run = subprocess.run(
        [python, str(LISTEN), "--cases", str(cases), "--wav-dir", str(folder), "--engine", label],
        capture_output=True,
        text=True,
        check=True,
    )
    last = run.stdout.strip().splitlines()[-1]
    return json.loads(last)["summary"]


def main() -> None:
    python = _listener_python()
    if python is None:
        print("no listener venv (set LISTEN_PYTHON; see ../shared/tools/listen.py): RTF only")
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases.tsv"
        with cases.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter="\t")
            writer.writerow(["id", "category", "text"])
            writer.writerows(SENTENCES)
        for voice in VOICES:
            for speed in SPEEDS:
                folder = Path(tmp) / f"{voice}-{speed}"
                sound, took = _make_wavs(folder, voice, speed)
                line = f"{voice:6} {speed:6}: {sound / len(SENTENCES):.1f} s a sentence"
                spoken = "".join(u for _i, _c, t in SENTENCES for u in dry_run_lines(t))
                chars = sum(1 for ch in spoken if "\u4e00" <= ch <= "\u9fff")
                line += f", {chars / sound:.1f} characters/s"
                if voice == "neural":
                    line += f", real-time factor {took / sound:.3f}"
                if python is not None:
                    summary = _listen(python, cases, folder, f"{voice}-{speed}")
                    every = summary["ALL"]
                    line += (
                        f", SER median {every['ser']['median']:.3f} mean {every['ser']['mean']:.3f}"
                        f", CER median {every['cer']['median']:.3f} mean {every['cer']['mean']:.3f}"
                    )
                    parts = [
                        f"{name} {group['ser']['median']:.2f}"
                        for name, group in summary.items()
                        if name != "ALL"
                    ]
                    line += " (SER median by kind: " + ", ".join(parts) + ")"
                print(line, flush=True)


if __name__ == "__main__":
    main()
