"""What the speech engine is given: sentences, in simplified Chinese, with numbers and
symbols in words, long sentences cut into breaths.

The displayed text (简体 or 繁體) is split into sentences for the highlight; each
sentence is converted to simplified (the engines' Mandarin voices are built for it),
normalised, and — when long — cut at ，、： into several utterances that are spoken
one after another while the whole sentence stays highlighted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.article import Script
from reader.core.script import convert, detect
from reader.core.sentences import split_sentences
from reader.core.spoken_numbers import read_numbers

# An utterance longer than this is cut at a comma (espeak reads a long sentence
# without a breath, and stop/skip work per utterance).
CHUNK_LIMIT = 40

# Full-width forms the engine skips or misreads: ２ is silent, ＋ is said in English.
_WIDE = str.maketrans(
    "０１２３４５６７８９％＋＝＆＃＊＠／～", "0123456789%+=&#*@/~"
) | str.maketrans(  # full-width Latin letters: the engine skips them
    {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
)
# Units written in Latin letters right after a number (5km → 五公里).
_LATIN_UNITS = {
    "km²": "平方公里", "m²": "平方米", "m³": "立方米", "km": "公里", "kg": "公斤",
    "cm": "厘米", "mm": "毫米", "m": "米",
}  # fmt: skip
_LATIN_UNIT = re.compile(r"(?<=[0-9])(km²|m²|m³|km|kg|cm|mm|m)(?![A-Za-z])")
# Symbols espeak reads aloud in English ("plus", "percent", "slash", "tilde") or
# not at all (℃): said in Chinese, or turned into a short pause.
_SYMBOLS = {
    "+": "加", "&": "和", "=": "等于", "℃": "摄氏度", "℉": "华氏度", "°": "度",
    "%": " ", "‰": " ", "/": " ", "~": " ", "#": " ", "*": " ", "@": " ", "_": " ",
    "|": " ", "\\": " ", "^": " ", "<": " ", ">": " ", "`": " ",
}  # fmt: skip
_SYMBOL = re.compile("°C|" + "|".join(re.escape(s) for s in _SYMBOLS))
_SPACES = re.compile(r"[ \t]{2,}")
_BULLET = re.compile(r"^[ \t]*[-*•·][ \t]+", re.MULTILINE)  # "- ①教育" list marks
_SPEAKABLE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")
_PIECE = re.compile(r"(?<=[，,：:；;、])")


def normalize_for_speech(text: str) -> str:
    """Simplified Chinese text → the words a Mandarin engine should read."""
    text = _BULLET.sub("", text.translate(_WIDE))
    text = _LATIN_UNIT.sub(lambda m: _LATIN_UNITS[m.group(1)], text)
    text = read_numbers(text)
    text = _SYMBOL.sub(lambda m: "摄氏度" if m.group(0) == "°C" else _SYMBOLS[m.group(0)], text)
    return _trim(_SPACES.sub(" ", text))


def _trim(utterance: str) -> str:
    # A leading "-" is never spoken, and an utterance starting with one would be taken
    # for an option by a command-line engine.
    return utterance.strip().lstrip("-－— ")


# Costs for choosing where to cut: every utterance costs the same, a very short one
# (a lone "同时，") costs more, and a cut at 、 inside a list costs more than one
# extra utterance: lists are best heard whole.
_UTTERANCE_COST = 10
_SHORT = 10
_LIST_CUT_COST = 15


def split_for_engine(spoken: str, limit: int = CHUNK_LIMIT) -> list[str]:
    """Cut a long spoken sentence into utterances of at most `limit` characters at
    ，：； or 、, choosing the cuts that give the fewest utterances and no tiny ones.
    A stretch with no such mark longer than `limit` stays whole."""
    if len(spoken) <= limit:
        return [spoken]
    pieces = [p for p in _PIECE.split(spoken) if p]
    ends = [0]
    for piece in pieces:
        ends.append(ends[-1] + len(piece))
    count = len(pieces)
    best = [0] + [10**9] * count  # best[j]: cheapest way to say pieces[:j]
    cut_before = [0] * (count + 1)
    for j in range(1, count + 1):
        # An utterance spans at most `limit` characters, so at most `limit` pieces.
        for i in range(j - 1, -1, -1):
            length = ends[j] - ends[i]
            if length > limit and i < j - 1:
                break
            cost = best[i] + _UTTERANCE_COST + max(0, _SHORT - length) ** 2
            if j < count and pieces[j - 1].endswith("、"):
                cost += _LIST_CUT_COST
            if cost < best[j]:
                best[j], cut_before[j] = cost, i
    chunks: list[str] = []
    j = count
    while j > 0:
        i = cut_before[j]
        chunks.append(_trim(spoken[ends[i] : ends[j]]))
        j = i
    return [c for c in reversed(chunks) if c]


@dataclass(frozen=True)
class SpokenSentence:
    """One highlighted sentence: `start`/`end`/`display` refer to the displayed text
    (either script); `chunks` are the utterances sent to the engine, in order."""

    start: int
    end: int
    display: str
    chunks: tuple[str, ...]


def prepare(text: str, script: Script) -> list[SpokenSentence]:
    """The sentences of a displayed text, each with what the engine should say.
    A sentence with nothing to say (only punctuation, e.g. "……") is left out."""
    prepared: list[SpokenSentence] = []
    for sentence in split_sentences(text):
        simplified = sentence.text
        if script == "traditional":
            simplified = convert(simplified, "simplified")
        chunks = tuple(
            chunk
            for chunk in split_for_engine(normalize_for_speech(simplified))
            if _SPEAKABLE.search(chunk)
        )
        if chunks:
            prepared.append(SpokenSentence(sentence.start, sentence.end, sentence.text, chunks))
    return prepared


def dry_run_lines(text: str) -> list[str]:
    """Exactly the utterances that would be sent to the engine for `text`, in order."""
    return [chunk for sentence in prepare(text, detect(text)) for chunk in sentence.chunks]


def dry_run_pinyin(text: str) -> list[str]:
    """For each sentence of `text`, the tone-numbered pinyin the voice will be given."""
    # pypinyin's tables are some 60 MB: they belong in the speech worker, and in the
    # window only when staff ask for this.
    from reader.core.pronounce import pinyin_text

    return [
        " ".join(pinyin_text(chunk) for chunk in sentence.chunks)
        for sentence in prepare(text, detect(text))
    ]
