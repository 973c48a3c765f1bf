"""Cases that need the official OpenCC binding (the reimplementation gets them wrong:
measured 227/556 of OpenCC's own checks), which is why the project depends on it."""

from __future__ import annotations

import pytest

from reader.core.script import convert
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("发育", "發育"), ("乾安县", "乾安縣"), ("头发", "頭髮"), ("干部", "幹部")],
)
def test_hard_cases(simplified: str, traditional: str) -> None:
    assert convert(simplified, "traditional") == traditional


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("为人民服务", "為人民服務"), ("群众", "群眾"), ("里面", "裡面"), ("社区", "社區")],
)
def test_traditional_uses_taiwan_character_forms_and_keeps_words(
        simplified: str, traditional: str) -> None:
    assert convert(simplified, "traditional") == traditional


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("隨著醫藥", "随着医药"), ("書寫著溫暖", "书写着温暖"), ("空著肚子", "空着肚子"),
     ("著力提升", "着力提升"), ("著名", "著名"), ("成效顯著", "成效显著"),
     ("土著居民", "土著居民"), ("魯迅編著", "鲁迅编著"), ("著有三本書", "著有三本书"),
     # text already in 简体 keeps its 著 where it is zhù, and its 着
     ("成效显著", "成效显著"), ("著名作家", "著名作家"), ("随着", "随着")],
)
def test_zhe_becomes_着_and_zhu_stays_著(traditional: str, simplified: str) -> None:
    assert convert(traditional, "simplified") == simplified


def test_the_traditional_seed_has_no_著_left_as_a_particle() -> None:
    text = next(p for p in SEEDS if p.name.startswith("003")).read_text(encoding="utf-8")
    simplified = convert(text, "simplified")
    assert "随着" in simplified and "书写着" in simplified
    assert "著" not in simplified.replace("显著", "")


def test_the_simplified_seed_in_taiwan_forms() -> None:
    text = next(p for p in SEEDS if p.name.startswith("000")).read_text(encoding="utf-8")
    traditional = convert(text, "traditional")
    assert not set("爲羣衆裏") & set(traditional)


def test_the_simplified_seed_is_left_as_it_is_when_asked_for_simplified() -> None:
    text = next(p for p in SEEDS if p.name.startswith("000")).read_text(encoding="utf-8")
    assert convert(text, "simplified") == text
