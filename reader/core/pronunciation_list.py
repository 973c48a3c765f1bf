"""Pronunciation lists: words whose reading the program must get right.

Three lists, one format. The program ships one (assets/data/pronunciations.txt) for the
words of its field that pypinyin reads wrong (给付 jǐfù, 供养 gōngyǎng, 还款 huánkuǎn);
a district's content pack may carry one (its pronunciations.txt, for the district's
places and names); staff keep their own in the settings folder (pronunciations.txt) for
local places and people's names. Staff entries win over the pack's, the pack's over the
shipped ones, and all of them over pypinyin's.

A line is a word and its syllables, apart: `银行 yin2 hang2` or `银行 yín háng`
(tone marks or tone numbers, 5 or none for a light tone, ü as v or ü). `#` starts a
comment. A line that cannot be used is named with its number and a plain reason, and
skipped; the file itself is never changed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from pypinyin import load_phrases_dict
from pypinyin.contrib.tone_convert import to_tone, to_tone3
from pypinyin.pinyin_dict import pinyin_dict

from reader import paths
from reader.resources import asset_path

STAFF_FILE_NAME = "pronunciations.txt"
_HAN_WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
_TONE_NUMBER = re.compile(r"^([a-zü]+)([1-5])?$")


def shipped_file() -> Path:
    return asset_path("data", "pronunciations.txt")


def staff_file() -> Path:
    return paths.config_dir() / STAFF_FILE_NAME


def published_file() -> Path | None:
    """The pronunciation list of the content pack installed on this PC, if it has one."""
    from reader.core.content_store import ContentStore

    try:
        return ContentStore().pronunciations_file()
    except (OSError, ValueError):  # a damaged pack state: the pack's own checks say so
        return None


@functools.cache
def _known_syllables() -> frozenset[str]:
    """Every syllable, without its tone, in pypinyin's character data (about 400)."""
    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            found.add(to_tone3(reading, neutral_tone_with_five=True)[:-1])
    return frozenset(found)


@dataclass
class PronunciationList:
    """The usable entries of one file, and the lines that were not usable."""

    entries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # plain Chinese, one per bad line


def _syllable(raw: str) -> str | None:
    """`raw` as a tone-numbered syllable (hang2, lv4, de5), or None if it is not one."""
    text = raw.strip().lower().replace("u:", "v")
    if not text:
        return None
    plain = to_tone3(text, neutral_tone_with_five=True)  # tone marks → numbers
    match = _TONE_NUMBER.match(plain.replace("ü", "v"))
    if not match:
        return None
    if match.group(1) not in _known_syllables():
        return None
    return match.group(1) + (match.group(2) or "5")


def parse(text: str) -> PronunciationList:
    result = PronunciationList()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        word, *syllables = line.split()
        where = f"第 {number} 行（{line[:30]}）"
        if not _HAN_WORD.match(word):
            result.problems.append(f"{where}：开头要写汉字词语，比如“银行 yin2 hang2”。")
            continue
        if len(syllables) != len(word):
            result.problems.append(
                f"{where}：“{word}”有 {len(word)} 个字，后面写了 {len(syllables)} 个读音，"
                "要一字一个，用空格隔开。"
            )
            continue
        toned = [_syllable(s) for s in syllables]
        bad = [s for s, t in zip(syllables, toned, strict=True) if t is None]
        if bad:
            result.problems.append(f"{where}：“{bad[0]}”不是普通话拼音，请检查拼写和声调。")
            continue
        result.entries[word] = tuple(t for t in toned if t is not None)
    return result


def read_list(path: Path) -> PronunciationList:
    """The list in `path`; a missing file is an empty list, an unreadable one a problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return PronunciationList()
    except (OSError, UnicodeDecodeError) as exc:
        return PronunciationList(problems=[f"读音表 {path} 打不开（{exc.__class__.__name__}）。"])
    return parse(text)


@dataclass(frozen=True)
class LoadedLists:
    shipped: PronunciationList
    staff: PronunciationList
    staff_path: Path
    published: PronunciationList = field(default_factory=PronunciationList)


_loaded: tuple[tuple[object, ...], LoadedLists] | None = None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def use_lists(shipped: Path | None = None, staff: Path | None = None,
              published: Path | None = None) -> LoadedLists:
    """Read both lists and teach their words to pypinyin (for this process). Cheap to
    call before every reading: the files are read again only when one has changed.

    pypinyin keeps one phrase table per process: a word taken out of the staff file
    keeps its reading until the program restarts (or the shipped one, if it has one)."""
    global _loaded
    shipped = shipped or shipped_file()
    staff = staff or staff_file()
    published = published or published_file()
    stamp = (shipped, _mtime(shipped), staff, _mtime(staff),
             published, _mtime(published) if published else None)
    if _loaded is not None and _loaded[0] == stamp:
        return _loaded[1]
    lists = LoadedLists(read_list(shipped), read_list(staff), staff,
                        read_list(published) if published else PronunciationList())
    merged = {**lists.shipped.entries, **lists.published.entries, **lists.staff.entries}
    load_phrases_dict(
        {word: [[to_tone(s)] for s in syllables] for word, syllables in merged.items()}
    )
    _loaded = (stamp, lists)
    return lists
