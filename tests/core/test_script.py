"""简/繁 conversion and detection. CI runs this file twice: with the official `opencc`
binding and, in a separate venv, with `opencc-python-reimplemented` (same module name),
so it only asserts what both must get right. Cases only the official binding gets
right are in test_script_official.py."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.script import convert, detect
from tests.conftest import SEEDS

PAIRS = [
    ("社区养老服务", "社區養老服務"),
    ("临时救助", "臨時救助"),
    ("残疾人两项补贴", "殘疾人兩項補貼"),
    ("检查结果互认", "檢查結果互認"),
    ("就业帮扶", "就業幫扶"),
    ("医疗集团", "醫療集團"),
]


@pytest.mark.parametrize(("simplified", "traditional"), PAIRS)
def test_round_trip_on_everyday_words(simplified: str, traditional: str) -> None:
    assert convert(simplified, "traditional") == traditional
    assert convert(traditional, "simplified") == simplified


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_whole_seed_keeps_length_both_ways(seed) -> None:  # type: ignore[no-untyped-def]
    text = seed.read_text(encoding="utf-8")
    for target in ("simplified", "traditional"):
        out = convert(text, target)
        assert len(out) == len(text)


def test_detect_the_seeds() -> None:
    scripts = [detect(p.read_text(encoding="utf-8")) for p in SEEDS]
    assert scripts == ["simplified", "traditional"]


def test_detect_short_texts() -> None:
    assert detect("养老服务") == "simplified"
    assert detect("養老服務") == "traditional"
    assert detect("2025") == "simplified"  # nothing to tell: the default


def test_empty_and_non_chinese_pass_through() -> None:
    assert convert("", "traditional") == ""
    assert convert("ABC 123 %+", "traditional") == "ABC 123 %+"


@given(st.text(max_size=200))
def test_conversion_never_changes_length(text: str) -> None:
    assert len(convert(text, "traditional")) == len(text)
    assert len(convert(text, "simplified")) == len(text)
