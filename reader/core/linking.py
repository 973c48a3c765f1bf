"""Find the words in an article that lead to topic cards.

Card terms are simplified, so each block is matched in its simplified form. OpenCC's
s2tw / tw2s keep the length of the text, so an offset found in the simplified form is
the same offset in the text on screen, in either script; that is checked for every
block, and if a conversion ever changes the length the offsets are carried over
through an alignment of the two texts instead.

Which words become links: the longest term wins where terms overlap (so 临时救助
is not cut into 救助), and each card is linked only at its first mention in a
section, because a page full of links is harder to read, not easier.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.article import Article
from reader.core.cards import Card
from reader.core.script import convert

LINKED_KINDS = ("paragraph", "caption")  # not bylines: reporters' names are not topics
SNIPPET_MAX = 60


@dataclass(frozen=True)
class Link:
    card_id: str
    term: str  # the card's term that matched (simplified)
    block_id: str
    section_index: int  # 0-based, as in Article.sections
    start: int  # offsets into Block.text, the same in both scripts
    end: int


@dataclass(frozen=True)
class Mention:
    """An article paragraph that mentions a card's topic (for the card view's list)."""

    article_id: str
    article_title: str
    block_id: str
    section_index: int
    start: int
    end: int
    snippet: str  # the sentence around the mention, in the article's own script


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    term: str
    card_id: str


def _term_index(cards: Iterable[Card]) -> list[tuple[str, str]]:
    """(term, card id), longest term first; ties in a fixed order so results are stable."""
    pairs = {(term, card.id) for card in cards for term in card.terms if term}
    return sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1]))


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _matches(text: str, index: list[tuple[str, str]]) -> list[_Match]:
    """All non-overlapping term matches in `text`, longer terms claiming their place first."""
    taken = [False] * len(text)
    found: list[_Match] = []
    for term, card_id in index:
        at = text.find(term)
        while at != -1:
            end = at + len(term)
            free = not any(taken[at:end])
            # "120" must not match inside "1200"; Chinese has no such word edges.
            if _is_ascii_word(term[0]) and at > 0 and _is_ascii_word(text[at - 1]):
                free = False
            if _is_ascii_word(term[-1]) and end < len(text) and _is_ascii_word(text[end]):
                free = False
            if free:
                taken[at:end] = [True] * len(term)
                found.append(_Match(at, end, term, card_id))
            at = text.find(term, at + 1)
    found.sort(key=lambda m: m.start)
    return found


def offset_map(original: str, converted: str) -> list[int]:
    """For each boundary 0..len(converted) in `converted`, the matching boundary in
    `original`. Identity when the lengths agree (what OpenCC's s2tw/tw2s do); otherwise
    an alignment of the two texts, spreading changed runs evenly."""
    if len(original) == len(converted):
        return list(range(len(converted) + 1))
    boundary = [0] * (len(converted) + 1)
    matcher = difflib.SequenceMatcher(None, original, converted, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(j2 - j1):
            boundary[j1 + k] = i1 + (k * (i2 - i1)) // (j2 - j1)
    boundary[len(converted)] = len(original)
    return boundary


def _simplified(text: str) -> tuple[str, list[int] | None]:
    simplified = convert(text, "simplified")
    if len(simplified) == len(text):
        return simplified, None
    return simplified, offset_map(text, simplified)


def _block_matches(text: str, index: list[tuple[str, str]]) -> list[_Match]:
    """Matches found in the simplified form, with offsets into `text` itself."""
    simplified, boundary = _simplified(text)
    matches = _matches(simplified, index)
    if boundary is None:
        return matches
    carried = [_Match(boundary[m.start], boundary[m.end], m.term, m.card_id) for m in matches]
    return [m for m in carried if m.end > m.start]


def find_links(article: Article, cards: Iterable[Card]) -> list[Link]:
    """The links in reading order: for each section, the first mention of each card."""
    index = _term_index(cards)
    links: list[Link] = []
    for section_index, section in enumerate(article.sections):
        linked: set[str] = set()
        for block in section.blocks:
            if block.kind not in LINKED_KINDS:
                continue
            for m in _block_matches(block.text, index):
                if m.card_id in linked:
                    continue
                linked.add(m.card_id)
                links.append(Link(m.card_id, m.term, block.id, section_index, m.start, m.end))
    return links


def cards_for_section(
    links: Iterable[Link], section_index: int, cards: Iterable[Card]
) -> list[Card]:
    """The cards linked from one section, in the order they are first mentioned there
    (for the row of big buttons at the end of the section)."""
    by_id = {card.id: card for card in cards}
    ordered: list[Card] = []
    for link in links:
        card = by_id.get(link.card_id)
        if link.section_index == section_index and card is not None and card not in ordered:
            ordered.append(card)
    return ordered


def paragraphs_mentioning(
    card: Card, articles: Iterable[Article], cards: Iterable[Card] | None = None
) -> list[Mention]:
    """Every article paragraph that mentions `card`'s topic, one entry per paragraph.
    With `cards` (all of them) a term inside another card's longer term does not count,
    the same rule as the links."""
    index = _term_index(cards if cards is not None else [card])
    mentions: list[Mention] = []
    for article in articles:
        for section_index, section in enumerate(article.sections):
            for block in section.blocks:
                if block.kind not in LINKED_KINDS:
                    continue
                hit = next(
                    (m for m in _block_matches(block.text, index) if m.card_id == card.id), None
                )
                if hit is not None:
                    mentions.append(
                        Mention(
                            article.id,
                            article.title,
                            block.id,
                            section_index,
                            hit.start,
                            hit.end,
                            snippet(block.text, hit.start, hit.end),
                        )
                    )
    return mentions


_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）"}
_CLOSERS = "".join(_QUOTE_PAIRS.values())


def _balanced(text: str) -> str:
    """`text` without the quotation marks and brackets whose partner was cut off."""
    keep = [True] * len(text)
    open_at: dict[str, list[int]] = {opener: [] for opener in _QUOTE_PAIRS}
    opener_of = {closer: opener for opener, closer in _QUOTE_PAIRS.items()}
    for i, ch in enumerate(text):
        if ch in open_at:
            open_at[ch].append(i)
        elif ch in opener_of:
            if open_at[opener_of[ch]]:
                open_at[opener_of[ch]].pop()
            else:
                keep[i] = False  # its opening mark is in the sentence before
    for positions in open_at.values():
        for i in positions:
            keep[i] = False  # its closing mark was cut off
    return "".join(ch for ch, kept in zip(text, keep, strict=True) if kept)


def snippet(text: str, start: int, end: int, limit: int = SNIPPET_MAX) -> str:
    """The sentence holding text[start:end], cut to about `limit` characters around it.
    A closing quotation mark after a sentence's full stop belongs to that sentence;
    marks whose partner is cut off are left out (no stray ” at the start)."""
    ends = "。！？"
    left = max((text.rfind(ch, 0, start) for ch in ends), default=-1) + 1
    while left < start and text[left] in _CLOSERS:
        left += 1
    rights = [i for i in (text.find(ch, end) for ch in ends) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    while right < len(text) and text[right] in _CLOSERS:
        right += 1
    if right - left <= limit:
        return _balanced(text[left:right].strip())
    before = min(start - left, max(limit // 3, limit - (end - start) - (right - end)))
    cut_left = start - before
    cut_right = min(right, cut_left + limit)
    prefix = "…" if cut_left > left else ""
    suffix = "…" if cut_right < right else ""
    return prefix + _balanced(text[cut_left:cut_right].strip()) + suffix
