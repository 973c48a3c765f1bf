"""Real pages come in clean: each shape of page junk, title trouble, spam-mirror
leftover and Word structure that real documents showed, made here in that shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.article import Article
from reader.core.clean import clean, noise_reason
from reader.core.formats import read_bytes
from reader.core.ingest import ingest_text
from reader.core.mirror_spam import collapse_doubled_punctuation, remove_inserted_pinyin
from reader.core.script import convert
from tests.conftest import ROOT
from tests.support import word_shapes

LEAD = ("本市今年新建社区食堂二十个，六十岁以上老人凭身份证就餐可以享受八折优惠，"
        "行动不便的老人还可以预约送餐上门。")
MORE = "各街道将在本月底前公布食堂地址和开放时间，居民也可以拨打12345热线咨询离家最近的食堂。"


def shown(article: Article) -> str:
    parts = [article.title, article.deck, article.byline, article.column]
    parts += [s.heading or "" for s in article.sections]
    return "\n".join(parts + [b.text for b in article.blocks()])


def page(body: str, title: str = "社区食堂开业了_民生_河川新闻网") -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}"
            "</body></html>").encode()


# ---- junk lines, by shape ---------------------------------------------------------------

JUNK = [
    "文章图片",
    "推荐阅读",
    "广告 低息贷款 当天放款 点击咨询",
    "廣告 廣告",
    "转播到腾讯微博",
    "QQ截图20170123085511.jpg",
    "********",
    "列印此頁",
    "2017-01-23 08:12:05\u3000来源：河川日报\u3000责任编辑：王五\u3000分享到：微信微博QQ空间",
    "终审：李四",
    "(实习编辑:赵六)",
    "（责任编辑：张三）",
    "【责任编辑：张三】",
    "郑重声明：本文仅代表作者个人观点，与本网无关。",
    "免责声明：本文来自自媒体，不代表本网的观点和立场。",
    "（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）",
    "本文来源：证券市场红周刊责任编辑：杨倩_NF4425",
    "评论（15）",
    "我要跟帖",
    "已输入0字",
    "关键词 >> 新型冠状病毒，新冠病毒",
    "医技药剂党支部供稿 摄影/张艳 编辑/苏芳",
    "图片来源：摄图网",
    "第03版：要闻\u3000当前版",
    "简体版 英文版 寄给朋友 政府新闻网",
    "“2018十大经济年度人物评选”火热进行中！【点击投票】",
    "(点击看清晰大图)",
]


@pytest.mark.parametrize("line", JUNK)
def test_page_junk_is_removed_in_both_scripts(line: str) -> None:
    assert noise_reason(line) is not None
    assert noise_reason(convert(line, "traditional")) is not None


@pytest.mark.parametrize("line", JUNK)
def test_page_junk_is_never_a_heading_and_is_listed(line: str) -> None:
    article = ingest_text(f"社区食堂开业了\n\n{line}\n\n{LEAD}\n\n{MORE}\n", "x")
    assert line not in shown(article)
    assert line in [r.text for r in article.removed]
    assert all(s.heading is None for s in article.sections)


def test_a_recommended_list_goes_with_its_links() -> None:
    links = "\n\n".join(["推荐阅读", "我市启动老年助餐试点", "冬季供暖热线开通"])
    text = f"社区食堂开业了\n\n{LEAD}\n\n{links}\n\n{MORE}\n"
    article = ingest_text(text, "x")
    assert [b.text for b in article.blocks()] == [LEAD, MORE]
    assert [r.text for r in article.removed] == links.split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        "表1 2019-2023年全市-各区-各街道养老床位数",
        "图2 全市-各区-各街道助餐点分布",
        "他说：“编辑部的同事都来帮忙了。”",
        "来源于社区的意见，都写进了这份方案。",
        "本报讯的记者来到了现场，看到老人们排着队。",
    ],
)
def test_real_lines_that_look_a_little_like_junk_stay(line: str) -> None:
    assert noise_reason(line) is None


def test_a_cut_off_summary_is_not_said_twice() -> None:
    text = f"社区食堂开业了\n\n{LEAD[:20]}……\n\n{LEAD}\n\n{MORE}\n"
    lines, removed, _ = clean(text)
    assert [line.text for line in lines] == ["社区食堂开业了", LEAD, MORE]
    assert removed[0].text == f"{LEAD[:20]}……"


# ---- titles --------------------------------------------------------------------------


def test_the_headline_the_title_agrees_with_beats_a_logo_and_a_section_label() -> None:
    body = ("<h1>河川新闻网</h1><h2>民生</h2><div class='nav'>简体版 英文版 寄给朋友</div>"
            f"<h2>社区食堂开业了</h2><div class='text'><p>{LEAD}</p><p>{MORE}</p></div>")
    article = read_bytes(page(body), "a.html")
    assert article.title == "社区食堂开业了" and not article.title_made


def test_a_headline_with_a_label_before_it_loses_the_label() -> None:
    body = f"<h2>原创社区食堂开业了，老人吃饭打八折</h2><div><p>{LEAD}</p><p>{MORE}</p></div>"
    article = read_bytes(page(body, "社区食堂开业了，老人吃饭打八折_河川新闻网"), "a.html")
    assert article.title == "社区食堂开业了，老人吃饭打八折"


def test_a_title_with_a_repeated_character_is_kept() -> None:
    title = "较强冷空气来袭 全国多地开启“抖抖抖”模式"
    body = f"<h1>{title}</h1><div><p>{LEAD}</p><p>{MORE}</p></div>"
    assert read_bytes(page(body, title), "a.html").title == title


def test_a_page_with_only_a_site_name_gets_a_made_title() -> None:
    body = f"<div class='text'><p>{LEAD}</p><p>{MORE}</p></div>"
    article = read_bytes(page(body, "新闻动态--中国地理学会官网"), "a.html")
    assert article.title_made
    assert article.title == "本市今年新建社区食堂二十个"  # cut at a comma, not mid-phrase
    assert "官网" not in shown(article)


def test_a_date_before_the_headline_is_not_part_of_the_title() -> None:
    article = ingest_text(f"date 2025-12-28 社区食堂开业了\n\n{LEAD}\n", "x")
    assert article.title == "社区食堂开业了"


def test_a_dateline_and_a_captions_credit_are_not_the_title() -> None:
    text = f"社区食堂开业了\n\n本報訊（記者 陳美玲）{LEAD}\n\n老人在食堂就餐。 张三 摄\n\n{MORE}\n"
    article = ingest_text(text, "x")
    assert article.title == "社区食堂开业了"
    assert article.byline == "本報訊（記者 陳美玲）"


def test_a_lead_outside_the_article_box_is_kept() -> None:
    body = (f"<h1>社区食堂开业了</h1><div class='summary'>{LEAD}</div>"
            "<div class='share'>分享到：微信 微博</div><div class='content'>"
            + "".join(f"<p>{MORE}第{i}段。</p>" for i in range(6)) + "</div>")
    article = read_bytes(page(body, "社区食堂开业了_河川新闻网"), "a.html")
    assert next(b.text for b in article.blocks()) == LEAD


# ---- spam mirrors ----------------------------------------------------------------------


def test_inserted_pinyin_is_removed_from_title_and_text() -> None:
    spam = "为切实（shí）解决区（qū）域内（nèi）老人吃饭难"
    article = ingest_text(f"{spam}\n\n{spam}，社区食堂开业了。\n", "x")
    assert article.title == "为切实解决区域内老人吃饭难"
    assert [b.text for b in article.blocks()] == ["为切实解决区域内老人吃饭难，社区食堂开业了。"]


def test_inserted_pinyin_in_traditional_script_too() -> None:
    lines = ["為切實（shí）解決區（qū）域內（nèi）老人吃飯難。"]
    assert remove_inserted_pinyin(lines) == ["為切實解決區域內老人吃飯難。"]


def test_readings_of_rare_characters_and_single_notes_stay() -> None:
    teaching = ["古人说的龃（jǔ）龉（yǔ）和魑（chī）魅（mèi），老师讲得很清楚。"]
    assert remove_inserted_pinyin(teaching) == teaching
    one = ["这个字读作行（háng），不读行走的行。"]  # one note is not a spam pattern
    assert remove_inserted_pinyin(one) == one


def test_doubled_punctuation_is_collapsed() -> None:
    assert collapse_doubled_punctuation("食堂开业了，，老人，、小孩；；都来了，。") == (
        "食堂开业了，老人，小孩；都来了。"
    )
    assert collapse_doubled_punctuation("真好！！等等……") == "真好！！等等……"


# ---- Word -------------------------------------------------------------------------------


def test_word_headings_lists_tables_and_template_leftovers() -> None:
    article = read_bytes(word_shapes.report_docx(), "report.docx")
    assert article.title == word_shapes.TITLE
    headings = "\u3000".join(s.heading or "" for s in article.sections)
    for heading in word_shapes.REPORT_HEADINGS:
        assert heading in headings, heading
    texts = [b.text for b in article.blocks()]
    for item in word_shapes.REPORT_LIST_ITEMS + word_shapes.REPORT_TABLE_ROWS:
        assert item in texts, item
    assert word_shapes.PLACEHOLDER not in shown(article)
    assert "«" not in shown(article)
    # two headings in a row make one, so no section is empty
    assert all(s.blocks for s in article.sections)


# ---- one verdict -----------------------------------------------------------------------


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(home)}, timeout=120,
    )


def test_article_and_import_give_the_same_verdict(tmp_path: Path) -> None:
    english = tmp_path / "english.html"
    english.write_bytes(page("<p>The canteen opens today. Everyone is welcome to come.</p>"
                             "<p>Lunch costs eight yuan for residents over sixty.</p>",
                             "Canteen opens"))
    chinese = tmp_path / "canteen.html"
    chinese.write_bytes(page(f"<h1>社区食堂开业了</h1><p>{LEAD}</p><p>{MORE}</p>"))
    for path, ok in ((english, False), (chinese, True)):
        article = _cli("article", "--json", str(path), home=tmp_path / "data")
        imported = _cli("import", str(path), home=tmp_path / "data")
        assert (article.returncode == 0) is ok and (imported.returncode == 0) is ok
        if ok:
            assert json.loads(article.stdout)["title"] in imported.stdout
        else:
            assert article.stderr.split("：", 2)[2] == imported.stderr.split("：", 2)[2]


# ---- never a real paragraph ---------------------------------------------------------------

# Characters of no junk label, so a paragraph made of them has no junk marker.
_PLAIN = "社区老人食堂开业吃饭方便今年新建居民排队味道很好价格便宜大家都说满意希望以后还能继续办"
_paragraph = st.lists(
    st.text(alphabet=_PLAIN, min_size=4, max_size=20), min_size=4, max_size=8
).map(lambda parts: "，".join(parts) + "。").filter(lambda p: sum(ch in _PLAIN for ch in p) > 60)


@settings(max_examples=150, deadline=None)
@given(paragraph=_paragraph, junk=st.lists(st.sampled_from(JUNK), max_size=4),
       before=st.booleans())
def test_cleaning_never_drops_a_long_paragraph_without_junk_markers(
    paragraph: str, junk: list[str], before: bool
) -> None:
    lines = [*junk, paragraph] if before else [paragraph, *junk]
    article = ingest_text("社区食堂开业了\n\n" + "\n\n".join(lines) + "\n", "x")
    assert any(paragraph in b.text for b in article.blocks())
    assert paragraph not in [r.text for r in article.removed]
