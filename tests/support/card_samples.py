"""Hand-written card files for loader and linking tests (independent of assets/cards)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SEED_000 = "000_dd9696c1479e7cb6"


def card_toml(
    card_id: str = "dibao",
    title: str = "城乡低保",
    category: str = "生活救助",
    icon: str = "relief",
    terms: tuple[str, ...] = ("城乡低保", "低保"),
    steps: tuple[str, ...] = ("到社区说明情况。", "填申请表。", "等人上门核对。"),
    extra: str = "",
) -> str:
    terms_text = ", ".join(f'"{t}"' for t in terms)
    steps_text = ", ".join(f'"{s}"' for s in steps)
    return f"""id = "{card_id}"
title = "{title}"
category = "{category}"
icon = "{icon}"
terms = [{terms_text}]
reviewed = 2026-11-23
what = "{title}是给生活困难家庭的帮助。"
who = ["家里收入低的人。"]
steps = [{steps_text}]
bring = ["身份证。", "户口本。"]
notes = ["各地标准不同，请问当地。"]
{extra}
[[phones]]
number = "12345"
purpose = "问政府办事。"

[[sources]]
article = "{SEED_000}"
quote = "通过调整城乡低保和特困人员救助标准"
"""


def write_card(
    folder: Path, card_id: str = "dibao", text: str | None = None, **fields: Any
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{card_id}.toml"
    path.write_text(text if text is not None else card_toml(card_id, **fields), encoding="utf-8")
    return path
