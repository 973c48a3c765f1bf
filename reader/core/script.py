"""简体 / 繁體 detection and conversion with OpenCC.

Works with the official `opencc` binding (what we depend on) and with
`opencc-python-reimplemented` (same module name), so only the bare config names
"s2t" and "t2s" are used. Converters are built once: building one reads dictionaries.
"""

from __future__ import annotations

from functools import lru_cache

from opencc import OpenCC

from reader.core.article import Script

_CONFIG = {"traditional": "s2t", "simplified": "t2s"}


@lru_cache(maxsize=2)
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


def convert(text: str, to: Script) -> str:
    """Convert `text` to the target script. The length is kept (checked: offsets and
    highlights depend on it); if a future dictionary changes it, the text is converted
    character by character instead, which always keeps length."""
    if not text:
        return text
    converter = _converter(_CONFIG[to])
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    chars = [converter.convert(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text, strict=True))


def detect(text: str) -> Script:
    """Which script a text is written in: count characters that change each way."""
    to_simplified = _converter("t2s").convert(text)
    to_traditional = _converter("s2t").convert(text)
    traditional_marks = sum(a != b for a, b in zip(text, to_simplified, strict=False))
    simplified_marks = sum(a != b for a, b in zip(text, to_traditional, strict=False))
    return "traditional" if traditional_marks > simplified_marks else "simplified"
