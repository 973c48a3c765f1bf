"""The parts 朗读这一段 reads when a section is long (an article with no headings is one
section of ~2,900 characters, twenty minutes at 慢).

A part is a run of whole paragraphs of at most about `PART_CHARS` characters: about a
minute of listening at normal speed, two at 慢, which an older listener can follow and
still remember the start of. Single paragraphs were the other choice, but news
paragraphs here run from one sentence to half a screen, so a button under every
paragraph would crowd the short ones and still leave no shorter unit for the long ones.
A paragraph longer than the limit is a part of its own (it is never cut mid-way).
Captions of pictures are never read: the program shows no pictures, so a caption read
aloud would describe something the listener cannot see.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.article import Block

PART_CHARS = 300


def readable(blocks: Sequence[Block]) -> list[Block]:
    """The blocks read aloud: everything but picture captions."""
    return [b for b in blocks if b.kind != "caption"]


def read_parts(blocks: Sequence[Block], limit: int = PART_CHARS) -> list[tuple[str, ...]]:
    """Block ids of each part, in order. Every readable block is in exactly one part."""
    parts: list[list[str]] = []
    size = 0
    for block in readable(blocks):
        length = len(block.text)
        if parts and size + length <= limit:
            parts[-1].append(block.id)
            size += length
        else:
            parts.append([block.id])
            size = length
    return [tuple(part) for part in parts]
