"""Find the parts of an article in its cleaned lines: title, deck, byline, headings,
captions, a trailing column slogan, and the body paragraphs in between.

Newspaper pages put these anywhere: 000_… has its headline, deck and byline after the
body; 003_… has them first, with a photo credit, section headings and a sidebar. So
lines are classified by their form, then placed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from reader.core.article import Block, BlockKind, Section
from reader.core.clean import Line
from reader.core.repair import NUMBERED_HEADING, is_prose, join_broken_paragraphs
from reader.core.script import convert

_DASH_DECK = re.compile(r"^(.{2,40}?)\s*(——.+)$")
# "本报讯（记者 王明 通讯员 李华）", "新华社北京3月5日电（记者 张三）" opening a paragraph:
# the dateline and reporters belong in the byline, not in the text read out.
_DATELINE = re.compile(
    r"^(?P<lead>[^，。！？；：（()）\s]{0,24}?(?:讯|电))?\s*"
    r"[（(](?P<who>(?:本报|特约|见习)?(?:记者|通讯员)[^（()）。，！？]{1,40})[）)]\s*"
)
# The same without brackets: "本报讯 记者王明 通讯员李华 12月1日，…", "记者王明 通讯员李华
# 报道：…". A name is 2–4 characters ending at a space, 、, the next role, 报道, 摄 or a
# digit, so "记者近日走访发现…" or "记者王明说，…" (the reporter in the story) are not taken.
_ROLE = r"(?:(?:本报|特约|见习|实习)?(?:记者|通讯员)|实习生)"
_NAME = (rf"(?!{_ROLE}|报道)[\u4e00-\u9fff]{{2,4}}(?:·[\u4e00-\u9fff]{{1,6}})?"
         rf"(?=[\s、]|{_ROLE}|报道|摄|\d|$)")
_REPORTERS = rf"{_ROLE}\s*[:：]?\s*{_NAME}(?:[\s、]+{_NAME})*"
_ALL_REPORTERS = rf"{_REPORTERS}(?:[\s、，,]*{_REPORTERS})*"
_REPORTERS_ALONE = re.compile(rf"^{_ALL_REPORTERS}(?:\s*(?:报道|摄影|摄))?$")
_REPORTERS_OPENING = re.compile(
    r"^(?P<lead>[^，。！？；：（()）\s]{0,24}?(?:讯|电)\s*[:：]?\s*)?"
    rf"(?P<who>{_ALL_REPORTERS})(?:\s*报道\s*[:：]?|\s+(?=\S)|(?=\d))"
)
_DATE_PREFIX = re.compile(r"^(?:date\s*)?(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}\s*", re.I)
_CREDIT = re.compile(r"^(文[/／]|图[/／]|撰文|摄影)")
_PHOTO_CREDIT = re.compile(r"[\u4e00-\u9fff]{2,4}\s*摄[）)]?$")
_CAPTION_LABEL = re.compile(r"^(图片说明|图注|图说|配图说明)\s*[:：]?$")
_CIRCLED = re.compile(r"^[①-⑳]")
HEADING_MAX = 24  # a section heading is a short phrase
TITLE_MAX = 40


@dataclass
class Parts:
    title: str = ""
    deck: str = ""
    byline: str = ""
    column: str = ""
    sections: list[Section] = field(default_factory=list)
    title_made: bool = False  # no headline in the file: made from the first sentence


def _kind(text: str) -> str:
    """Classify one line by form (on its simplified spelling)."""
    simple = convert(text, "simplified")
    if simple.startswith("—"):
        return "deck"
    if _CAPTION_LABEL.match(simple):
        return "caption"
    if _CIRCLED.match(simple) and len(simple) <= 40:
        return "caption"
    if _CREDIT.match(simple) and len(simple) <= 60 and "。" not in simple:
        return "byline"
    if _REPORTERS_ALONE.match(simple):
        return "byline"
    if _PHOTO_CREDIT.search(simple) and len(simple) <= 120:
        return "caption"
    if (not is_prose(simple) or NUMBERED_HEADING.match(simple)) and len(simple) <= TITLE_MAX:
        return "short"
    return "prose"


def build(lines: list[Line], headings: Collection[int] = ()) -> Parts:
    """`headings`: numbers of lines the source marked as headings (HTML h1-h4, Word
    heading styles); they count as short lines whatever their punctuation."""
    lines, reporters = _take_reporters(lines)
    kinds = {line.no: "short" if line.no in headings else _kind(line.text) for line in lines}
    protected = {no for no, k in kinds.items() if k != "prose"}
    lines = join_broken_paragraphs(lines, protected)
    parts = Parts()
    used: set[int] = set()

    title_index = 0 if lines and lines[0].no in headings else _find_title(lines, kinds)
    if title_index is not None:
        line = lines[title_index]
        used.add(line.no)
        split = _DASH_DECK.match(line.text)
        if split and kinds[line.no] != "deck":
            parts.title, parts.deck = split.group(1).strip(), split.group(2).strip()
        else:
            parts.title = line.text
            following = lines[title_index + 1] if title_index + 1 < len(lines) else None
            if following and kinds[following.no] == "deck":
                parts.deck = following.text
                used.add(following.no)

    # The reporters' line: the first byline line (shown under the title), or the
    # reporters named after the dateline.
    for line in lines:
        if kinds[line.no] == "byline" and line.no not in used:
            parts.byline = line.text
            used.add(line.no)
            break
    if reporters and reporters not in parts.byline:
        parts.byline = f"{parts.byline} {reporters}".strip()

    # A column slogan: a short unpunctuated line closing the page, after all prose.
    last = lines[-1] if lines else None
    if last and kinds[last.no] == "short" and last.no not in used and len(last.text) >= 6:
        parts.column = last.text
        used.add(last.no)

    undated = _DATE_PREFIX.sub("", parts.title)
    if len(undated) >= 4:  # "date 2025-12-28 标题" as some pages' headline lines read
        parts.title = undated
    parts.sections = _sections([ln for ln in lines if ln.no not in used], kinds, set(headings))
    if not parts.title:
        parts.title = _title_from_text(parts.sections)
        parts.title_made = bool(parts.title)
    return parts


def _take_reporters(lines: list[Line]) -> tuple[list[Line], str]:
    """Take "本报讯（记者…）" off the first paragraph that opens with it, or the whole
    line when that is all it says; or, without brackets, "本报讯 记者王明 通讯员李华"
    opening the first paragraph. Returns the lines without it, and the reporters' words
    as written (nothing is lost; the byline is shown under the title)."""
    for index, line in enumerate(lines):
        match = _DATELINE.match(convert(line.text, "simplified"))
        if match:
            return _split(lines, index, match.end(), match.end())
    for index, line in enumerate(lines):
        simple = convert(line.text, "simplified")
        if _kind(line.text) != "prose":
            continue  # title, deck, a byline line of its own: the first paragraph is later
        opening = _REPORTERS_OPENING.match(simple)
        if opening:
            said = simple[opening.end("who"):opening.end()].rstrip(" :：\t")
            return _split(lines, index, opening.end("who") + len(said), opening.end())
        break
    return lines, ""


def _split(lines: list[Line], index: int, words_end: int, rest_start: int) -> tuple[
        list[Line], str]:
    """Line `index` without its first `rest_start` characters, and its first `words_end`
    characters (the reporters, as written)."""
    line = lines[index]
    reporters = line.text[:words_end].strip()
    rest = line.text[rest_start:].strip()
    kept = [Line(line.no, rest)] if rest else []
    return [*lines[:index], *kept, *lines[index + 1:]], reporters


def _find_title(lines: list[Line], kinds: dict[int, str]) -> int | None:
    # 1. "标题 ——副题" on one line, or a short line followed by a "——" deck line.
    for i, line in enumerate(lines):
        if (
            kinds[line.no] in ("short", "prose")
            and _DASH_DECK.match(line.text)
            and not is_prose(
                _DASH_DECK.match(line.text).group(1)  # type: ignore[union-attr]
            )
        ):
            return i
        if kinds[line.no] == "short" and i + 1 < len(lines) and kinds[lines[i + 1].no] == "deck":
            return i
    # 2. A short line before the first paragraph.
    for i, line in enumerate(lines):
        kind = kinds[line.no]
        if kind == "short":
            return i
        if kind == "prose":
            return None
    return None


def _title_from_text(sections: list[Section]) -> str:
    """No headline in the file: the first sentence of the first paragraph, cut at a
    comma when it is long (never in the middle of a phrase)."""
    for section in sections:
        for block in section.blocks:
            text = block.text
            end = min((i for i, ch in enumerate(text) if ch in "。！？"), default=len(text))
            sentence = text[:end]
            if len(sentence) <= TITLE_MAX:
                return sentence
            commas = [i for i, ch in enumerate(sentence[:TITLE_MAX]) if ch in "，；：、"]
            cut = min((i for i in commas if i >= 8), default=TITLE_MAX)
            return sentence[:cut]
    return ""


def _sections(lines: list[Line], kinds: dict[int, str], marked: set[int]) -> list[Section]:
    """`marked`: lines the source marked as headings (Word heading styles, h1–h4): they
    are headings up to TITLE_MAX long whatever follows; two in a row ("一、总体要求" then
    "（一）指导思想") make one heading, so no section is left empty."""
    sections: list[Section] = []
    heading: str | None = None
    blocks: list[Block] = []
    counter = 0

    def flush() -> None:
        if heading is not None or blocks:
            sections.append(Section(heading, tuple(blocks)))

    for i, line in enumerate(lines):
        kind = kinds[line.no]
        following = lines[i + 1] if i + 1 < len(lines) else None
        if line.no in marked and following is not None and len(line.text) <= TITLE_MAX:
            if heading is not None and not blocks:
                heading = f"{heading}\u3000{line.text}"
                continue
            flush()
            heading, blocks = line.text, []
            continue
        is_heading = (
            kind == "short"
            and len(line.text) <= HEADING_MAX
            and following is not None
            and kinds[following.no] == "prose"
        )
        if is_heading:
            flush()
            heading, blocks = line.text, []
            continue
        counter += 1
        block_kind: BlockKind = (
            "caption" if kind == "caption" else "byline" if kind == "byline" else "paragraph"
        )
        blocks.append(Block(f"p{counter}", block_kind, line.text))
    flush()
    return sections
