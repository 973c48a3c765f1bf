"""The pronunciation entries a content pack carries: one word a line with its pinyin.

    # comments and blank lines are allowed
    银行 yin2 hang2
    单县 shan4 xian4

The word is Chinese characters; the reading has one tone-numbered syllable (tone 1–5)
per character. A pack is refused at build time when a line is wrong, naming the line,
so no PC is sent a list the voice cannot use.
"""

from __future__ import annotations

import re

from reader.core.errors import ReaderError

MAX_BYTES = 1024 * 1024
_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{1,16}")
_SYLLABLE = re.compile(r"[a-zü]{1,6}[1-5]")


def parse_pronunciations(data: bytes, name: str) -> dict[str, tuple[str, ...]]:
    """word -> syllables, or ReaderError naming the first bad line."""
    if len(data) > MAX_BYTES:
        raise ReaderError(f"{name} 太大了（最多 1 MB）。")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(f"{name} 要存成 UTF-8 格式。") from exc
    entries: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, *syllables = line.split()
        if not _WORD.fullmatch(word):
            raise ReaderError(f"{name} 第 {number} 行：开头要写汉字词语。")
        if len(syllables) != len(word) or not all(_SYLLABLE.fullmatch(s) for s in syllables):
            raise ReaderError(
                f"{name} 第 {number} 行：每个字要有一个带声调数字的拼音，例如 银行 yin2 hang2。"
            )
        entries[word] = tuple(syllables)
    return entries


def check_pronunciations(data: bytes, name: str) -> None:
    parse_pronunciations(data, name)
