"""`python -m reader speak`: what the engine would be given, a WAV file, or a spoken test.

speak --dry-run TEXT                  the utterances, one a line, after conversion
speak --dry-run --pinyin TEXT         the tone-numbered pinyin the voice gets, a sentence a line
speak --wav OUT.wav TEXT              synthesise TEXT into a WAV file
speak --wav OUT.wav --article FILE [--section N]
speak TEXT                            read it aloud (staff: test the speakers)
--voice neural|system picks the voice for this run (default: the neural one where it
can run, else the system one).
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
from reader.speech.voice_choice import VOICE_LABELS, VoiceChoice
from reader.speech.voices import NeuralVoice, SystemVoice, VoiceStatus, open_voice


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


def _pinyin_lines(text: str) -> list[str]:
    from reader.core.speech_text import dry_run_pinyin

    return [p for line in text.splitlines() if line.strip() for p in dry_run_pinyin(line)]


def _use_pronunciation_lists() -> None:
    """Load the pronunciation lists; a staff line that cannot be used is named."""
    from reader.core.pronunciation_list import use_lists

    lists = use_lists()
    for problem in lists.shipped.problems + lists.published.problems + lists.staff.problems:
        print(f"读音表 {lists.staff_path}：{problem}", file=sys.stderr)


def write_wav(
    utterances: list[str], out: Path, speed: tts.Speed, choice: VoiceChoice = "auto"
) -> tuple[float, VoiceStatus]:
    """Synthesise the utterances into one WAV file; returns its length in seconds and
    the voice that made it."""
    voice = open_voice(choice, speed, need_player=False)
    if isinstance(voice, NeuralVoice):
        import numpy as np

        from reader.speech.neural import write_wav as write_neural_wav

        parts = [part for utterance in utterances for part in voice.parts(utterance)]
        sound = [voice.synthesizer.piece_sound(part, speed) for part in parts]
        return write_neural_wav(np.concatenate(sound), out), voice.status
    return _write_system_wav(voice, utterances, out), voice.status


def _write_system_wav(voice: SystemVoice, utterances: list[str], out: Path) -> float:
    engine = voice.engine
    frames: list[bytes] = []
    params = None
    with tempfile.TemporaryDirectory(prefix="dazi-wav-") as tmp:
        for index, text in enumerate(utterances):
            part = Path(tmp) / f"{index}.wav"
            tts.save_wav(engine, voice.make(text), part)
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


def _speak_aloud(utterances: list[str], speed: tts.Speed, choice: VoiceChoice) -> int:
    from reader.speech.service import SpeechService

    service = SpeechService(voice=choice)
    announced = False
    try:
        service.speak([(str(i), text) for i, text in enumerate(utterances)], speed)
        while True:
            for event in service.poll_events():
                status = service.voice_status
                if status is not None and not announced:
                    print(f"语音：{status.describe()}", file=sys.stderr)
                    announced = True
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
    choice: VoiceChoice = args.voice or "auto"
    try:
        text = _text(args)
        _use_pronunciation_lists()
        if args.pinyin and not args.dry_run:
            raise ReaderError("--pinyin 要和 --dry-run 一起用。")
        if args.dry_run and args.pinyin:
            for line in _pinyin_lines(text):
                print(line)
            return 0
        utterances = _utterances(text)
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
                seconds, status = write_wav(utterances, out, args.speed, choice)
            except (OSError, RuntimeError, wave.Error) as exc:
                raise ReaderError(f"没能写出声音文件 {out}。", repr(exc)) from exc
            print(f"已写入 {out}（{seconds:.1f} 秒，{VOICE_LABELS[status.kind]}）")
            if status.kind == "system" and choice != "system":  # the neural voice could not
                print(f"语音：{status.describe()}", file=sys.stderr)
            return 0
        return _speak_aloud(utterances, args.speed, choice)
    except ReaderError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
