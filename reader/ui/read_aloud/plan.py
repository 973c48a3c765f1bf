"""What read-aloud reads: the sentences of a scope (the whole article, one section, or
one part of a few paragraphs: reader.core.read_parts) in reading order, each with where
it is shown and what the engine says, and the state of one reading. Built from the text
as displayed, in either script; offsets point into the displayed block texts, so the
highlight lands on exactly what is shown. Picture captions are never read: the program
shows no pictures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from reader.core.article import Article, Script
from reader.core.read_parts import read_parts
from reader.ui.widgets.article_view import block_texts

ALL = -1  # scope: the whole article; a scope >= 0 is a section index
# … or the block ids of one part (what 朗读这一段 beside a chosen paragraph reads)
Scope = int | tuple[str, ...]


class Planned(NamedTuple):
    """One sentence to read: where it is shown, and what the engine says."""

    block_id: str
    start: int
    end: int
    chunks: tuple[str, ...]


def scope_blocks(article: Article, scope: Scope) -> list[str]:
    """Block ids read for `scope`, in reading order (title, deck, byline, each section's
    heading and blocks, the column line for the whole article), captions left out."""
    captions = {block.id for block in article.blocks() if block.kind == "caption"}
    if isinstance(scope, tuple):
        ids = list(scope)
    elif scope == ALL:
        ids = list(block_texts(article))
    else:
        section = article.sections[scope]
        heading = [f"h{scope}"] if section.heading else []
        ids = heading + [block.id for block in section.blocks]
    return [block_id for block_id in ids if block_id not in captions]


def part_of(article: Article, block_id: str) -> tuple[str, ...] | None:
    """The part (a paragraph or a few short ones) `block_id` belongs to; None for what is
    in no part (title, headings, captions)."""
    section = article.section_of(block_id)
    if section is None:
        return None
    return next((part for part in read_parts(article.sections[section].blocks)
                 if block_id in part), None)


def plan(article: Article, scope: Scope, script: Script) -> list[Planned]:
    from reader.core.speech_text import prepare  # cn2an takes ~0.2 s to import

    texts = block_texts(article)
    return [
        Planned(block_id, s.start, s.end, s.chunks)
        for block_id in scope_blocks(article, scope)
        for s in prepare(texts.get(block_id, ""), script)
    ]


def scope_of(article: Article, block_id: str, current: Scope) -> Scope:
    """The scope a click on `block_id` reads in: the current one if it holds the block,
    else the block's part when a part was being read, else the block's section when a
    section was being read, else the whole article."""
    if block_id in scope_blocks(article, current):
        return current
    if isinstance(current, tuple):
        return part_of(article, block_id) or ALL
    if current != ALL:
        section = article.section_of(block_id)
        if section is None and block_id.startswith("h") and block_id[1:].isdigit():
            section = int(block_id[1:])
        if section is not None:
            return section
    return ALL


def first_index(sentences: list[Planned], block_ids: list[str], block_id: str) -> int | None:
    """Index of the first sentence of `block_id`, or of the next block that has one."""
    if block_id not in block_ids:
        return None
    later = set(block_ids[block_ids.index(block_id):])
    return next((i for i, s in enumerate(sentences) if s.block_id in later), None)


@dataclass
class Reading:
    scope: Scope
    sentences: list[Planned]
    start: int  # index the voice started from
    number: int  # tells this reading's events from an earlier one's
    current: int | None = None  # sentence being said (highlighted)
    finished: int = -1  # last sentence said to the end
    paused_at: int | None = None  # set while paused: where 继续 starts

    def resume_index(self) -> int:
        if self.current is not None and self.current > self.finished:
            return self.current
        return max(self.start, self.finished + 1)
