"""Each step of the article pipeline on its own (reader.core.ingest runs them in this
order): decode, clean, repair, structure, punctuation, script detection. On both seeds
and on made inputs; test_ingest.py checks what the steps give together."""

from __future__ import annotations

import codecs

import pytest

from reader.core.clean import Line, clean, noise_reason, split_lines
from reader.core.decode import decode_bytes
from reader.core.errors import ArticleFileError
from reader.core.punctuation import normalize_punctuation
from reader.core.repair import join_broken_paragraphs, should_join
from reader.core.script import detect
from reader.core.structure import build
from tests.conftest import SEEDS

SEED_000 = next(p for p in SEEDS if p.name.startswith("000_"))
SEED_003 = next(p for p in SEEDS if p.name.startswith("003_"))


# ---- decode ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [SEED_000, SEED_003], ids=["000", "003"])
@pytest.mark.parametrize(("encoding", "mark"), [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("utf-16-le", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_decode_gives_the_seed_text_back(seed: object, encoding: str, mark: bytes) -> None:
    text = seed.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    decoded, _name = decode_bytes(mark + text.encode(encoding))
    assert decoded == text.replace("\r\n", "\n")


@pytest.mark.parametrize(("data", "says"), [
    (b"", "空的"),
    (b"\n \t\n", "空的"),
    (bytes(range(256)) * 4, "读不出文字"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "读不出文字"),
])
def test_decode_refuses_plainly(data: bytes, says: str) -> None:
    with pytest.raises(ArticleFileError) as refused:
        decode_bytes(data, "x.txt")
    assert says in refused.value.message


# ---- clean ----------------------------------------------------------------------------------


def test_clean_removes_the_seeds_page_furniture_and_keeps_the_text() -> None:
    text = SEED_003.read_text(encoding="utf-8")
    kept, removed, _date = clean(text)
    assert [r.reason for r in removed] == ["网站广告或垃圾标题", "网页上的位置导航"]
    assert len(kept) + len(removed) == len(split_lines(text))  # nothing else lost
    assert all(noise_reason(line.text) is None for line in kept)


@pytest.mark.parametrize(("line", "reason"), [
    ("免费看片-高清电影-在线播放-最新影视", "网站广告或垃圾标题"),
    ("当前位置：首页 > 新闻", "网页上的位置导航"),
    ("责任编辑：王五", "网页上的编辑、分享或版权信息"),
    ("2025年3月10日 10:21", "网页上的发布日期"),
    ("来源于群众的需要，社区办起了食堂。", None),
    ("编辑部的同志们走进社区。", None),
])
def test_clean_knows_noise_by_its_form(line: str, reason: str | None) -> None:
    assert noise_reason(line) == reason


def test_clean_keeps_lines_staff_restored() -> None:
    kept, removed, _date = clean("标题\n责任编辑：王五\n正文第一段。\n", keep=[2])
    assert [line.text for line in kept] == ["标题", "责任编辑：王五", "正文第一段。"]
    assert removed == []


# ---- repair ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "following", "joined"), [
    ("近日，幸福社区开展防诈骗讲座，", "六十多位老人参加。", True),
    ("社区开展防诈骗讲座", "近日，幸福社区开展讲座。", False),  # a heading stands alone
    ("讲座结束了。", "老人们都说好。", False),  # the sentence ended
    ("他说：“讲得好”", "大家都笑了。", False),  # a closed quotation ends it
    ("一、助餐服务", "社区食堂每天供应午餐。", False),  # a numbered heading
])
def test_repair_joins_only_a_sentence_split_in_two(line: str, following: str,
                                                   joined: bool) -> None:
    assert should_join(line, following) is joined


def test_repair_never_joins_protected_lines() -> None:
    lines = [Line(1, "图为社区食堂，"), Line(2, "老人们在吃午饭。")]
    assert len(join_broken_paragraphs(lines)) == 1
    assert len(join_broken_paragraphs(lines, protected={1})) == 2


# ---- structure ------------------------------------------------------------------------------


def test_structure_finds_the_parts_of_seed_003() -> None:
    kept, _removed, _date = clean(SEED_003.read_text(encoding="utf-8"))
    parts = build(kept)  # (this seed came in 繁體, as received)
    assert parts.title.startswith("筑牢民生根基")
    assert parts.deck.startswith("——")
    assert parts.byline.startswith("本報記者")
    headings = [s.heading for s in parts.sections if s.heading]
    assert len(headings) >= 4


def test_structure_of_a_one_line_article() -> None:
    line = "社区食堂今天开门，老人吃饭打八折。"
    parts = build([Line(1, line)])
    assert [b.text for s in parts.sections for b in s.blocks] == [line]


# ---- punctuation and script -----------------------------------------------------------------


@pytest.mark.parametrize(("raw", "fixed"), [
    ("社区食堂,老人吃饭打八折!", "社区食堂，老人吃饭打八折！"),
    ("时间10:30,地点(社区中心)", "时间10:30，地点（社区中心）"),
    ("GDP (total) 2,800", "GDP (total) 2,800"),  # no Chinese beside: left as it is
])
def test_punctuation_is_made_full_width_beside_chinese(raw: str, fixed: str) -> None:
    assert normalize_punctuation(raw) == fixed


def test_script_detection_on_the_seeds_and_their_conversions() -> None:
    from reader.core.script import convert

    simplified = SEED_000.read_text(encoding="utf-8")
    traditional = SEED_003.read_text(encoding="utf-8")  # as received, in 繁體
    assert (detect(simplified), detect(traditional)) == ("simplified", "traditional")
    assert detect(convert(simplified, "traditional")) == "traditional"
    assert detect(convert(traditional, "simplified")) == "simplified"


# ---- the reporters after a dateline --------------------------------------------------


def _byline_moves(paragraph: str, byline: str, text: str) -> None:
    """The paragraph opens an article: `byline` goes to the byline, `text` stays."""
    parts = build([Line(1, "社区食堂开业了"), Line(2, paragraph), Line(3, "第二段，照常。")])
    assert parts.title == "社区食堂开业了"
    assert parts.byline == byline
    assert [b.text for s in parts.sections for b in s.blocks] == [text, "第二段，照常。"]


@pytest.mark.parametrize(
    ("paragraph", "byline", "text"),
    [
        ("本报讯（记者 王明）社区食堂今天开业。", "本报讯（记者 王明）", "社区食堂今天开业。"),
        ("本报讯(记者 李明 通讯员 赵芳) 记者从市民政局获悉，新建食堂12个。",
         "本报讯(记者 李明 通讯员 赵芳)", "记者从市民政局获悉，新建食堂12个。"),
        ("本報訊（記者 陳美玲）2月15日，社區舉辦義診。", "本報訊（記者 陳美玲）",
         "2月15日，社區舉辦義診。"),
        ("新华社北京3月5日电（记者 张三）今天上午开会，讨论养老服务。",
         "新华社北京3月5日电（记者 张三）", "今天上午开会，讨论养老服务。"),
        ("（通讯员 孙丽）街道为老人免费量血压。", "（通讯员 孙丽）", "街道为老人免费量血压。"),
    ],
)
def test_reporters_after_a_dateline_go_to_the_byline(
    paragraph: str, byline: str, text: str
) -> None:
    _byline_moves(paragraph, byline, text)


@pytest.mark.parametrize(
    "paragraph",
    ["他说（记者注：以下为原话）今天开会。", "大家都说，（记者 王明 到场）的时候。"],
)
def test_brackets_that_are_not_a_dateline_stay(paragraph: str) -> None:
    parts = build([Line(1, "社区食堂开业了"), Line(2, paragraph)])
    assert parts.byline == ""
    assert [b.text for s in parts.sections for b in s.blocks] == [paragraph]


def test_a_dateline_on_its_own_line_is_the_byline() -> None:
    parts = build([Line(1, "社区食堂开业了"), Line(2, "本报讯（记者 王明）"),
                   Line(3, "社区食堂今天开业，老人吃饭打八折。")])
    assert parts.byline == "本报讯（记者 王明）"
    body = [b.text for s in parts.sections for b in s.blocks]
    assert body == ["社区食堂今天开业，老人吃饭打八折。"]


def test_a_byline_line_and_a_dateline_both_kept() -> None:
    lines = [Line(1, "社区食堂开业了"), Line(2, "本报记者 周华"),
             Line(3, "本报讯（通讯员 孙丽）社区食堂今天开业，老人吃饭打八折。")]
    parts = build(lines)
    assert parts.byline == "本报记者 周华 本报讯（通讯员 孙丽）"


@pytest.mark.parametrize(
    ("paragraph", "byline", "text"),
    [
        ("本报讯 记者王明 通讯员李华 12月1日，社区食堂开业。", "本报讯 记者王明 通讯员李华",
         "12月1日，社区食堂开业。"),
        ("记者王明 通讯员李华报道：12月1日，社区食堂开业。", "记者王明 通讯员李华报道",
         "12月1日，社区食堂开业。"),
        ("本報訊 記者王明 通訊員李華 12月1日，社區食堂開業。", "本報訊 記者王明 通訊員李華",
         "12月1日，社區食堂開業。"),
        ("记者 王明 李华 12月1日，社区食堂开业。", "记者 王明 李华", "12月1日，社区食堂开业。"),
        ("本报讯 记者王明报道 社区食堂今天开业。", "本报讯 记者王明报道", "社区食堂今天开业。"),
        ("记者王明12月1日从区民政局获悉，社区食堂开业。", "记者王明",
         "12月1日从区民政局获悉，社区食堂开业。"),
    ],
)
def test_reporters_without_brackets_opening_the_first_paragraph(
    paragraph: str, byline: str, text: str
) -> None:
    _byline_moves(paragraph, byline, text)


@pytest.mark.parametrize(
    "sentence",
    ["记者近日走访发现社区食堂很受欢迎", "记者近日走访发现，社区食堂很受欢迎。",
     "记者王明说，今天社区食堂开业。", "通讯员到场时，老人们已经排队了。"],
)
def test_a_sentence_about_the_reporter_stays_in_the_text(sentence: str) -> None:
    parts = build([Line(1, "社区食堂开业了"), Line(2, sentence),
                   Line(3, "第二段，社区食堂今天开业，老人吃饭打八折。")])
    assert parts.byline == ""
    shown = "".join((s.heading or "") + "".join(b.text for b in s.blocks) for s in parts.sections)
    assert sentence in shown


def test_reporters_without_brackets_later_in_the_text_stay() -> None:
    later = "记者王明 通讯员李华报道：这一段在后面，不是导语。"
    parts = build([Line(1, "社区食堂开业了"), Line(2, "社区食堂今天开业，老人吃饭打八折。"),
                   Line(3, later)])
    assert parts.byline == ""
    assert [b.text for s in parts.sections for b in s.blocks][-1] == later


@pytest.mark.parametrize("line", ["记者 王明 通讯员 李华", "本报记者秦洋 李林霞 韩林芳",
                                  "记者：王明", "记者 王明 摄"])
def test_a_reporters_line_of_its_own_is_the_byline(line: str) -> None:
    parts = build([Line(1, "社区食堂开业了"), Line(2, line),
                   Line(3, "社区食堂今天开业，老人吃饭打八折。")])
    assert parts.byline == line


def test_the_seeds_keep_their_parts() -> None:
    for seed, byline in ((SEED_000, "文/记者 闫淑娟 图/记者 曹伟"),
                         (SEED_003, "本報記者秦洋 李林霞 韓林芳 霍雪茹")):
        kept, _removed, _date = clean(seed.read_text(encoding="utf-8"))
        parts = build(kept)
        assert parts.byline == byline
        first = parts.sections[0].blocks[0].text
        assert not first.startswith(("记者", "記者", "本报", "本報"))
