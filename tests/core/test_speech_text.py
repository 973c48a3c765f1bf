"""Text as it should be heard: numbers and symbols in words, sentences cut into
utterances, 繁體 converted to simplified for the engine, highlight offsets kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.article import Script
from reader.core.ingest import ingest_file
from reader.core.script import convert
from reader.core.speech_text import (
    CHUNK_LIMIT,
    SpokenSentence,
    dry_run_lines,
    normalize_for_speech,
    prepare,
    split_for_engine,
)
from tests.conftest import SEEDS

REQUIRED = [
    ("2.8万人", "二点八万人"),
    ("85%", "百分之八十五"),
    ("2025年", "二零二五年"),
    ("15.94万个", "十五点九四万个"),
    ("11月底", "十一月底"),
    ("12345热线", "幺二三四五热线"),
    ("拨打120", "拨打幺二零"),
    ("120急救", "幺二零急救"),
    ("0354-1234567", "零三五四 幺二三四五六七"),
    ("1+X", "一加X"),
    ("10+N", "十加N"),
    ("10:30", "十点三十分"),
    ("9:00-11:30", "九点到十一点三十分"),
    ("8:00—17:00", "八点到十七点"),
    ("14:00至17:30", "十四点到十七点三十分"),
    ("比例为1:10", "比例为一比十"),
    ("比分3:2", "比分三比二"),
    ("7×24小时", "七乘二十四小时"),
    ("3-5天", "三到五天"),
    ("3～5天", "三到五天"),
    ("3至5天", "三至五天"),
    ("①②③", "一、二、三"),
    ("9月12日", "九月十二日"),
    ("5700余人次", "五千七百余人次"),
    ("53岁", "五十三岁"),
]

HOTLINES = [
    # Context words before the number (with a colon, space or quote between) ...
    ("请拨打12345", "请拨打幺二三四五"),
    ("服务电话：12333", "服务电话：幺二三三三"),
    ("热线电话是12345", "热线电话是幺二三四五"),
    ("拨打“120”", "拨打“幺二零”"),
    ("号码110", "号码幺幺零"),
    ("求助110", "求助幺幺零"),
    ("咨询12333", "咨询幺二三三三"),
    ("急救120", "急救幺二零"),
    # ... or after it.
    ("120救护车赶到", "幺二零救护车赶到"),
    ("110报警", "幺幺零报警"),
    ("12333咨询", "幺二三三三咨询"),
    ("119电话", "幺幺九电话"),
    ("12345求助", "幺二三四五求助"),
    # A list of numbers after one context word.
    ("拨打110、120", "拨打幺幺零、幺二零"),
    ("拨打110或119", "拨打幺幺零或幺幺九"),
    # Five or more digits with no unit after them.
    ("12345政务服务便民热线", "幺二三四五政务服务便民热线"),
    ("联系13812345678。", "联系幺三八幺二三四五六七八。"),
    ("邮编030600", "邮编零三零六零零"),
    ("400-123-4567", "四零零 幺二三 四五六七"),
    ("（0354）2345678", "（零三五四）二三四五六七八"),
]

QUANTITIES = [
    # The same numbers as quantities when a measure word follows.
    ("110所开设睡眠门诊", "一百一十所开设睡眠门诊"),
    ("120名医生", "一百二十名医生"),
    ("咨询100人次", "咨询一百人次"),
    ("10000人", "一万人"),
    ("12000元", "一万两千元"),
    ("22000余名", "两万两千余名"),
    ("2400人", "两千四百人"),
    ("2万余名", "两万余名"),
    ("200万余人", "二百万余人"),
    ("2个", "两个"),
    ("2点", "两点"),
    ("第2个", "第二个"),
    ("2月", "二月"),
    ("2年级", "二年级"),
    ("12个", "十二个"),
    ("20人", "二十人"),
    ("2.24亿元", "二点二四亿元"),
    ("106.9万人", "一百零六点九万人"),
    ("0.5公里", "零点五公里"),
    ("1,000人", "一千人"),
    ("1400多个", "一千四百多个"),
    ("4000余万条", "四千余万条"),
    ("3285家", "三千二百八十五家"),
    ("16件", "十六件"),
    ("100个", "一百个"),
    ("第1名", "第一名"),
]

OTHERS = [
    # Years, dates, times.
    ("2023年中央", "二零二三年中央"),
    ("2025年9月12日", "二零二五年九月十二日"),
    ("2025年12月", "二零二五年十二月"),
    ("1949年", "一九四九年"),
    ("2021-2025年", "二零二一到二零二五年"),
    ("2025-2026学年", "二零二五到二零二六学年"),
    ("2000-3000元", "两千到三千元"),
    ("1000至2000人", "一千至两千人"),
    ("2025-09-12", "二零二五年九月十二日"),
    ("2025.9.12", "二零二五年九月十二日"),
    ("5000年文明", "五千年文明"),
    ("近1000年", "近一千年"),
    ("8:05", "八点零五分"),
    ("2:30", "两点三十分"),
    ("10:00", "十点"),
    ("10：30", "十点三十分"),
    ("9:30:15", "九点三十分十五秒"),
    # Percent, ratios, fractions, ranges.
    ("72.3%的县", "百分之七十二点三的县"),
    ("100%", "百分之一百"),
    ("５％", "百分之五"),
    ("3‰", "千分之三"),
    ("3-5%", "百分之三到百分之五"),
    ("3%-5%", "百分之三到百分之五"),
    ("2-3个", "两到三个"),
    ("2.5-3.5万元", "二点五到三点五万元"),
    ("1:500", "一比五百"),
    ("3:2", "三比二"),
    ("1/3", "三分之一"),
    ("30~40分钟", "三十到四十分钟"),
    # Plus and other symbols the engine would read in English.
    ("3+1+2", "三加一加二"),
    ("互联网+社区养老服务", "互联网加社区养老服务"),
    ("甲&乙", "甲和乙"),
    ("文/记者", "文 记者"),
    ("-5℃", "零下五摄氏度"),
    ("气温-5℃", "气温零下五摄氏度"),
    ("温度为-5度", "温度为负五度"),
    ("（-3）", "（负三）"),
    ("COVID-19", "COVID-十九"),
    # List bullets from plain-text sources are not read; no utterance starts with "-".
    ("- ①教育优质发展", "一、教育优质发展"),
    ("* 项目", "项目"),
    ("-", ""),
    ("25°C", "二十五摄氏度"),
    ("5km", "五公里"),
    ("100m²", "一百平方米"),
    # Circled and other list numbers.
    ("①教育优质发展", "一、教育优质发展"),
    ("①、教育", "一、教育"),
    ("⑽", "十"),
    ("⑿项", "十二、项"),
    ("⒊教育", "三、教育"),
    ("㈠总则", "一、总则"),
    ("Ⅲ级", "三级"),
    # Full-width digits are read, not skipped.
    ("２．８万人", "二点八万人"),
    ("１２３４５热线", "幺二三四五热线"),
    # Text without numbers is left alone.
    ("人民幸福安康。", "人民幸福安康。"),
    ("新、改（扩）建", "新、改（扩）建"),
]


@pytest.mark.parametrize(("text", "spoken"), REQUIRED + HOTLINES + QUANTITIES + OTHERS)
def test_normalize(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


def test_normalize_in_running_text() -> None:
    text = "全年实现就业困难人员再就业2400人，统筹开展“10+N”公共就业服务专项活动。"
    assert normalize_for_speech(text) == (
        "全年实现就业困难人员再就业两千四百人，统筹开展“十加N”公共就业服务专项活动。"
    )


def test_normalize_is_deterministic_and_stateless() -> None:
    # The "list after a context word" memory must not leak from one call to the next.
    assert normalize_for_speech("拨打110、") == "拨打幺幺零、"
    assert normalize_for_speech("、120名") == "、一百二十名"
    assert normalize_for_speech("、120") == "、一百二十"


# -- cutting long sentences ------------------------------------------------------------


def test_short_sentence_is_one_utterance() -> None:
    assert split_for_engine("今天下雨，明天晴。") == ["今天下雨，明天晴。"]


def test_long_sentence_is_cut_at_commas() -> None:
    spoken = (
        "一是始终坚持把就业工作放在民生首位，围绕全市城镇新增就业二点八万人的目标任务，"
        "加大对就业容量大的服务业、小微企业、个体工商户的支持，推动就业政策精准落实。"
    )
    chunks = split_for_engine(spoken)
    assert len(chunks) >= 2
    assert "".join(chunks) == spoken
    assert all(len(c) <= CHUNK_LIMIT for c in chunks)
    assert all(c[-1] in "，。" for c in chunks)  # cut at commas, not inside the list


def test_no_tiny_utterance() -> None:
    spoken = (
        "同时，五十个社区养老工程、五十个区域养老服务中心、一百个标准化社区食堂全部建成投用，"
        "五十四个社区积极申报。"
    )
    chunks = split_for_engine(spoken)
    assert "".join(chunks) == spoken
    assert all(len(c) >= 8 for c in chunks), chunks
    assert all(len(c) <= CHUNK_LIMIT for c in chunks)


def test_long_sentence_without_commas_stays_whole() -> None:
    spoken = "晋中市榆次区华晟咱家智慧社区居家养老服务中心工作人员为老人们组织开展健康知识讲座。"
    assert len(spoken) > CHUNK_LIMIT
    assert split_for_engine(spoken) == [spoken]


# -- prepare: displayed sentences and what is spoken -------------------------------------


def test_prepare_traditional_highlights_display_and_speaks_simplified() -> None:
    text = "2025年，我省建成1400多個基層中醫館。周靈芝說：“放心！”"
    sentences = prepare(text, "traditional")
    assert sentences == [
        SpokenSentence(
            0,
            22,
            "2025年，我省建成1400多個基層中醫館。",
            ("二零二五年，我省建成一千四百多个基层中医馆。",),
        ),
        SpokenSentence(22, 32, "周靈芝說：“放心！”", ("周灵芝说：“放心！”",)),
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.display


def test_prepare_simplified_is_not_converted() -> None:
    # 著 is also a simplified character (著名); simplified text goes through untouched.
    assert prepare("著名作家。", "simplified")[0].chunks == ("著名作家。",)


def test_prepare_leaves_out_sentences_with_nothing_to_say() -> None:
    sentences = prepare("好。\n……\n“”\n你呢？", "simplified")
    assert [s.display for s in sentences] == ["好。", "你呢？"]


def test_long_sentence_is_one_highlight_and_several_utterances() -> None:
    text = (
        "二是加强中医药服务网络信息化建设，加快推进中药制剂中心、博士工作站和重症救治中心建设，"
        "切实发挥医院在城市中心位置抢救危急重症患者的作用。"
    )
    (sentence,) = prepare(text, "simplified")
    assert (sentence.start, sentence.end, sentence.display) == (0, len(text), text)
    assert len(sentence.chunks) >= 2
    assert "".join(sentence.chunks) == text


def test_dry_run_lines_detects_script_and_lists_utterances() -> None:
    lines = dry_run_lines("前段時間，一名53歲的女患者突發胸痛。120救護車前往衛生院。")
    assert lines == ["前段时间，一名五十三岁的女患者突发胸痛。", "幺二零救护车前往卫生院。"]
    assert dry_run_lines("") == []
    assert dry_run_lines("第一行\n第二行，85%") == ["第一行", "第二行，百分之八十五"]


# -- the seeds, in both scripts ------------------------------------------------------


def seed_cases() -> list[tuple[str, str, Script]]:
    cases = []
    scripts: tuple[Script, ...] = ("simplified", "traditional")
    for path in SEEDS:
        article = ingest_file(path)
        for script in scripts:
            for block in article.blocks():
                text = block.text if script == article.script else convert(block.text, script)
                cases.append((f"{path.stem}/{block.id}/{script}", text, script))
    return cases


SEED_CASES = seed_cases()
CUT_MARKS = re.compile(r"[，,：:；;、]")


def test_seed_cases_cover_both_seeds_and_scripts() -> None:
    assert {name.split("/")[0] for name, _, _ in SEED_CASES} == {p.stem for p in SEEDS}
    assert {script for _, _, script in SEED_CASES} == {"simplified", "traditional"}


@pytest.mark.parametrize(("name", "text", "script"), SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_seed_block(name: str, text: str, script: Script) -> None:
    sentences = prepare(text, script)
    assert sentences, name
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.display
        for chunk in sentence.chunks:
            assert not re.search(r"[0-9０-９]", chunk), chunk
            assert "%" not in chunk and "％" not in chunk and "+" not in chunk, chunk
            assert convert(chunk, "simplified") == chunk, chunk
            # Longer than the limit only where no comma or 、 allows a cut.
            if len(chunk) > CHUNK_LIMIT:
                assert not CUT_MARKS.search(chunk[:-1]), chunk


def test_both_scripts_of_a_seed_speak_the_same() -> None:
    """Reading 繁體 sentence by sentence says what reading the whole text converted to
    简体 says, with the highlight on the same spans."""
    for path in SEEDS:
        article = ingest_file(path)
        for block in article.blocks():
            traditional = convert(block.text, "traditional")
            simplified = convert(traditional, "simplified")
            assert prepare(traditional, "traditional") == [
                SpokenSentence(s.start, s.end, traditional[s.start : s.end], s.chunks)
                for s in prepare(simplified, "simplified")
            ]


def test_seed_numbers_read_as_expected() -> None:
    lines = "\n".join(line for path in SEEDS for line in dry_run_lines(path.read_text("utf-8")))
    for expected in (
        "二点八万人",
        "百分之八十五以上",
        "一加X",
        "十加N",
        "三加一加二",
        "二零二三年",
        "十一月底",
        "一、教育优质发展",
        "五十三岁",
        "幺二零救护车",
        "百分之七十二点三的县",
        "五千七百余人次",
        "十五点九四万个托位",
        "两万余名村医",
        "一百一十所开设睡眠门诊",
        "二零二五年九月十二日",
        "互联网加社区养老服务",
    ):
        assert expected in lines, expected


# -- properties ---------------------------------------------------------------------

NUMBERISH = st.text(
    alphabet="0123456789０９.．,:：-－~～至到%‰+/℃°①⑳⑴⒈㈠Ⅻ年月日个万人热线拨打电话第、，。 mkAX\n—",
    max_size=60,
)


@given(st.text(max_size=200))
def test_normalize_never_raises_on_any_text(text: str) -> None:
    spoken = normalize_for_speech(text)
    assert not re.search(r"[0-9%]", spoken)


@given(NUMBERISH)
def test_normalize_reads_every_number(text: str) -> None:
    spoken = normalize_for_speech(text)
    assert not re.search(r"[0-9０-９%％+]", spoken), spoken


@given(st.text(max_size=300) | NUMBERISH)
def test_prepare_keeps_offsets_on_any_text(text: str) -> None:
    for sentence in prepare(text, "simplified"):
        assert text[sentence.start : sentence.end] == sentence.display
        for chunk in sentence.chunks:
            assert chunk
            assert not chunk.startswith("-")  # a command-line engine would take it for an option
