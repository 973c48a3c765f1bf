"""How each character of a spoken sentence is read: pinyin with tone numbers.

One step for every voice: the neural voice turns these syllables into its phonemes,
espeak-ng is given them as tone-numbered pinyin (it reads `yin2 hang2` right but reads
银行 as yin xing), and `speak --dry-run --pinyin` prints them for staff to check.

Readings come from pypinyin's phrase data (银行 yin2 hang2, 重新 chong2 xin1), after
the pronunciation lists (pronunciation_list.py) have been added to it, and then the
tone changes of spoken Mandarin are applied over each stretch between punctuation
marks: pypinyin's own only look inside one dictionary word, and it splits words such
as 展览馆 into single characters.

The input is what speech_text.normalize_for_speech makes: simplified Chinese with
numbers already in words. Latin letters are spelled in the way Chinese speakers say
them; anything else unreadable is left out, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin
from pypinyin.seg.simpleseg import seg

from reader.core.pronunciation_list import use_lists

# A mark that ends a stretch of speech: the voices pause there.
PAUSE_MARKS = "，。！？、；：,.!?;:…—"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NUMERALS = set("零〇一二三四五六七八九十百千万亿两幺点")
_DIGITS = dict(zip("0123456789", "零一二三四五六七八九", strict=True))

# Latin letters as Chinese speakers spell them (B 比, C 西, …), for both voices.
LETTERS: dict[str, tuple[str, ...]] = {
    "A": ("ei1",), "B": ("bi4",), "C": ("xi1",), "D": ("di4",), "E": ("yi4",),
    "F": ("ai2", "fu1"), "G": ("ji4",), "H": ("ai2", "qi1"), "I": ("ai4",),
    "J": ("zhei4",), "K": ("kai4",), "L": ("ai2", "le5"), "M": ("ai2", "mu5"),
    "N": ("en1",), "O": ("ou1",), "P": ("pi4",), "Q": ("kiu1",), "R": ("a1", "er5"),
    "S": ("ai2", "si1"), "T": ("ti4",), "U": ("you1",), "V": ("wei1",),
    "W": ("da1", "bu5", "liu1"), "X": ("ai4", "ke4", "si1"), "Y": ("wai4",), "Z": ("zei4",),
}  # fmt: skip


@dataclass(frozen=True)
class Reading:
    """One piece of a sentence: a character (or Latin letter) and its syllables, or a
    pause mark (syllables empty)."""

    text: str
    syllables: tuple[str, ...]

    @property
    def is_pause(self) -> bool:
        return not self.syllables


def _tone(syllable: str) -> str:
    return syllable[-1] if syllable[-1:].isdigit() else "5"


def _with_tone(syllable: str, tone: str) -> str:
    return syllable[:-1] + tone if syllable[-1:].isdigit() else syllable + tone


def _lexical(text: str) -> list[Reading]:
    """Readings before tone changes: pypinyin's per dictionary word."""
    out: list[Reading] = []
    for word in seg(text):
        if _HAN.search(word):
            pinyins = lazy_pinyin(
                word, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore"
            )
            chars = [c for c in word if _HAN.match(c)]
            if len(pinyins) == len(chars):
                out.extend(Reading(c, (p,)) for c, p in zip(chars, pinyins, strict=True))
                continue
            # a character pypinyin has no reading for is dropped, one at a time
            for c in chars:
                got = lazy_pinyin(
                    c, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore"
                )
                if got:
                    out.append(Reading(c, (got[0],)))
            continue
        for ch in word:
            out.extend(_other(ch))
    return out


def _other(ch: str) -> list[Reading]:
    if ch in PAUSE_MARKS:
        return [Reading(ch, ())]
    if ch.upper() in LETTERS:
        return [Reading(ch, LETTERS[ch.upper()])]
    if ch in _DIGITS:
        digit = _DIGITS[ch]
        return [Reading(digit, tuple(lazy_pinyin(digit, style=Style.TONE3)))]
    if ch == "\n":
        return [Reading("。", ())]
    if ch.isspace():  # a space between Chinese phrases (in titles) is heard as a pause
        return [Reading("、", ())]
    return []  # a symbol nobody reads aloud


def _stretches(readings: list[Reading]) -> list[list[int]]:
    """Indexes of the characters in each stretch between pause marks."""
    stretches: list[list[int]] = [[]]
    for index, reading in enumerate(readings):
        if reading.is_pause:
            stretches.append([])
        elif len(reading.syllables) == 1 and _HAN.match(reading.text):
            stretches[-1].append(index)
        else:
            stretches.append([])  # a spelled letter breaks the run of characters
    return [s for s in stretches if s]


def _apply_sandhi(readings: list[Reading]) -> list[Reading]:
    tones = {i: _tone(r.syllables[0]) for i, r in enumerate(readings) if len(r.syllables) == 1}
    changed: dict[int, str] = {}
    for stretch in _stretches(readings):
        chars = [readings[i].text for i in stretch]
        for pos, index in enumerate(stretch):
            before = chars[pos - 1] if pos > 0 else ""
            after = chars[pos + 1] if pos + 1 < len(stretch) else ""
            next_tone = tones[stretch[pos + 1]] if after else ""
            if chars[pos] == "一":
                changed[index] = _yi_tone(before, after, next_tone)
            elif chars[pos] == "不" and tones[index] != "5":
                changed[index] = "2" if next_tone == "4" else "4"
        # 3-3: in a run of third tones, every one but the last is said as a second tone
        run: list[int] = []
        for index in [*stretch, -1]:
            if index >= 0 and changed.get(index, tones[index]) == "3":
                run.append(index)
                continue
            for earlier in run[:-1]:
                changed[earlier] = "2"
            run = []
    return [
        Reading(r.text, (_with_tone(r.syllables[0], changed[i]),)) if i in changed else r
        for i, r in enumerate(readings)
    ]


def _yi_tone(before: str, after: str, next_tone: str) -> str:
    """一 keeps its first tone as a number (第一, 十一, 一二三, 一月) and at the end of
    a stretch; before a fourth tone it rises (一定), before others it falls (一天)."""
    if not after or before == "第" or before in _NUMERALS or after in _NUMERALS or after == "月":
        return "1"
    if next_tone == "5":
        return "2"  # 一个 (ge4 said lightly): pypinyin marks some such as neutral
    return "2" if next_tone == "4" else "4"


def readings(text: str) -> list[Reading]:
    """The readings of an engine utterance, tone changes applied, the pronunciation
    lists (re)loaded first if a file changed."""
    use_lists()
    return _apply_sandhi(_lexical(text))


def pinyin_text(text: str) -> str:
    """Tone-numbered pinyin for `text`, syllables apart, pause marks kept in place:
    what espeak-ng's `cmn-latn-pinyin` voice is given and what staff are shown."""
    parts: list[str] = []
    for reading in readings(text):
        if reading.is_pause:
            if parts and not parts[-1].endswith(tuple(PAUSE_MARKS)):
                parts[-1] += reading.text
            continue
        parts.extend(reading.syllables)
    return " ".join(parts)
