"""The article model: what the rest of the program reads, shows and speaks.

An Article is made once by `reader.core.ingest` and then only read. Converting it to
the other script gives a new Article with the same shape and the same block ids, so a
place in the text (a block id plus a character offset) survives a 简/繁 switch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from reader.core.strings import text

Script = Literal["simplified", "traditional"]
BlockKind = Literal["paragraph", "caption", "byline"]


@dataclass(frozen=True)
class Block:
    """One paragraph, caption or byline line. `id` is stable: "p1", "p2", … in reading order."""

    id: str
    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Section:
    heading: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class RemovedLine:
    """A source line dropped as site noise, kept so staff can see (and restore) it."""

    line_no: int  # 1-based, in the decoded source
    text: str
    reason: str  # plain Chinese, e.g. "网站广告标题"


@dataclass(frozen=True)
class Article:
    id: str  # the source file's stem, e.g. "000_dd9696c1479e7cb6"
    title: str
    deck: str = ""  # subtitle, e.g. "——我市在…"
    byline: str = ""  # reporters, e.g. "文/记者 …"
    date: str | None = None  # ISO yyyy-mm-dd when the source states one
    script: Script = "simplified"
    sections: tuple[Section, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    column: str = ""  # a newspaper column slogan printed with the article
    source_name: str = ""
    encoding: str = "utf-8"  # what the source was decoded as
    year_hint: int | None = field(default=None, compare=False)  # newest year in the text
    # Source lines where a byte could not be read and shows as \ufffd (told to staff)
    damaged_lines: tuple[int, ...] = ()
    title_made: bool = False  # the file had no headline: the title is its first sentence

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    def block(self, block_id: str) -> Block | None:
        return next((b for b in self.blocks() if b.id == block_id), None)

    def section_of(self, block_id: str) -> int | None:
        for index, section in enumerate(self.sections):
            if any(b.id == block_id for b in section.blocks):
                return index
        return None

    def first_sentence(self) -> str:
        """The first sentence of the first paragraph, for home tiles."""
        for block in self.blocks():
            if block.kind == "paragraph":
                cuts = [i for i, ch in enumerate(block.text) if ch in "。！？"]
                return block.text[: cuts[0] + 1] if cuts else block.text
        return ""

    def when(self) -> str:
        """"2025年3月1日" from the date the source states, else "2025年" from the newest
        year named in the text, else "" (written the same in both scripts)."""
        if self.date:
            try:
                day = date.fromisoformat(self.date)
            except ValueError:
                return self.date
            return text("date.day", year=day.year, month=day.month, day=day.day)
        return text("date.year", year=self.year_hint) if self.year_hint else ""

    def map_text(self, convert: Callable[[str], str], script: Script) -> Article:
        """The same article with every text run through `convert` (ids and shape kept)."""
        sections = tuple(
            Section(
                heading=convert(s.heading) if s.heading else s.heading,
                blocks=tuple(replace(b, text=convert(b.text)) for b in s.blocks),
            )
            for s in self.sections
        )
        return replace(
            self,
            title=convert(self.title),
            deck=convert(self.deck),
            byline=convert(self.byline),
            column=convert(self.column),
            script=script,
            sections=sections,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "deck": self.deck,
            "byline": self.byline,
            "date": self.date,
            "script": self.script,
            "column": self.column,
            "encoding": self.encoding,
            "sections": [
                {
                    "heading": s.heading,
                    "blocks": [{"id": b.id, "kind": b.kind, "text": b.text} for b in s.blocks],
                }
                for s in self.sections
            ],
            "removed": [
                {"line": r.line_no, "text": r.text, "reason": r.reason} for r in self.removed
            ],
            "damaged_lines": list(self.damaged_lines),
            "title_made": self.title_made,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Article:
        """The Article that `to_json` described. `source_name` and `year_hint`, which
        `to_json` leaves out, are read when present (the library stores them beside).
        Raise ValueError on anything malformed, so a damaged file is never half-read."""
        try:
            script = data["script"]
            if script not in ("simplified", "traditional"):
                raise ValueError(f"script {script!r}")
            sections = tuple(
                Section(
                    heading=_optional_str(s["heading"]),
                    blocks=tuple(_block(b) for b in s["blocks"]),
                )
                for s in data["sections"]
            )
            removed = tuple(
                RemovedLine(int(r["line"]), _str(r["text"]), _str(r["reason"]))
                for r in data["removed"]
            )
            year_hint = data.get("year_hint")
            return cls(
                id=_str(data["id"]),
                title=_str(data["title"]),
                deck=_str(data["deck"]),
                byline=_str(data["byline"]),
                date=_optional_str(data["date"]),
                script=script,
                sections=sections,
                removed=removed,
                column=_str(data["column"]),
                source_name=_str(data.get("source_name", "")),
                encoding=_str(data["encoding"]),
                year_hint=None if year_hint is None else int(year_hint),
                damaged_lines=tuple(int(n) for n in data.get("damaged_lines", ())),
                title_made=bool(data.get("title_made", False)),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not an article: {exc!r}") from exc


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return value


def _optional_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _block(data: Mapping[str, Any]) -> Block:
    kind = data["kind"]
    if kind not in ("paragraph", "caption", "byline"):
        raise ValueError(f"block kind {kind!r}")
    return Block(_str(data["id"]), kind, _str(data["text"]))
