"""简体 / 繁體 detection and conversion with OpenCC.

繁體 is written in the Taiwan standard character forms (`s2tw`: 為, 群眾, 裡), the ones
readers of Taiwan and Hong Kong print know, not OpenCC's older standard (爲, 羣衆, 裏).
`s2tw` changes characters only; its phrase tables pick between one-to-many characters
(头发 → 頭髮, 干部 → 幹部) and never swap words (社区 stays 社區; that is `s2twp`).
简体 comes from `tw2s`, which turns the particle 著 (隨著, 看著) into 着 and keeps 著 in
著名, 显著. A few zhù words its tables miss are put back here.

Works with the official `opencc` binding (what we depend on) and with
`opencc-python-reimplemented` (same module name), so only bare config names are used.
Converters are built once: building one reads dictionaries.
"""

from __future__ import annotations

import re
from functools import lru_cache

from opencc import OpenCC

from reader.core.article import Script

_CONFIG = {"traditional": "s2tw", "simplified": "tw2s"}

# Words where 著 is zhù (to write, to be marked) that `tw2s` turns into 着 all the same.
_ZHU_WORDS = ("土著", "卓著", "编著", "原著", "专著", "论著", "遗著", "译著", "新著", "拙著",
              "彰著", "著有", "所著", "合著", "巨著", "名著", "著述", "著称", "昭著")
_ZHU_AS_CONVERTED = re.compile("|".join(w.replace("著", "着") for w in _ZHU_WORDS))


@lru_cache(maxsize=2)
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


def _keep_zhu(source: str, converted: str) -> str:
    """Put 著 back where the source's 著 is zhù (the lengths are equal).

    `tw2s` knows zhù words in their traditional form (顯著) only, so 著 in text that is
    already simplified (显著) would become 着: those are decided on the text taken to
    traditional first. Then the zhù words its tables miss (土著) are put back."""
    if "著" not in source:
        return converted
    out = list(converted)
    via_traditional = _converter("tw2s").convert(_converter("s2tw").convert(source))
    if len(via_traditional) == len(source):
        for i, ch in enumerate(source):
            if ch == "著" and via_traditional[i] == "著":
                out[i] = "著"
    for match in _ZHU_AS_CONVERTED.finditer("".join(out)):
        for i in range(match.start(), match.end()):
            if out[i] == "着" and source[i] == "著":
                out[i] = "著"
    return "".join(out)


def convert(text: str, to: Script) -> str:
    """Convert `text` to the target script. The length is kept (checked: offsets and
    highlights depend on it); if a dictionary changes it, the text is converted
    character by character instead, which always keeps length."""
    if not text:
        return text
    converter = _converter(_CONFIG[to])
    out = converter.convert(text)
    if len(out) != len(text):
        chars = [converter.convert(ch) for ch in text]
        out = "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text, strict=True))
    return _keep_zhu(text, out) if to == "simplified" else out


def detect(text: str) -> Script:
    """Which script a text is written in: count characters that change each way."""
    to_simplified = _converter(_CONFIG["simplified"]).convert(text)
    to_traditional = _converter(_CONFIG["traditional"]).convert(text)
    traditional_marks = sum(a != b for a, b in zip(text, to_simplified, strict=False))
    simplified_marks = sum(a != b for a, b in zip(text, to_traditional, strict=False))
    return "traditional" if traditional_marks > simplified_marks else "simplified"
