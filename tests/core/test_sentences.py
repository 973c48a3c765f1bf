"""Chinese sentence splitting: ends, closing quotes, numbers, both scripts, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.article import Script
from reader.core.ingest import ingest_file
from reader.core.script import convert
from reader.core.sentences import Sentence, split_sentences
from tests.conftest import SEEDS


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天下雨。明天晴。", ["今天下雨。", "明天晴。"]),
        ("真的吗？太好了！", ["真的吗？", "太好了！"]),
        ("一是就业；二是教育。", ["一是就业；", "二是教育。"]),
        ("民政保障兜牢底线……各项工作稳步推进。", ["民政保障兜牢底线……", "各项工作稳步推进。"]),
        ("等一下…好的。", ["等一下…", "好的。"]),
        # Closing quotes and brackets stay with the sentence they close.
        ("“一件不落。”今年的报告指出。", ["“一件不落。”", "今年的报告指出。"]),
        ("他说：“好！”", ["他说：“好！”"]),
        ("「放心吧。」她笑了。", ["「放心吧。」", "她笑了。"]),
        ("『好。』」然后呢？", ["『好。』」", "然后呢？"]),
        ("（见图一。）下文。", ["（见图一。）", "下文。"]),
        ("‘民政为民。’好", ["‘民政为民。’", "好"]),
        ("真的？！”嗯。", ["真的？！”", "嗯。"]),
        # Numbers are never cut.
        ("新增就业2.8万人。完成了。", ["新增就业2.8万人。", "完成了。"]),
        ("上午10:30开始。请准时。", ["上午10:30开始。", "请准时。"]),
        ("占72.3%的县。", ["占72.3%的县。"]),
        ("版本1.2.3发布了", ["版本1.2.3发布了"]),
        # ASCII marks from sloppy sources.
        ("下雨了.明天晴.", ["下雨了.", "明天晴."]),
        ("Really? Yes!", ["Really?", "Yes!"]),
        ("第一;第二", ["第一;", "第二"]),
        # A line break ends a sentence; whitespace between sentences is skipped.
        ("标题\n正文第一句。", ["标题", "正文第一句。"]),
        ("  前面有空格。  后面也有。  ", ["前面有空格。", "后面也有。"]),
        ("没有句号的结尾", ["没有句号的结尾"]),
        ("", []),
        ("   \n  ", []),
        # 繁體 works the same way.
        (
            "周靈芝說：“溫主任定期入村坐診。”如今，變化很大。",
            ["周靈芝說：“溫主任定期入村坐診。”", "如今，變化很大。"],
        ),
        (
            "真不錯，崗位數量多且類型豐富！求職者說。",
            ["真不錯，崗位數量多且類型豐富！", "求職者說。"],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = "  “好。”他说。\n第二行"
    sentences = split_sentences(text)
    assert sentences == [
        Sentence(2, 6, "“好。”"),
        Sentence(6, 9, "他说。"),
        Sentence(10, 13, "第二行"),
    ]


def test_commas_do_not_split() -> None:
    text = "财政再紧，用于民生事业的钱一分不少、任务再重：该办的事一件不落。"
    assert texts(text) == [text]


def seed_blocks() -> list[tuple[str, str]]:
    """Every block of both seeds, in the seed's own script and converted to the other."""
    out = []
    for path in SEEDS:
        article = ingest_file(path)
        other: Script = "traditional" if article.script == "simplified" else "simplified"
        for block in article.blocks():
            out.append((f"{path.stem}/{block.id}/{article.script}", block.text))
            out.append((f"{path.stem}/{block.id}/{other}", convert(block.text, other)))
    return out


def test_seeds_exist() -> None:
    assert len(SEEDS) == 2
    assert len(seed_blocks()) > 40


@pytest.mark.parametrize(("name", "text"), seed_blocks(), ids=lambda v: v if "/" in v else "")
def test_every_seed_block_round_trips(name: str, text: str) -> None:
    sentences = split_sentences(text)
    assert sentences, name
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    # Nothing but whitespace between or around sentences.
    covered = "".join(s.text for s in sentences)
    assert "".join(covered.split()) == "".join(text.split())
    # A sentence with an end mark never ends anywhere else.
    for sentence in sentences[:-1]:
        assert sentence.text.rstrip("”’」』）)")[-1] in "。！？；…"


def test_scripts_split_at_the_same_places() -> None:
    for path in SEEDS:
        article = ingest_file(path)
        for block in article.blocks():
            spans = [(s.start, s.end) for s in split_sentences(block.text)]
            scripts: tuple[Script, ...] = ("simplified", "traditional")
            for script in scripts:
                other = convert(block.text, script)
                assert [(s.start, s.end) for s in split_sentences(other)] == spans


def check_cover(text: str) -> None:
    sentences = split_sentences(text)
    position = 0
    for sentence in sentences:
        assert sentence.start >= position
        assert text[position : sentence.start].strip() == ""
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and not sentence.text[0].isspace()
        assert not sentence.text[-1].isspace()
        position = sentence.end
    assert text[position:].strip() == ""


@given(st.text())
def test_any_text_is_covered(text: str) -> None:
    check_cover(text)


@given(st.text(alphabet="。！？；…!?;.．”’」』）)“（ \n\t2.8:好人民0"))
def test_any_mix_of_marks_is_covered(text: str) -> None:
    check_cover(text)
