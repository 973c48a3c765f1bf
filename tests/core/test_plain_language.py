"""Plain language on every shipped card (DESIGN.md "Plain language for cards").

What a resident reads is checked: title, 这是什么, the lists and what each phone
number is for (not `terms`, which are the articles' official words).
- Sentences are split at 。！？; each list item is at least one sentence. Length is
  counted in characters without spaces and without the closing mark. Average ≤ 20
  per card, none over 35.
- At least 99% of the Chinese characters of each card are in the 3,500-character
  level-1 list of 通用规范汉字表 (tests/data/common-chars-level1.txt).
- An abbreviation a resident may not know (医保, 低保 …) is said in full somewhere
  on the same card.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from reader.core.cards import Card, Phone, load_cards

LEVEL1_FILE = Path(__file__).resolve().parent.parent / "data" / "common-chars-level1.txt"
AVERAGE_MAX = 20
LONGEST_MAX = 35
LEVEL1_SHARE_MIN = 0.99

# abbreviation -> ways to say it in full (any one; a tuple means all of its parts).
# A regex key narrows where the short form really is the abbreviation
# (人社 in 人社局, not in 老人社区).
ABBREVIATIONS: dict[str, list[tuple[str, ...]]] = {
    "低保": [("最低生活保障",)],
    "医保": [("医疗保险",), ("医疗保障",)],
    "社保": [("社会保险",), ("社会保障",)],
    r"人社(?=局|部|厅|部门|系统|服务|窗口|所|站)": [("人力资源和社会保障",)],
    "残联": [("残疾人联合会",)],
    "特困": [("特别困难",), ("特殊困难",)],
    "两项补贴": [("困难残疾人生活补贴", "重度残疾人护理补贴")],
    "新农合": [("新型农村合作医疗",)],
    "医共体": [("医疗共同体",), ("医疗卫生共同体",)],
    "医联体": [("医疗联合体",)],
    "卫健委": [("卫生健康委员会",)],
    "公积金": [("住房公积金",)],
    "双减": [("减轻", "负担")],
    "义教": [("义务教育",)],
    "慢病": [("慢性病",)],
    "心梗": [("心肌梗死",), ("心肌梗塞",)],
    "脑梗": [("脑梗死",), ("脑梗塞",)],
    r"[二三]甲": [("二级甲等",), ("三级甲等",)],
    "个税": [("个人所得税",)],
    "高校": [("大学",), ("高等学校",)],
}


def _level1() -> set[str]:
    lines = LEVEL1_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# 通用规范汉字表")  # the source line, skipped below
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _sentences(card: Card) -> list[str]:
    items = [card.what, *card.who, *card.steps, *card.bring, *card.notes]
    items += [p.purpose for p in card.phones]
    sentences: list[str] = []
    for item in items:
        # split after each 。！？ (and a closing quote right after it)
        parts = re.split(r"(?<=[。！？])(?![”’」』])|(?<=[。！？][”’」』])", item)
        sentences += [p for p in parts if p.strip()]
    return sentences


def _length(sentence: str) -> int:
    return len(re.sub(r"\s", "", sentence).rstrip("。！？”’」』"))


def _shown_text(card: Card) -> str:
    return "\n".join(
        [card.title, card.what, *card.who, *card.steps, *card.bring, *card.notes]
        + [p.purpose for p in card.phones]
    )


CARDS = list(load_cards())


def test_level1_list_is_the_full_table() -> None:
    assert len(_level1()) == 3500


@pytest.mark.parametrize("card", CARDS, ids=[c.id for c in CARDS])
def test_sentences_are_short(card: Card) -> None:
    lengths = {s: _length(s) for s in _sentences(card)}
    assert sum(lengths.values()) / len(lengths) <= AVERAGE_MAX
    too_long = [s for s, n in lengths.items() if n > LONGEST_MAX]
    assert too_long == []


@pytest.mark.parametrize("card", CARDS, ids=[c.id for c in CARDS])
def test_characters_are_common_ones(card: Card) -> None:
    level1 = _level1()
    han = [ch for ch in _shown_text(card) if "\u3400" <= ch <= "\u9fff"]
    rare = sorted({ch for ch in han if ch not in level1})
    share = sum(ch in level1 for ch in han) / len(han)
    assert share >= LEVEL1_SHARE_MIN, f"{share:.3f}; not in level 1: {''.join(rare)}"


def _unexplained(card: Card) -> list[str]:
    """Abbreviations on the card said nowhere in full. One in the card's own title
    counts as explained: 这是什么 exists to explain the title (特困人员救助供养)."""
    text = _shown_text(card)
    return [
        pattern
        for pattern, full_forms in ABBREVIATIONS.items()
        if re.search(pattern, text)
        and not re.search(pattern, card.title)
        and not any(all(part in text for part in parts) for parts in full_forms)
    ]


@pytest.mark.parametrize("card", CARDS, ids=[c.id for c in CARDS])
def test_abbreviations_are_explained(card: Card) -> None:
    assert _unexplained(card) == []


def test_the_checks_catch_what_they_should() -> None:
    """The same helpers on a card written badly on purpose."""
    bad = Card(
        id="bad", title="城乡低保", category="生活救助", icon="relief", terms=("低保",),
        reviewed=date(2026, 1, 1),
        what="这是一句非常非常长的句子，它说了太多的事情，读的人读到后面就忘了前面说的是什么。",
        who=("凭医保卡办理。",), steps=("去办。",), bring=(), notes=("鬱鬱蔥蔥。",),
        phones=(Phone("12345", "问。"),), sources=(),
    )  # fmt: skip
    assert max(_length(s) for s in _sentences(bad)) > LONGEST_MAX
    assert _unexplained(bad) == ["医保"]  # 低保 is the title: 这是什么 explains it
    assert _unexplained(replace(bad, title="救助", steps=("申请低保。",))) == ["低保", "医保"]
    assert _unexplained(replace(bad, notes=("医保就是基本医疗保险。",))) == []
    assert {"鬱", "蔥"} - _level1() == {"鬱", "蔥"}
    assert _sentences(replace(bad, what="他说：“好。”然后走了。"))[:2] == [
        "他说：“好。”",
        "然后走了。",
    ]
    assert _length("拨打 12345。") == 7
