"""Damaged and hostile variants of every kind of file staff import, made from the
samples by random edits: byte flips, cuts, repeated slices and inserted pieces that
hurt parsers (runs of tags, deep nesting, void tags, broken bytes, MIME headers).

Used by the hypothesis test (a few hundred inputs per kind, in CI) and by the longer
run `python -m tests.benchmarks.fuzz_import`, which prints counts.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from tests.conftest import SEEDS
from tests.support import import_samples as samples

KINDS = ("utf8", "gbk", "html", "mhtml", "docx")
NAMES = {"utf8": "fuzz.txt", "gbk": "fuzz.txt", "html": "fuzz.html", "mhtml": "fuzz.mht",
         "docx": "fuzz.docx"}

_PIECES = [
    b"<br>" * 2000, b"<div>" * 300, b"</div>" * 300, b"<embed src=x>", b"<object>",
    b"<table><tr><td>", b"<h1>", b"<!--", b"<![CDATA[", b"<script>", b"&#xD800;",
    b"\xff\xfe", b"\x00", b"\xe4\xb8", b"\r\n\r\n--b\r\nContent-Type: multipart/related;"
    b' boundary="b"\r\n\r\n', "第二段，有标点。\n".encode() * 50, b"\n" * 5000,
    b'<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr></w:p>' * 100,
]


def seeds() -> dict[str, bytes]:
    return {
        "utf8": SEEDS[0].read_bytes(),
        "gbk": samples.GBK_TEXT.read_bytes(),
        "html": samples.PAGE.read_bytes(),
        "mhtml": samples.mhtml_of(samples.PAGE.read_bytes(), "utf-8"),
        "docx": samples.word_file(),
    }


def _flip(rng: random.Random, data: bytearray) -> None:
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)


def _cut(rng: random.Random, data: bytearray) -> None:
    start = rng.randrange(len(data))
    del data[start:start + rng.randint(1, max(1, len(data) // 4))]


def _repeat(rng: random.Random, data: bytearray) -> None:
    start = rng.randrange(len(data))
    piece = data[start:start + rng.randint(1, 200)]
    data[start:start] = piece * rng.randint(2, 200)


def _insert(rng: random.Random, data: bytearray) -> None:
    at = rng.randrange(len(data) + 1)
    data[at:at] = rng.choice(_PIECES)


EDITS: list[Callable[[random.Random, bytearray], None]] = [_flip, _cut, _repeat, _insert]


def variant(kind: str, rng: random.Random, seed_bytes: dict[str, bytes]) -> bytes:
    """One to three random edits of the sample of this kind. A Word file is edited
    inside (its document part) as often as from outside (its zip bytes)."""
    if kind == "docx" and rng.random() < 0.5:
        xml = bytearray(samples.word_document_xml().encode("utf-8"))
        for _ in range(rng.randint(1, 3)):
            rng.choice(EDITS)(rng, xml)
        return samples.word_file(xml.decode("utf-8", "replace"))
    data = bytearray(seed_bytes[kind])
    for _ in range(rng.randint(1, 3)):
        if data:
            rng.choice(EDITS)(rng, data)
    return bytes(data)
