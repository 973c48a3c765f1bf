"""Local information staff fill in: the community centre and, per card, the local office,
and the day the numbers were last checked (号码核实日期, printed on cards).

One TOML file in the user's config folder (reader.paths.local_info_file()). It is
created (atomically) with comments on first use, and again when it is empty (nothing
filled in). Staff change it with the staff area's form (reader.core.local_info_save,
which keeps the file's comments) or by hand. Reading never changes a file with anything
in it: a broken file is reported (plain message naming the line) and the program goes on
with empty values, leaving the file exactly as the staff member wrote it.
Cards show only values that are filled in; nothing local is ever made up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from reader import paths
from reader.core import strings
from reader.core.errors import plain_os_error
from reader.core.safe_files import create_text_file, is_blank
from reader.core.toml_file import TomlFileError, decode_toml, key_line, read_toml, table_line

# file keys -> the field's name for staff
CENTRE_FIELDS = {"name": strings.text("local.field.name"),
                 "address": strings.text("local.field.address"),
                 "phone": strings.text("local.field.phone"),
                 "hours": strings.text("local.field.hours")}
OFFICE_FIELDS = {"office": strings.text("local.field.office"),
                 "address": strings.text("local.field.address"),
                 "phone": strings.text("local.field.phone"),
                 "hours": strings.text("local.field.office_hours"),
                 "note": strings.text("local.field.note")}
CHECKED_KEY = "checked"


@dataclass(frozen=True)
class Centre:
    name: str = ""
    address: str = ""
    phone: str = ""
    hours: str = ""

    def is_empty(self) -> bool:
        return not (self.name or self.address or self.phone or self.hours)


@dataclass(frozen=True)
class LocalOffice:
    office: str = ""  # where to go for this programme, e.g. "某某街道便民服务中心 2 号窗口"
    phone: str = ""
    address: str = ""
    hours: str = ""
    note: str = ""  # e.g. "先打电话预约"

    def is_empty(self) -> bool:
        return not (self.office or self.address or self.phone or self.hours or self.note)


@dataclass(frozen=True)
class LocalInfo:
    centre: Centre = Centre()
    offices: dict[str, LocalOffice] = field(default_factory=dict)  # card id -> office
    checked: date | None = None  # 号码核实日期: when staff last checked the numbers
    problems: tuple[str, ...] = ()  # plain messages for staff
    path: Path | None = None
    text: str | None = None  # the file as read; None when it could not be read at all
    broken: bool = False  # the file is not valid TOML: nothing in it was used

    def office_for(self, card_id: str) -> LocalOffice | None:
        """The filled-in local office for a card, or None when nothing is filled in."""
        office = self.offices.get(card_id)
        return office if office is not None and not office.is_empty() else None


def template(cards: Iterable[tuple[str, str]] = ()) -> str:
    """The commented file staff start from; `cards` is (id, title) for a section per card."""
    lines = [
        "# 大字读报：本地办事信息（由社区工作人员填写）",
        "#",
        "# 填好的内容会显示在帮助卡片上，也会印在打印的卡片上。没填的不显示。",
        '# 怎么填：只改英文双引号 " " 里面的字，引号本身不要删，也不要换成中文引号 “ ”。',
        '# 例如：phone = "0354-1234567"',
        "# 改完保存（编码选 UTF-8），重新打开程序就能看到。",
        "# 写错了也不要紧：程序会说出是第几行，先不用这个文件，文件不会被改动。",
        "# 也可以不改这个文件：员工区（Ctrl+Alt+S）的“本地信息”里有填写表格。",
        "",
        "# 号码核实日期：最近一次打电话核对下面这些号码的日期，会印在卡片上。",
        "# 写成 checked = 2026-12-06（不加引号）。",
        'checked = ""',
        "",
        "[centre]",
        "# 本社区服务中心（居民可以来问的地方）",
        'name = ""       # 名称，例如 某某社区党群服务中心',
        'address = ""    # 地址',
        'phone = ""      # 电话',
        'hours = ""      # 开放时间，例如 周一到周五 上午9点到下午5点',
        "",
        "# 下面每一段对应一张帮助卡片（方括号里是卡片编号，后面是卡片名称）。",
        "# office：去哪里办（地点、窗口）；address：地址；phone：当地办理的电话；",
        "# hours：办理时间；note：要提醒居民的一句话（例如 先打电话预约）。",
        "# 新加的卡片不在下面时，照样子加一段：[cards.卡片编号]",
        "# （卡片编号用 python -m reader cards 查）。",
    ]
    card_list = list(cards)
    if not card_list:
        card_list = [("dibao", "城乡低保")]
    for card_id, title in card_list:
        lines += ["", f"[cards.{card_id}]  # {title}", *(f'{key} = ""' for key in OFFICE_FIELDS)]
    return "\n".join(lines) + "\n"


def ensure_local_info_file(
    path: Path | None = None, cards: Iterable[tuple[str, str]] | None = None
) -> tuple[Path, str | None]:
    """Create the file from the template if it does not exist yet or is empty (nothing
    filled in: a file cut short by a crash or a full disk in an older version); never
    touch one with anything in it. `cards` (id, title) default to the shipped cards.
    Returns (path, problem or None)."""
    path = path or paths.local_info_file()
    if path.exists() and not is_blank(path):
        return path, None
    if cards is None:
        from reader.core.cards import load_cards

        cards = [(card.id, card.title) for card in load_cards()]
    try:
        # Whole or not at all; and if another copy of the program (or staff) wrote
        # something there a moment ago, that stays.
        create_text_file(path, template(cards), replace_empty=True)
    except OSError as exc:
        return (
            path,
            strings.text("local.problem.not_created", path=path, reason=plain_os_error(exc)),
        )
    return path, None


def load_local_info(
    path: Path | None = None, cards: Iterable[tuple[str, str]] | None = None
) -> LocalInfo:
    """Read the local-information file (creating it on first use). Never raises:
    problems come back as plain messages and the values that could be read.
    `cards` (id, title): for the template, and to report sections for unknown cards."""
    cards = list(cards) if cards is not None else None
    path, problem = ensure_local_info_file(path, cards)
    if problem:
        return LocalInfo(problems=(problem,), path=path)
    try:
        data, text = read_toml(path)
    except TomlFileError as exc:
        message = strings.text("local.problem.broken", reason=exc.message)
        return LocalInfo(problems=(message,), path=path, text=_text_or_none(path),
                         broken=True)
    info = _LocalInfoReader(path, data, text).read()
    if cards:
        extra = unknown_card_problems(info, (card_id for card_id, _ in cards))
        info = replace(info, problems=info.problems + tuple(extra))
    return info


class _LocalInfoReader:
    """Takes what it can from a file that parsed; wrong values are skipped and reported."""

    def __init__(self, path: Path, data: dict[str, Any], text: str) -> None:
        self.path, self.data, self.text = path, data, text
        self.problems: list[str] = []

    def report(self, line: int | None, what: str) -> None:
        where = strings.text("local.problem.line", n=line) if line else ""
        self.problems.append(strings.text("local.problem.where", name=self.path.name,
                                          line=where, what=what))

    def value(self, table: dict[str, Any], key: str, table_name: str) -> str:
        value = table.get(key, "")
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # phone = 1234567 without quotes is a harmless slip
        if not isinstance(value, str):
            line = key_line(self.text, key, table_name)
            self.report(line, strings.text("local.problem.not_text", key=key))
            return ""
        return value.strip()

    def table(self, value: Any, name: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.report(key_line(self.text, name.split(".")[-1]),
                    strings.text("local.problem.not_table", name=name))
        return {}

    def unknown_keys(self, table: dict[str, Any], known: Iterable[str], name: str) -> None:
        for key in sorted(set(table) - set(known)):
            line = (
                key_line(self.text, key, name)
                if name
                else (key_line(self.text, key) or table_line(self.text, key))
            )
            self.report(line, strings.text("local.problem.unknown_key", key=key))

    def checked(self) -> date | None:
        value = self.data.get(CHECKED_KEY, "")
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()) if value.strip() else None
            except ValueError:
                pass
        elif isinstance(value, date) and not hasattr(value, "hour"):
            return value
        self.report(key_line(self.text, CHECKED_KEY), strings.text("local.problem.checked_format"))
        return None

    def read(self) -> LocalInfo:
        self.unknown_keys(self.data, ["centre", "cards", CHECKED_KEY], "")
        centre_table = self.table(self.data.get("centre", {}), "centre")
        self.unknown_keys(centre_table, CENTRE_FIELDS, "centre")
        centre = Centre(**{k: self.value(centre_table, k, "centre") for k in CENTRE_FIELDS})
        offices: dict[str, LocalOffice] = {}
        for card_id, raw in self.table(self.data.get("cards", {}), "cards").items():
            name = f"cards.{card_id}"
            if not isinstance(raw, dict):
                self.report(
                    table_line(self.text, name) or key_line(self.text, card_id, "cards"),
                    strings.text("local.problem.card_not_table", card=card_id, name=name),
                )
                continue
            self.unknown_keys(raw, OFFICE_FIELDS, name)
            offices[card_id] = LocalOffice(**{k: self.value(raw, k, name) for k in OFFICE_FIELDS})
        return LocalInfo(centre, offices, self.checked(), tuple(self.problems), self.path,
                         self.text)


def unknown_card_problems(info: LocalInfo, card_ids: Iterable[str]) -> list[str]:
    """Sections for cards that do not exist (a typo in the id means the office never shows)."""
    known = set(card_ids)
    return [
        strings.text("local.problem.unknown_card", card=card_id)
        for card_id in sorted(info.offices)
        if card_id not in known and not info.offices[card_id].is_empty()
    ]


def _text_or_none(path: Path) -> str | None:
    """The file's text for a later "changed meanwhile?" check; None when unreadable."""
    try:
        return comparable_text(path.read_bytes(), path.name)
    except OSError:
        return None


def comparable_text(data: bytes, name: str) -> str:
    """The file's bytes as text, decoded exactly as `read_toml` decodes them (so a file
    Notepad saved with a BOM, CRLF, as GBK or UTF-16 reads the same every time); bytes
    that are no text at all, as UTF-8 with replacement marks."""
    try:
        return decode_toml(data, name)[0]
    except TomlFileError:
        return data.decode("utf-8", "replace")
