"""The pronunciation step both voices share: 多音字 in context, tone changes, numbers,
both scripts, Latin letters, and the pronunciation lists (shipped and staff's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core import pronunciation_list
from reader.core.pronounce import pinyin_text, readings
from reader.core.speech_text import dry_run_pinyin, normalize_for_speech

# Words espeak-ng read by their first reading (measured), and the field's own words.
IN_CONTEXT = {
    "银行行长": "yin2 hang2 hang2 zhang3",
    "孩子长大了": "hai2 zi5 zhang3 da4 le5",
    "看病很便宜": "kan4 bing4 hen3 pian2 yi5",
    "会计": "kuai4 ji4",
    "人参": "ren2 shen1",
    "音乐": "yin1 yue4",
    "重新办理": "chong2 xin1 ban4 li3",
    "给付标准": "ji3 fu4 biao1 zhun3",
    "供养老人": "gong1 yang2 lao3 ren2",
    "长护险": "chang2 hu4 xian3",
    "重度残疾": "zhong4 du4 can2 ji2",
    "参保": "can1 bao3",
    "按时还款": "an4 shi2 huan2 kuan3",
    "单女士": "shan4 nv3 shi4",
    "名单": "ming2 dan1",
}

SANDHI = {
    "你好": "ni2 hao3",  # 3-3
    "展览馆": "zhan2 lan2 guan3",  # a run of three, which pypinyin cuts into characters
    "很好，我也好": "hen2 hao3， wo2 ye2 hao3",  # 好 before the pause stays third
    "一天": "yi4 tian1",
    "一定": "yi2 ding4",
    "一个人": "yi2 ge4 ren2",
    "第一": "di4 yi1",
    "十一": "shi2 yi1",
    "一月": "yi1 yue4",
    "统一": "tong3 yi1",
    "不对": "bu2 dui4",
    "不好": "bu4 hao3",
    "差不多": "cha4 bu5 duo1",  # the light 不 stays light
}


@pytest.mark.parametrize(("text", "expected"), list(IN_CONTEXT.items()))
def test_readings_in_context(text: str, expected: str) -> None:
    assert pinyin_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), list(SANDHI.items()))
def test_tone_changes(text: str, expected: str) -> None:
    assert pinyin_text(text) == expected


def test_numbers_are_read_by_the_programs_own_rules_first() -> None:
    lines = dry_run_pinyin("请拨打12345热线。利率下调3.5%。9:00-11:30办理。")
    assert lines[0].startswith("qing3 bo1 da3 yao1 er4 san1 si4 wu3 re4 xian4")
    assert "bai3 fen1 zhi1 san1 dian2 wu3" in lines[1]
    assert lines[2].startswith("jiu2 dian3 dao4 shi2 yi1 dian3 san1 shi2 fen1")


def test_both_scripts_give_the_same_pinyin() -> None:
    simplified = "银行行长说，重新调整以后，看病更便宜了。"
    traditional = "銀行行長說，重新調整以後，看病更便宜了。"
    assert dry_run_pinyin(traditional) == dry_run_pinyin(simplified)
    assert dry_run_pinyin(simplified) == [
        "yin2 hang2 hang2 zhang3 shuo1， chong2 xin1 tiao2 zheng2 yi3 hou4，"
        " kan4 bing4 geng4 pian2 yi5 le5。"
    ]


def test_a_space_between_phrases_is_a_pause() -> None:
    assert pinyin_text("筑牢民生根基 增进民生福祉") == (
        "zhu4 lao2 min2 sheng1 gen1 ji1、 zeng1 jin4 min2 sheng1 fu2 zhi3"
    )
    assert pinyin_text("很好 好") == "hen2 hao3、 hao3"  # no tone change across it


def test_latin_letters_are_spelled_and_symbols_left_out() -> None:
    assert pinyin_text("CT检查") == "xi1 ti4 jian3 cha2"
    assert pinyin_text("做B超") == "zuo4 bi4 chao1"
    assert pinyin_text("★好") == "hao3"
    assert [r.text for r in readings("好，")] == ["好", "，"]


@settings(deadline=None)  # the first call loads pypinyin's phrase table
@given(st.text(max_size=40))
def test_any_text_gives_toned_syllables_and_never_fails(text: str) -> None:
    for reading in readings(normalize_for_speech(text)):
        for syllable in reading.syllables:
            assert syllable[:-1].isalpha() and syllable[-1] in "12345", (text, syllable)


# ---- the pronunciation lists ----


def test_the_shipped_list_is_all_usable() -> None:
    shipped = pronunciation_list.read_list(pronunciation_list.shipped_file())
    assert shipped.problems == []
    assert shipped.entries["给付"] == ("ji3", "fu4")
    assert len(shipped.entries) >= 40


def test_a_staff_line_that_cannot_be_used_is_named_and_skipped() -> None:
    parsed = pronunciation_list.parse(
        "# 本地地名\n"
        "\n"
        "六安 lù ān\n"  # tone marks are fine
        "东阿 dong1 e1  # 县名\n"
        "蚌埠 beng4\n"  # one syllable for two characters
        "abc a1 b2 c3\n"  # not a Chinese word
        "洞头 dong4 tuo2x\n"  # not pinyin
        "女儿 nü3 er2\n"  # ü as written
        "吕梁 lv3 liang2\n"
    )
    assert parsed.entries == {
        "六安": ("lu4", "an1"),
        "东阿": ("dong1", "e1"),
        "女儿": ("nv3", "er2"),
        "吕梁": ("lv3", "liang2"),
    }
    assert [p.split("（")[0] for p in parsed.problems] == ["第 5 行", "第 6 行", "第 7 行"]
    assert "2 个字" in parsed.problems[0] and "1 个读音" in parsed.problems[0]
    assert "汉字" in parsed.problems[1]
    assert "tuo2x" in parsed.problems[2]


def test_the_staff_list_overrides_the_shipped_one_and_pypinyin(tmp_path: Path) -> None:
    staff = pronunciation_list.staff_file()
    staff.parent.mkdir(parents=True, exist_ok=True)
    assert pinyin_text("洪洞") == "hong2 dong4"  # pypinyin's reading, wrong for the county
    original = "洪洞 hong2 tong2\n给付 gei3 fu4\n坏行\n"
    staff.write_text(original, encoding="utf-8")
    assert pinyin_text("洪洞") == "hong2 tong2"
    assert pinyin_text("给付") == "gei3 fu4"  # staff win over the shipped list
    lists = pronunciation_list.use_lists()
    assert lists.staff.problems == [
        "第 3 行（坏行）：“坏行”有 2 个字，后面写了 0 个读音，要一字一个，用空格隔开。"
    ]
    assert staff.read_text(encoding="utf-8") == original  # the file is kept as it is


def test_an_unreadable_staff_file_is_a_problem_not_a_failure() -> None:
    staff = pronunciation_list.staff_file()
    staff.parent.mkdir(parents=True, exist_ok=True)
    staff.write_bytes(b"\xff\xfe\xfa broken")
    lists = pronunciation_list.use_lists()
    assert lists.staff.entries == {}
    assert "打不开" in lists.staff.problems[0]
    assert pinyin_text("银行") == "yin2 hang2"


def test_dry_run_pinyin_prints_one_sentence_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speak", "--dry-run", "--pinyin", "银行行长到了。請撥打12345。"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "yin2 hang2 hang2 zhang3 dao4 le5。",
        "qing3 bo1 da3 yao1 er4 san1 si4 wu3。",
    ]


def test_dry_run_names_a_broken_staff_line(capsys: pytest.CaptureFixture[str]) -> None:
    staff = pronunciation_list.staff_file()
    staff.parent.mkdir(parents=True, exist_ok=True)
    staff.write_text("银行 yin2\n", encoding="utf-8")
    assert main(["speak", "--dry-run", "--pinyin", "银行"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "yin2 hang2\n"
    assert "第 1 行" in captured.err and str(staff) in captured.err


def test_pinyin_without_dry_run_is_a_plain_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speak", "--pinyin", "银行"]) == 1
    assert "--dry-run" in capsys.readouterr().err
