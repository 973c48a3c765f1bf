"""`python -m reader speak`: what the engine would be given, a WAV file, or a spoken test.

speak --dry-run TEXT                  the utterances, one a line, after conversion
speak --wav OUT.wav TEXT              synthesise TEXT into a WAV file
speak --wav OUT.wav --article FILE [--section N]
speak TEXT                            read it aloud (staff: test the speakers)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import wave
from pathlib import Path

from reader.core.errors import ReaderError
from reader.speech import engine as tts


def _article_text(path: str, section: int | None) -> str:
    from reader.core.formats import read_article

    article = read_article(path)
    if section is None:
        parts = [article.title, article.deck]
        for sec in article.sections:
            parts.append(sec.heading or "")
            parts.extend(block.text for block in sec.blocks)
    else:
        count = len(article.sections)
        if not 1 <= section <= count:
            raise ReaderError(f"这篇文章没有第 {section} 段，它一共有 {count} 段。")
        sec = article.sections[section - 1]
        parts = [sec.heading or "", *(block.text for block in sec.blocks)]
    return "\n".join(p for p in parts if p)


def _text(args: argparse.Namespace) -> str:
    if args.article and args.text:
        raise ReaderError("请只给一样：要读的文字，或者 --article 文章文件。")
    if args.article:
        return _article_text(args.article, args.section)
    if args.section is not None:
        raise ReaderError("--section 要和 --article 一起用。")
    if not args.text or not args.text.strip():
        raise ReaderError("请给出要读的文字，或者用 --article 指定文章文件。")
    return str(args.text)


def _utterances(text: str) -> list[str]:
    """Each line (title, heading, paragraph) is prepared on its own, as the window does."""
    from reader.core.speech_text import dry_run_lines

    return [u for line in text.splitlines() if line.strip() for u in dry_run_lines(line)]


def write_wav(utterances: list[str], out: Path, speed: tts.Speed) -> float:
    """Synthesise the utterances into one WAV file; returns its length in seconds."""
    engine = tts.open_engine(speed, need_player=False)
    frames: list[bytes] = []
    params = None
    with tempfile.TemporaryDirectory(prefix="dazi-wav-") as tmp:
        for index, text in enumerate(utterances):
            part = Path(tmp) / f"{index}.wav"
            tts.save_wav(engine, text, part)
            with wave.open(str(part), "rb") as w:
                if params is None:
                    params = w.getparams()
                frames.append(w.readframes(w.getnframes()))
    assert params is not None
    with wave.open(str(out), "wb") as w:
        w.setnchannels(params.nchannels)
        w.setsampwidth(params.sampwidth)
        w.setframerate(params.framerate)
        for chunk in frames:
            w.writeframes(chunk)
    return sum(len(c) for c in frames) / (params.sampwidth * params.nchannels) / params.framerate


def _speak_aloud(utterances: list[str], speed: tts.Speed) -> int:
    from reader.speech.service import SpeechService

    service = SpeechService()
    try:
        service.speak([(str(i), text) for i, text in enumerate(utterances)], speed)
        while True:
            for event in service.poll_events():
                if event.kind == "started":
                    print(utterances[int(event.utterance_id)], flush=True)
                elif event.kind == "error":
                    raise ReaderError(event.message, event.detail)
                elif event.kind == "done":
                    return 0
            time.sleep(0.02)
    finally:
        service.close()  # also on Ctrl-C: nothing keeps playing


def cmd_speak(args: argparse.Namespace) -> int:
    try:
        utterances = _utterances(_text(args))
        if args.dry_run:
            for line in utterances:
                print(line)
            return 0
        if not utterances:
            raise ReaderError("这段文字里没有能读出来的字。")
        if args.wav:
            out = Path(args.wav)
            if not out.parent.is_dir():
                raise ReaderError(f"找不到要保存的文件夹：{out.parent}")
            try:
                seconds = write_wav(utterances, out, args.speed)
            except (OSError, RuntimeError, wave.Error) as exc:
                raise ReaderError(f"没能写出声音文件 {out}。", repr(exc)) from exc
            print(f"已写入 {out}（{seconds:.1f} 秒）")
            return 0
        return _speak_aloud(utterances, args.speed)
    except ReaderError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
