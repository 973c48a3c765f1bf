"""Bytes from a file → text, for the encodings community-centre files come in.

UTF-8 and UTF-16 (with or without BOM), UTF-32 with BOM, GB18030/GBK and Big5. GBK and Big5
overlap byte-wise, so a Big5 file also "decodes" as GBK into nonsense: the choice
between them is charset-normalizer's, restricted to these candidates. Whatever is
chosen must then read as text (few control characters, no replacement characters),
otherwise the file is refused with a plain message rather than shown as mojibake.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
import unicodedata

from reader.core import strings
from reader.core.errors import ArticleFileError
from reader.core.limits import MAX_BYTES, too_big

REPLACED = "\ufffd"  # what a byte that is not UTF-8 becomes in a file that otherwise is

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CANDIDATES = ["gb18030", "big5"]
_PLAIN = re.compile(r"[\x20-\x7e\n\r\t\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_REPLACED_RUN = re.compile(f"{REPLACED}+")
_SAMPLE = 100_000  # characters enough to tell GBK from Big5, whatever the file's length


UNNAMED_FILE = strings.text("import.unnamed_file")  # what messages call a file with no name


def empty(name: str) -> ArticleFileError:
    return ArticleFileError(strings.text("import.empty", name=name))


def check_bytes(data: bytes, name: str) -> None:
    """The first check of every kind of file: not too big, not empty."""
    if len(data) > MAX_BYTES:
        raise too_big(name, len(data))
    if not data.strip():
        raise empty(name)


def decode_bytes(data: bytes, name: str = UNNAMED_FILE) -> tuple[str, str]:
    """Return (text, encoding name). Raise ArticleFileError with a plain reason."""
    check_bytes(data, name)
    text, encoding = _decode(data, name)
    # Replacement marks that were not in the file are our own, for a few stray bytes.
    marked = text.count(REPLACED) - data.count(REPLACED.encode("utf-8"))
    text = _checked_as_text(text, name, allowed=max(0, marked))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise empty(name)
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise _unreadable(name, f"{encoding}: {exc.reason}") from exc
    if b"\x00" in data:
        try:
            return _utf16_without_bom(data, name)
        except ArticleFileError:
            # A few zero bytes in UTF-8 text are damage like any other stray byte.
            damaged = _with_stray_bytes(data.replace(b"\x00", b"\xff"), "utf-8")
            if damaged is None:
                raise
            return damaged, "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _with_stray_bytes(data, "utf-8")
    if damaged is not None:
        return damaged, "utf-8"
    readings = {}
    for encoding in _CANDIDATES:
        with contextlib.suppress(UnicodeDecodeError):
            readings[encoding] = data.decode(encoding)
    if not readings:
        damaged = _with_stray_bytes(data, "gb18030")
        if damaged is None:
            raise _unreadable(name, "not UTF-8, GB18030 or Big5")
        return damaged, "gb18030"
    if len(readings) == 1:
        encoding, text = next(iter(readings.items()))
        return text, encoding
    # Both read without error (GBK and Big5 share their byte ranges). The right one
    # gives everyday characters; the wrong one rare ones (社区食堂 in GBK read as Big5 is
    # 扦⑹妘斻). Statistics alone got short texts wrong about a third of the time.
    scores = {encoding: _everyday_share(text[:_SAMPLE]) for encoding, text in readings.items()}
    if scores["gb18030"] != scores["big5"]:
        encoding = max(scores, key=lambda e: scores[e])
        return readings[encoding], encoding
    # A tie: on a long text, charset-normalizer's statistics; on a short one they guess,
    # and files here are far more often GBK than Big5.
    encoding = "gb18030"
    if len(data) >= 40:
        # Loaded only here: it costs a tenth of the program's start-up, and nearly
        # every file (the settings file among them) is UTF-8 and never gets this far.
        import charset_normalizer

        best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
        if best is not None and best.encoding in readings:
            encoding = best.encoding
    return readings[encoding], encoding


def _with_stray_bytes(data: bytes, encoding: str) -> str | None:
    """Text in which a few bytes are broken (a bad copy, a cut download): read it with
    each broken spot shown as one \ufffd, and let the preview name the lines. UTF-8 is
    tried first: a GBK or Big5 file read as UTF-8 breaks at nearly every Chinese
    character, with only a few accidental UTF-8 characters between the breaks; and
    then GB18030, the commoner of the two legacy encodings. Each broken spot must have
    at least twenty good non-ASCII characters to go with it."""
    text = data.decode(encoding, "replace")
    spots = len(_REPLACED_RUN.findall(text))
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count(REPLACED)
    return _REPLACED_RUN.sub(REPLACED, text) if good >= 20 * spots else None


def _everyday_share(text: str) -> float:
    """The share of the Chinese characters that are everyday ones (the 3,500 of level 1
    of 通用规范汉字表), counted on the simplified spelling."""
    from reader.core.script import convert

    han = [ch for ch in convert(text, "simplified") if "\u3400" <= ch <= "\u9fff"]
    odd = _unreadable_count(text)  # private-use and unassigned code points count against
    if not han:
        return 0.0
    everyday = everyday_characters()
    return sum(ch in everyday for ch in han) / (len(han) + odd)


@functools.lru_cache(maxsize=1)
def everyday_characters() -> frozenset[str]:
    from reader.resources import asset_path

    lines = asset_path("data", "common-chars-level1.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in lines.splitlines()
                     if line.strip() and not line.startswith("#"))


def _utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """UTF-16 saved without its mark (some editors do). Zero bytes are the high bytes
    of ASCII characters (line ends, digits): at odd positions in little-endian text,
    at even ones in big-endian; so that order is tried first. What decodes must then
    read as text: anything else with zero bytes is not a text file."""
    zeros_even, zeros_odd = data[0::2].count(0), data[1::2].count(0)
    order = ["utf-16-le", "utf-16-be"] if zeros_odd >= zeros_even else ["utf-16-be", "utf-16-le"]
    if len(data) % 2 == 0:
        for encoding in order:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _unreadable_count(text) <= max(2, len(text) // 200):
                return text, encoding
    raise _unreadable(name, "NUL bytes, and not UTF-16")


def _is_unreadable(ch: str) -> bool:
    return ch == REPLACED or (
        unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\n\r\t\f"
    )


def _unreadable_count(text: str) -> int:
    # Most text is printable ASCII plus common CJK: skip those in C, look at the rest.
    return sum(1 for ch in _PLAIN.sub("", text) if _is_unreadable(ch))


def _checked_as_text(text: str, name: str, allowed: int = 0) -> str:
    """The text, if it reads as text. `allowed`: replacement marks already accepted
    (stray bytes). Beyond a few, unreadable characters (control codes from a flipped
    byte) are accepted, each shown as \ufffd, only where everyday Chinese characters
    outnumber them twenty to one; a binary file read as GBK has far fewer."""
    bad = _unreadable_count(text) - allowed
    if bad <= max(2, len(text) // 200):
        return text
    from reader.core.script import convert

    everyday = everyday_characters()
    if sum(ch in everyday for ch in _HAN.findall(convert(text, "simplified"))) < 20 * bad:
        raise _unreadable(name, f"{bad} unreadable characters")
    return "".join(REPLACED if _is_unreadable(ch) else ch for ch in text)


def _unreadable(name: str, detail: str) -> ArticleFileError:
    return ArticleFileError(
        strings.text("import.undecodable", name=name),
        detail,
    )
