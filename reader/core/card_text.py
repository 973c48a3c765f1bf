"""A card as text: its sections in order, as plain text (command line) or as an HTML
fragment for the on-screen card view.

`card_sections()` is the one place that decides what a card says and in what order
(who, what, how, what to bring, whom to call, notes, then the local office when staff
filled it in); the plain text, the HTML and the printed card all start from it.
Labels are written in 简体 and converted with the card, like every other string.
The HTML carries structure and class names only: sizes and colours come from the
UI theme, which knows the reader's chosen font size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

from reader.core import strings
from reader.core.article import Script
from reader.core.cards import Card
from reader.core.local_info import LocalInfo
from reader.core.script import convert

# section key -> heading, in the order a card shows them
LABELS: dict[str, str] = {
    key: strings.STRINGS[f"card.section.{key}"]
    for key in ("what", "who", "steps", "bring", "phones", "notes", "local")
}
LOCAL_LABELS: dict[str, str] = {
    key: strings.STRINGS[f"card.local.{key}"]
    for key in ("office", "office_address", "office_phone", "office_hours", "office_note",
                "centre", "address", "centre_phone", "hours", "checked")
}
REVIEWED_LABEL = strings.STRINGS["card.reviewed"]


def label(key: str, script: Script = "simplified") -> str:
    """A section heading (LABELS / LOCAL_LABELS key) in `script`."""
    text = LABELS.get(key) or LOCAL_LABELS.get(key) or key
    return convert(text, script) if script != "simplified" else text


@dataclass(frozen=True)
class CardLine:
    text: str
    number: str = ""  # a phone number, shown apart from its purpose
    field: str = ""  # for local lines: which LOCAL_LABELS entry (for styling / printing)


@dataclass(frozen=True)
class CardSection:
    key: str  # a LABELS key
    title: str  # the heading, already in the card's script
    lines: tuple[CardLine, ...]
    numbered: bool = False  # 怎么办: steps 1, 2, 3 …
    listed: bool = True  # False: one paragraph (这是什么)


def card_sections(
    card: Card, local_info: LocalInfo | None = None, script: Script | None = None
) -> list[CardSection]:
    """The card's sections in reading order, in `script` (default: the card's own).
    Empty sections are left out; 本地办理 appears only when something local is filled in."""
    script = script or card.script
    card = card.converted(script)

    def c(text: str) -> str:
        return convert(text, script) if script != "simplified" else text

    def lines(items: tuple[str, ...]) -> tuple[CardLine, ...]:
        return tuple(CardLine(t) for t in items)

    sections = [
        CardSection("what", label("what", script), (CardLine(card.what),), listed=False),
        CardSection("who", label("who", script), lines(card.who)),
        CardSection("steps", label("steps", script), lines(card.steps), numbered=True),
        CardSection("bring", label("bring", script), lines(card.bring)),
        CardSection(
            "phones",
            label("phones", script),
            tuple(CardLine(p.purpose, number=p.number) for p in card.phones),
        ),
        CardSection("notes", label("notes", script), lines(card.notes)),
    ]
    local = _local_lines(card.id, local_info, script, c)
    if local:
        sections.append(CardSection("local", label("local", script), local))
    return [s for s in sections if s.lines]


def _local_lines(
    card_id: str, local_info: LocalInfo | None, script: Script, c: Callable[[str], str]
) -> tuple[CardLine, ...]:
    if local_info is None:
        return ()
    found: list[tuple[str, str]] = []
    office = local_info.office_for(card_id)
    if office is not None:
        found += [("office", office.office), ("office_address", office.address),
                  ("office_phone", office.phone), ("office_hours", office.hours),
                  ("office_note", office.note)]
    centre = local_info.centre
    found += [
        ("centre", centre.name),
        ("address", centre.address),
        ("centre_phone", centre.phone),
        ("hours", centre.hours),
    ]
    lines = [CardLine(f"{label(key, script)}：{c(value)}", field=key)
             for key, value in found if value]
    if lines and local_info.checked is not None:
        lines.append(CardLine(f"{label('checked', script)}：{c(chinese_date(local_info.checked))}",
                              field="checked"))
    return tuple(lines)


def chinese_date(day: date) -> str:
    return strings.text("date.day", year=day.year, month=day.month, day=day.day)


def reviewed_line(card: Card, script: Script | None = None) -> str:
    script = script or card.script
    text = f"{REVIEWED_LABEL}：{chinese_date(card.reviewed)}"
    return convert(text, script) if script != "simplified" else text


def card_to_text(
    card: Card, local_info: LocalInfo | None = None, script: Script | None = None
) -> str:
    """Plain text for the terminal: title, then each section with its heading."""
    script = script or card.script
    title = card.converted(script).title
    out = [f"【{title}】"]
    for section in card_sections(card, local_info, script):
        out.append("")
        out.append(section.title)
        for n, line in enumerate(section.lines, start=1):
            if not section.listed:
                out.append(f"  {line.text}")
            elif section.numbered:
                out.append(f"  {n}. {line.text}")
            elif line.number:
                out.append(f"  ☎ {line.number}　{line.text}")
            else:
                out.append(f"  · {line.text}")
    out += ["", reviewed_line(card, script)]
    return "\n".join(out) + "\n"


def card_to_html(
    card: Card, local_info: LocalInfo | None = None, script: Script | None = None
) -> str:
    """An HTML fragment: <h1> title, <h2> per section, <ol> for steps, <ul> for lists.
    Plain div/h/p/ul/ol/li/span only, which Qt's rich text understands."""
    script = script or card.script
    title = card.converted(script).title
    lang = "zh-Hant" if script == "traditional" else "zh-Hans"
    out = [f'<div class="card" lang="{lang}">', f'<h1 class="card-title">{escape(title)}</h1>']
    for section in card_sections(card, local_info, script):
        out.append(f'<div class="card-section card-{section.key}">')
        out.append(f"<h2>{escape(section.title)}</h2>")
        if not section.listed:
            out += [f"<p>{escape(line.text)}</p>" for line in section.lines]
        else:
            tag = "ol" if section.numbered else "ul"
            out.append(f"<{tag}>")
            for line in section.lines:
                if line.number:
                    out.append(
                        f'<li><span class="phone-number">{escape(line.number)}</span>　'
                        f'<span class="phone-purpose">{escape(line.text)}</span></li>'
                    )
                else:
                    out.append(f"<li>{escape(line.text)}</li>")
            out.append(f"</{tag}>")
        out.append("</div>")
    out.append(f'<p class="card-reviewed">{escape(reviewed_line(card, script))}</p>')
    out.append("</div>")
    return "\n".join(out)


def changed_parts(mine: Card, theirs: Card) -> list[tuple[str, str, str]]:
    """Where two versions of one card differ, as (heading, mine, theirs) in reading
    order, each side as plain text ("" where a version has no such section): what staff
    compare when a content pack brings a card they changed on this PC."""

    def texts(card: Card) -> dict[str, tuple[str, str]]:
        found = {"title": (strings.STRINGS["card.title_heading"], card.title)}
        for section in card_sections(card):
            found[section.key] = (section.title, "\n".join(
                f"☎ {line.number}　{line.text}" if line.number else line.text
                for line in section.lines))
        found["reviewed"] = (REVIEWED_LABEL, reviewed_line(card).split("：", 1)[1])
        return found

    a, b = texts(mine), texts(theirs)
    order = ["title", *LABELS, "reviewed"]
    return [
        ((a.get(key) or b[key])[0], a.get(key, ("", ""))[1], b.get(key, ("", ""))[1])
        for key in order
        if (key in a or key in b) and a.get(key, ("", ""))[1] != b.get(key, ("", ""))[1]
    ]
