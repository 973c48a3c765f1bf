"""Topic cards: plain-language help on one programme each (assets/cards/<id>.toml).

Cards are written in 简体 by people, in Notepad, so loading is strict but forgiving
in what it keeps: a card with a real mistake (missing field, wrong category, more
than 5 steps, a TOML syntax error) is left out with a plain message naming the file
and line, and every other card still loads. Small slips that do not change what a
resident reads (an unknown key, a term another card already uses, a missing icon
picture) keep the card and are reported too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from reader.core import strings
from reader.core.article import Script
from reader.core.script import convert
from reader.core.toml_file import TomlFileError, key_line, read_toml, table_line
from reader.resources import asset_path

# The order residents see them in (home screen rows, booklet chapters).
CATEGORIES: tuple[str, ...] = ("看病就医", "生活救助", "养老服务", "找工作", "上学和托育", "其他")
ICONS: tuple[str, ...] = ("medical", "relief", "elderly", "jobs", "school", "other")
MAX_STEPS = 5

_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_TEXT_LISTS = ("who", "steps", "bring", "notes")
_KNOWN_KEYS = {
    "id",
    "title",
    "category",
    "icon",
    "terms",
    "reviewed",
    "what",
    *_TEXT_LISTS,
    "phones",
    "sources",
}


@dataclass(frozen=True)
class Phone:
    number: str  # written in full, e.g. "12345"
    purpose: str  # what to call it for, plain words


@dataclass(frozen=True)
class Source:
    article: str  # seed article id, e.g. "000_dd9696c1479e7cb6"
    quote: str  # a simplified substring of the paragraph that mentions the topic


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    category: str  # one of CATEGORIES, always simplified (a key; show category_label())
    icon: str  # one of ICONS
    terms: tuple[str, ...]  # simplified; matched against the simplified form of articles
    reviewed: date
    what: str
    who: tuple[str, ...]
    steps: tuple[str, ...]
    bring: tuple[str, ...]
    notes: tuple[str, ...]
    phones: tuple[Phone, ...]
    sources: tuple[Source, ...]
    script: Script = "simplified"
    path: Path | None = field(default=None, compare=False)

    def converted(self, script: Script) -> Card:
        """The card as a resident reads it in `script`. id, icon, category (a key),
        terms and sources stay simplified: they are for matching, not for reading."""
        if script == self.script:
            return self

        def c(text: str) -> str:
            return convert(text, script)

        def cs(items: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(c(t) for t in items)

        return replace(
            self,
            title=c(self.title),
            what=c(self.what),
            who=cs(self.who),
            steps=cs(self.steps),
            bring=cs(self.bring),
            notes=cs(self.notes),
            phones=tuple(Phone(p.number, c(p.purpose)) for p in self.phones),
            script=script,
        )

    def icon_path(self) -> Path:
        return asset_path("icons", f"{self.icon}.svg")

    def category_label(self) -> str:
        return category_label(self.category, self.script)


def category_label(category: str, script: Script = "simplified") -> str:
    return convert(category, script) if script != "simplified" else category


@dataclass(frozen=True)
class CardProblem:
    """Something wrong in a card file, said plainly. `skipped`: the card was left out."""

    file: str  # file name, e.g. "dibao.toml"
    line: int | None
    message: str  # already names the file and line
    skipped: bool = True
    detail: str = ""

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class CardSet:
    cards: tuple[Card, ...] = ()  # in CATEGORIES order, then by id
    problems: tuple[CardProblem, ...] = ()

    def __iter__(self) -> Iterator[Card]:
        return iter(self.cards)

    def __len__(self) -> int:
        return len(self.cards)

    def get(self, card_id: str) -> Card | None:
        return next((c for c in self.cards if c.id == card_id), None)

    def ids(self) -> list[str]:
        return [c.id for c in self.cards]

    def in_category(self, category: str) -> tuple[Card, ...]:
        return tuple(c for c in self.cards if c.category == category)

    def by_category(self) -> list[tuple[str, tuple[Card, ...]]]:
        """(category, cards) in the fixed order, leaving out empty categories."""
        groups = [(cat, self.in_category(cat)) for cat in CATEGORIES]
        return [(cat, cards) for cat, cards in groups if cards]

    def converted(self, script: Script) -> CardSet:
        return replace(self, cards=tuple(c.converted(script) for c in self.cards))


class CardError(TomlFileError):
    """A card file that cannot be used (message names the file and line)."""


def card_folders() -> list[Path]:
    """Where cards come from, later folders winning for a card of the same id: the
    shipped cards, the last content pack's, and the ones staff changed on this PC."""
    from reader.core.library_files import PUBLISHED
    from reader.paths import library_dir, local_cards_dir

    published = None
    if (library_dir() / PUBLISHED).is_dir():  # (no pack code loaded on a PC without packs)
        from reader.core.content_store import ContentStore

        published = ContentStore().cards_folder()
    return [asset_path("cards"), *([published] if published else []), local_cards_dir()]


def card_files(folders: Iterable[Path]) -> list[Path]:
    """One file per card id (ignoring case, as Windows does), from the last folder that
    has it, sorted by file name."""
    chosen: dict[str, Path] = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.glob("*.toml"):
                chosen[path.stem.casefold()] = path
    return sorted(chosen.values(), key=lambda p: p.name)


def load_cards(folder: Path | None = None) -> CardSet:
    """Every *.toml card in `folder` (default: `card_folders()`, layered)."""
    paths = card_files(card_folders()) if folder is None else sorted(folder.glob("*.toml"))
    cards: list[Card] = []
    problems: list[CardProblem] = []
    term_owner: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for path in paths:
        try:
            card, warnings = parse_card_file(path)
        except CardError as exc:
            problems.append(CardProblem(path.name, exc.line, exc.message, True, exc.detail))
            continue
        problems.extend(warnings)
        # Windows folders ignore case, so "Dibao" and "dibao" would be the same card.
        folded = card.id.casefold()
        if folded in seen_ids:
            problems.append(_problem(path, None, strings.text("cards.same_id", id=card.id,
                                                                other=seen_ids[folded])))
            continue
        seen_ids[folded] = path.name
        card, clash_problems = _drop_taken_terms(card, term_owner, path)
        problems.extend(clash_problems)
        cards.append(card)
    problems.extend(_missing_icons(cards))
    order = {cat: n for n, cat in enumerate(CATEGORIES)}
    cards.sort(key=lambda c: (order[c.category], c.id))
    return CardSet(tuple(cards), tuple(problems))


def parse_card_file(path: Path) -> tuple[Card, list[CardProblem]]:
    """One card, or CardError. Also returns warnings that did not stop the card."""
    try:
        data, text = read_toml(path)
    except TomlFileError as exc:
        raise CardError(strings.text("cards.unreadable", message=exc.message), exc.detail,
                        exc.line) from exc
    return _CardReader(path, data, text).read()


class _CardReader:
    """Checks one parsed card file field by field; the first real mistake stops it."""

    def __init__(self, path: Path, data: dict[str, Any], text: str) -> None:
        self.path, self.data, self.text = path, data, text
        self.warnings: list[CardProblem] = []

    def fail(self, key: str | None, what: str, table: str | None = None, n: int = 0) -> CardError:
        line = self._line(key, table, n)
        return CardError(_told(self.path, line, what, skipped=True), "", line)

    def _line(self, key: str | None, table: str | None = None, n: int = 0) -> int | None:
        if key is None:
            return table_line(self.text, table, n) if table else None
        return key_line(self.text, key, table, n) or (
            table_line(self.text, table, n) if table else key_line(self.text, key)
        )

    def text_field(
        self, key: str, table: str | None = None, n: int = 0, data: dict[str, Any] | None = None
    ) -> str:
        source = self.data if data is None else data
        if key not in source:
            missing = strings.text("cards.missing_key", key=key)
            raise self.fail(None if table is None else key, missing, table, n)
        value = source[key]
        if isinstance(value, int) and not isinstance(value, bool) and key == "number":
            value = str(value)  # number = 12345 without quotes is a harmless slip
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, strings.text("cards.not_text", key=key), table, n)
        return value.strip()

    def text_list(self, key: str, required: bool) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, strings.text("cards.not_list", key=key))
        items = tuple(v.strip() for v in value if v.strip())
        if required and not items:
            raise self.fail(key if key in self.data else None,
                            strings.text("cards.empty_list", key=key))
        return items

    def read(self) -> tuple[Card, list[CardProblem]]:
        card_id = self.text_field("id")
        if card_id != self.path.stem:
            raise self.fail("id", strings.text("cards.id_not_file_name", stem=self.path.stem))
        if not _ID.match(card_id):
            raise self.fail("id", strings.text("cards.bad_id"))
        category = self.text_field("category")
        if category not in CATEGORIES:
            raise self.fail("category", strings.text("cards.bad_category", category=category,
                                                      allowed="、".join(CATEGORIES)))
        steps = self.text_list("steps", required=True)
        if len(steps) > MAX_STEPS:
            raise self.fail("steps", strings.text("cards.too_many_steps", most=MAX_STEPS,
                                                   n=len(steps)))
        for key in sorted(set(self.data) - _KNOWN_KEYS):
            self.warn(key, strings.text("cards.unknown_key", key=key))
        card = Card(
            id=card_id,
            title=self.text_field("title"),
            category=category,
            icon=self.icon(),
            terms=self.terms(),
            reviewed=self.reviewed(),
            what=self.text_field("what"),
            who=self.text_list("who", required=True),
            steps=steps,
            bring=self.text_list("bring", required=False),
            notes=self.text_list("notes", required=False),
            phones=self.phones(),
            sources=self.sources(),
            path=self.path,
        )
        return card, self.warnings

    def warn(self, key: str, what: str) -> None:
        line = key_line(self.text, key)
        self.warnings.append(CardProblem(self.path.name, line,
                                         _told(self.path, line, what, skipped=False), False))

    def icon(self) -> str:
        icon = self.text_field("icon")
        if icon not in ICONS:
            allowed = " ".join(ICONS)
            self.warn("icon", strings.text("cards.unknown_icon", icon=icon, allowed=allowed))
            return "other"
        return icon

    def terms(self) -> tuple[str, ...]:
        terms = self.text_list("terms", required=True)
        simplified = tuple(dict.fromkeys(convert(t, "simplified") for t in terms))
        if simplified != terms:
            self.warn("terms", strings.text("cards.terms_traditional"))
        return simplified

    def reviewed(self) -> date:
        value = self.data.get("reviewed")
        if isinstance(value, str):  # reviewed = "2026-11-23" with quotes is a harmless slip
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        if not isinstance(value, date):
            raise self.fail(
                "reviewed" if "reviewed" in self.data else None,
                strings.text("cards.no_reviewed"),
            )
        return value

    def tables(self, key: str) -> list[dict[str, Any]]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, strings.text("cards.not_tables", key=key))
        return value

    def phones(self) -> tuple[Phone, ...]:
        phones = tuple(
            Phone(
                self.text_field("number", "phones", n, table),
                self.text_field("purpose", "phones", n, table),
            )
            for n, table in enumerate(self.tables("phones"))
        )
        if not phones:
            raise self.fail(None, strings.text("cards.no_phone"))
        for n, phone in enumerate(phones):
            if not re.fullmatch(r"[0-9][0-9 -]*[0-9]", phone.number):
                raise self.fail("number", strings.text("cards.bad_number"), "phones", n)
        return phones

    def sources(self) -> tuple[Source, ...]:
        return tuple(
            Source(
                self.text_field("article", "sources", n, table),
                self.text_field("quote", "sources", n, table),
            )
            for n, table in enumerate(self.tables("sources"))
        )


def _problem(path: Path, line: int | None, what: str, skipped: bool = True) -> CardProblem:
    return CardProblem(path.name, line, _told(path, line, what, skipped), skipped)


def _told(path: Path, line: int | None, what: str, skipped: bool) -> str:
    """"<file> 第 n 行：<what>。" and, when the card was left out, that it was."""
    where = strings.text("cards.where", name=path.name, line=line) if line else path.name
    return strings.text("cards.problem_skipped" if skipped else "cards.problem",
                        where=where, what=what)


def _drop_taken_terms(
    card: Card, term_owner: dict[str, str], path: Path
) -> tuple[Card, list[CardProblem]]:
    """A term can lead to one card only; a later card that repeats it loses that term."""
    kept: list[str] = []
    problems: list[CardProblem] = []
    for term in card.terms:
        owner = term_owner.get(term)
        if owner is None:
            term_owner[term] = card.id
            kept.append(term)
        else:
            line = key_line(path.read_text(encoding="utf-8", errors="replace"), "terms")
            problems.append(
                _problem(path, line, strings.text("cards.term_taken", term=term, owner=owner),
                         False)
            )
    if not kept:
        problems.append(
            _problem(path, None, strings.text("cards.all_terms_taken"), False)
        )
    return replace(card, terms=tuple(kept)), problems


def _missing_icons(cards: Iterable[Card]) -> list[CardProblem]:
    missing = sorted({c.icon for c in cards if not c.icon_path().is_file()})
    return [
        CardProblem(
            f"{icon}.svg", None, strings.text("cards.missing_icon", icon=icon), False
        )
        for icon in missing
    ]
