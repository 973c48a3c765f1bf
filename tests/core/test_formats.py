"""Every kind of file staff bring becomes the right article, and nothing else gets in."""

from __future__ import annotations

import io
import json
import re
import socket
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core.article import Article
from reader.core.errors import ArticleFileError
from reader.core.formats import file_kind, read_article, read_bytes
from reader.core.formats_docx import docx_text
from reader.core.formats_html import DROPPED_REASON, page_text
from reader.core.page_bytes import decode_html
from tests.support import import_samples as samples


def body_texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks()]


def all_text(article: Article) -> str:
    parts = [article.title, article.deck, article.byline, article.column]
    parts += [s.heading or "" for s in article.sections]
    return "\n".join(parts + body_texts(article))


def headings(article: Article) -> list[str]:
    return [s.heading for s in article.sections if s.heading]


# ---- text files ------------------------------------------------------------------


def test_gbk_text_with_spam_line_and_broken_paragraph() -> None:
    article = read_article(samples.GBK_TEXT)
    assert article.encoding == "gb18030"
    assert article.title == "冬季供暖服务热线开通 独居老人可预约上门检修"
    assert article.deck == "——市住建局提醒居民提前检查暖气设备"
    assert article.byline == "本报记者 周华"
    assert headings(article) == ["提前检查少麻烦"]
    texts = body_texts(article)
    assert len(texts) == 4
    # The paragraph the sender's editor split after "和" is whole again.
    assert "独居老人和残疾人家庭，维修人员将优先上门" in texts[1]
    removed = {r.line_no: r.text for r in article.removed}
    assert removed[1].startswith("免费领取养老金计算器-退休金查询入口")
    assert "责任编辑：刘洋" in removed.values()
    assert "养老金计算器" not in all_text(article)
    assert "刘洋" not in all_text(article)


def test_big5_text() -> None:
    article = read_article(samples.BIG5_TEXT)
    assert article.encoding == "big5"
    assert article.script == "traditional"
    assert article.title == "社區長者免費接種流感疫苗"
    assert article.byline == "記者 陳美玲"
    assert headings(article) == ["接種前要注意甚麼", "行動不便可預約上門"]
    assert body_texts(article)[0].startswith("衛生局宣佈，今年十月起")


def test_restoring_a_removed_text_line() -> None:
    article = read_article(samples.GBK_TEXT)
    editor = next(r for r in article.removed if "责任编辑" in r.text)
    again = read_article(samples.GBK_TEXT, keep_lines={editor.line_no})
    assert body_texts(again)[-1] == "责任编辑：刘洋"
    assert all(r.line_no != editor.line_no for r in again.removed)
    assert again.title == article.title


# ---- web pages -----------------------------------------------------------------------


def check_canteen_page(article: Article) -> None:
    assert article.title == samples.PAGE_TITLE
    assert headings(article) == samples.PAGE_HEADINGS
    texts = body_texts(article)
    assert [t[: len(s)] for t, s in zip(texts, samples.PAGE_PARAGRAPH_STARTS, strict=True)] == (
        samples.PAGE_PARAGRAPH_STARTS
    )
    assert texts[1].endswith("一顿只要8块钱。”")
    assert article.byline == samples.PAGE_BYLINE
    assert "本报讯" not in "".join(texts)
    shown = all_text(article)
    for noise in samples.PAGE_NOISE:
        assert noise not in shown, noise
    assert article.date == "2025-03-12"  # from the 来源/发布时间 line above the article


def test_html_page_article_out_of_the_chrome() -> None:
    article = read_article(samples.PAGE)
    check_canteen_page(article)
    removed = [r.text for r in article.removed]
    # Staff see what went, so they can bring a line back.
    for line in ("责任编辑：王小红", "我市启动老年助餐服务试点", "扫一扫在手机上阅读本文"):
        assert line in removed
    assert any(r.text.startswith("版权所有") for r in article.removed)
    assert not any("脚本写出的字" in r.text for r in article.removed)  # scripts are not text


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("gbk", "gb2312"), ("gb18030", "GBK"), ("utf-8", "UTF-8")],
)
def test_html_page_in_the_declared_charset(encoding: str, label: str) -> None:
    article = read_bytes(samples.page_in(encoding, label), "page.htm")
    check_canteen_page(article)


def test_html_page_whose_charset_lies_is_still_read() -> None:
    # Says UTF-8, is GBK: common on old sites.
    data = samples.page_text().encode("gbk", errors="xmlcharrefreplace")
    assert b"charset=utf-8" in data
    check_canteen_page(read_bytes(data, "page.html"))


def test_html_page_with_utf16_bom() -> None:
    data = samples.page_text().encode("utf-16")
    check_canteen_page(read_bytes(data, "page.html"))


def test_big5_page() -> None:
    html = (
        '<html><head><meta charset="big5"><title>里長辦公室通知_社區新聞網</title></head>'
        '<body><div class="nav"><a href="/">首頁</a> | <a href="/n">新聞</a></div>'
        "<h1>里長辦公室通知</h1><div class='content'>"
        "<p>本里將於下週一至週五進行管線檢修，檢修期間停水半天，請住戶提前儲水。</p>"
        "<p>年長或行動不便的住戶如需協助搬水，請撥打里長辦公室電話登記，志工會上門幫忙。</p>"
        "</div><div class='footer'>版權所有 社區新聞網</div></body></html>"
    )
    article = read_bytes(html.encode("big5"), "notice.html")
    assert article.script == "traditional"
    assert article.title == "里長辦公室通知"
    assert body_texts(article)[0].startswith("本里將於下週一至週五")
    assert "版權所有" not in all_text(article)


def test_page_without_h1_takes_title_from_title_tag_and_br_lines() -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>老年人乘车优惠卡开始办理_民生_河川网</title>"
        "</head><body><table><tr><td class='menu'><a href='/'>首页</a> <a href='/a'>民生</a>"
        "</td></tr><tr><td class='text'>"
        "　　即日起，本市65岁以上老年人可以到各公交服务网点办理乘车优惠卡，"
        "凭卡免费乘坐市内公交。<br>"
        "　　办理时请带身份证原件和一张一寸照片，现场就能拿到卡。<br>"
        "　　行动不便的老人可以由子女代办，需要同时带上老人和代办人的身份证。"
        "</td></tr></table></body></html>"
    )
    article = read_bytes(html.encode("utf-8"), "card.html")
    assert article.title == "老年人乘车优惠卡开始办理"
    assert len(body_texts(article)) == 3
    assert body_texts(article)[1] == "办理时请带身份证原件和一张一寸照片，现场就能拿到卡。"


def test_official_account_article_saved_as_html_only() -> None:
    article = read_article(samples.WECHAT)
    assert article.title == "家门口的助浴服务来了"
    assert headings(article) == ["助浴前先体检", "费用有补贴"]
    texts = body_texts(article)
    assert texts[0] == "近日，东关街道养老服务中心开通了助浴服务，为失能、半失能老人提供上门助浴。"
    assert "预约电话：12345" in texts
    assert article.date == "2025-04-02"  # from the account/time line under the headline
    shown = all_text(article)
    for noise in ("阅读原文", "微信扫一扫", "编辑：小王", "来源：东关街道", "平安东关"):
        assert noise not in shown


def test_site_name_in_h1_is_not_taken_for_the_headline() -> None:
    html = (
        '<html><head><meta charset="utf-8"><title>河川新闻网 - 全市新增三百个公益岗位</title>'
        '</head><body><h1 class="logo">河川新闻网</h1><div class="nav"><a>首页</a> | <a>要闻</a>'
        ' | <a>民生</a></div><div class="title">全市新增三百个公益岗位</div>'
        '<div class="time">2025-05-06 来源：河川日报</div><div class="text">'
        "<p>　　记者从市人社局了解到，今年全市将新开发三百个公益性岗位，优先安置就业困难人员。</p>"
        "<p>　　岗位包括社区保洁、治安巡逻、养老助餐等，每月工资不低于当地最低工资标准。</p>"
        "<p>　　有意向的居民可以到户籍所在社区报名，也可以拨打12333咨询。</p></div>"
        '<div class="foot">版权所有 河川新闻网</div></body></html>'
    )
    article = read_bytes(html.encode("utf-8"), "jobs.html")
    assert article.title == "全市新增三百个公益岗位"
    assert article.date == "2025-05-06"
    assert len(body_texts(article)) == 3
    assert "河川新闻网" not in all_text(article)


def test_restoring_a_line_the_page_extraction_dropped() -> None:
    article = read_article(samples.PAGE)
    related = next(r for r in article.removed if r.text == "我市启动老年助餐服务试点")
    assert related.reason == DROPPED_REASON
    again = read_article(samples.PAGE, keep_lines={related.line_no})
    assert "我市启动老年助餐服务试点" in all_text(again)
    assert again.title == article.title
    # Line numbers stay those of the page, so the other removed lines are unchanged.
    before = {(r.line_no, r.text) for r in article.removed}
    after = {(r.line_no, r.text) for r in again.removed}
    assert before - after == {(related.line_no, related.text)}


def test_mhtml_page() -> None:
    data = samples.mhtml_of(samples.page_in("gbk", "gb2312"), "gbk")
    for name in ("page.mhtml", "page.mht", "page.htm"):  # browsers misname them too
        article = read_bytes(data, name)
        check_canteen_page(article)
        assert article.encoding == "gb18030"


def test_mhtml_without_a_page_is_refused() -> None:
    data = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
        b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n"
    )
    with pytest.raises(ArticleFileError, match="没有网页内容"):
        read_bytes(data, "x.mhtml")


# ---- Word ----------------------------------------------------------------------------


def test_docx_title_headings_and_paragraphs() -> None:
    article = read_bytes(samples.word_file(), "电梯.docx")
    assert article.title == samples.DOCX_TITLE
    assert article.byline == "记者 孙丽"
    # "一、申请条件" has punctuation, yet Word says it is a heading.
    assert headings(article) == samples.DOCX_HEADINGS
    texts = body_texts(article)
    assert texts[0] == "今年，我市将为三百户老旧小区居民加装电梯，住在高层的老人上下楼更方便了。"
    # A table: one line a row, each cell named by its column
    assert "楼层：一至二层；分摊比例：不分摊。" in texts
    assert "楼层：七层；分摊比例：百分之二十。" in texts
    assert texts.count("咨询电话：12345") == 1  # the text box, not its legacy copy too
    assert "已删除的旧数字" not in all_text(article)
    assert "居民可以到社区服务中心提交申请。" in texts


def test_docx_misnamed_as_doc_is_read() -> None:
    assert read_bytes(samples.word_file(), "电梯.doc").title == samples.DOCX_TITLE


def test_docx_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容不应出现", encoding="utf-8")
    document = samples.word_document_xml().replace(
        "<w:document ",
        f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]><w:document ',
    ).replace("记者 孙丽", "记者 孙丽&x;")
    try:
        article = read_bytes(samples.word_file(document), "x.docx")
    except ArticleFileError:
        return
    assert "机密内容" not in all_text(article)


# ---- nothing lost --------------------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]+")


def source_lines(name: str, data: bytes) -> list[str]:
    """The numbered lines the article's line numbers refer to."""
    if name.endswith(".docx"):
        return docx_text(data, name).lines
    html, _encoding = decode_html(data, name)
    return page_text(html, name).lines


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("canteen.html", lambda: samples.PAGE.read_bytes()),
        ("wechat.html", lambda: samples.WECHAT.read_bytes()),
        ("电梯.docx", samples.word_file),
    ],
)
def test_nothing_lost_outside_the_removed_lines(name: str, make: Callable[[], bytes]) -> None:
    data = make()
    article = read_bytes(data, name)
    removed = {r.line_no for r in article.removed}
    lines = source_lines(name, data)
    everything = "".join(CJK.findall(all_text(article)))
    # The reporters that opened a paragraph ("本报讯（记者…）") went to the byline
    byline_and_body = "".join(CJK.findall(article.byline + "".join(body_texts(article))))
    for no, line in enumerate(lines, start=1):
        kept = "".join(CJK.findall(line))
        if no in removed:
            assert kept not in everything or len(kept) < 6, line  # really gone
        else:
            assert kept in everything or kept in byline_and_body, line
    assert {r.text for r in article.removed} <= set(lines)  # reported as they were


# ---- refused files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "是空的"),
        (b"  \r\n\t ", "blank.html", "是空的"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.doc", "旧版 Word"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "news.pdf", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "photo.png", "不认识这种文件"),
        (bytes(range(256)) * 40, "noise.txt", "读不出文字"),
        (bytes(range(256)) * 40, "noise", "读不出文字"),
        (b"PK\x03\x04" + b"\x00" * 100, "broken.docx", "坏"),
        (b"some text", "notes.xyz", "不认识这种文件"),
    ],
)
def test_refused_with_a_plain_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ArticleFileError, match=message) as caught:
        read_bytes(data, name)
    assert name in caught.value.message


def test_zip_that_is_not_word() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photos/a.txt", "x")
    with pytest.raises(ArticleFileError, match="压缩文件"):
        read_bytes(out.getvalue(), "photos.docx")


def test_too_big_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no 21 MB written
    with pytest.raises(ArticleFileError, match="太大了"):
        read_article(path)


def test_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleFileError, match="文件夹"):
        read_article(tmp_path)
    with pytest.raises(ArticleFileError, match="找不到文件"):
        read_article(tmp_path / "nope.docx")


def test_kind_by_content_then_extension() -> None:
    page = samples.PAGE.read_bytes()
    assert file_kind(page, "download.doc") == "html"  # government sites do this
    assert file_kind(page, "saved") == "html"
    assert file_kind(page, "copy.txt") == "text"  # a .txt stays text, tags and all
    assert file_kind(samples.mhtml_of(page, "utf-8"), "a.html") == "mhtml"
    assert file_kind(samples.GBK_TEXT.read_bytes(), "no_extension") == "text"
    assert file_kind(samples.GBK_TEXT.read_bytes(), "misnamed.html") == "text"


# ---- safety ------------------------------------------------------------------------


def test_imported_page_loads_nothing_and_keeps_no_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "local.txt"
    secret.write_text("本地文件里的字不应出现", encoding="utf-8")
    uri = secret.as_uri()

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a page tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    html = (
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "{uri}">]><html><head><meta charset="utf-8">'
        f'<title>安全测试</title><link rel="stylesheet" href="{uri}">'
        f'<script src="{uri}"></script><script>document.write("脚本文字")</script>'
        f'<base href="http://evil.example/"></head><body onload="alert(1)">'
        f"<h1>社区通知</h1><p>本周六上午，社区卫生站为老人免费量血压、测血糖，请带上医保卡。&x;</p>"
        f'<p>地点在社区活动室<a href="http://evil.example/x">点这里</a>，'
        f'<img src="{uri}" alt="图片说明文字"><iframe src="{uri}">框架文字</iframe>'
        f'<object data="{uri}">对象文字</object>，不用预约。</p>'
        f'<p><a href="javascript:alert(1)">javascript:alert(1)</a></p></body></html>'
    )
    article = read_bytes(html.encode("utf-8"), "safe.html")
    dumped = json.dumps(article.to_json(), ensure_ascii=False)
    for leaked in ("本地文件里的字", "脚本文字", "图片说明文字", "框架文字", "evil.example", uri):
        assert leaked not in dumped
    assert "免费量血压" in dumped and "不用预约" in dumped


# ---- the command line ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["txt", "html", "mhtml", "docx"])
def test_article_command_accepts_every_import_format(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "txt": samples.GBK_TEXT.read_bytes(),
        "html": samples.PAGE.read_bytes(),
        "mhtml": samples.mhtml_of(samples.PAGE.read_bytes(), "utf-8"),
        "docx": samples.word_file(),
    }
    path = tmp_path / f"sample.{kind}"
    path.write_bytes(files[kind])
    assert main(["article", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] and data["sections"]


# ---- never a crash ----------------------------------------------------------------------

_TAGS = ["p", "div", "h1", "h2", "br", "span", "a", "table", "td", "tr", "pre", "script",
         "style", "li", "ul", "title", "meta", "body", "html", "head", "iframe", "!--"]
_html_piece = st.one_of(
    st.text(alphabet=st.sampled_from("民生新闻社区老人，。：、“”—> <&;#x0123abc\n\t　"),
            max_size=40),
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(['<meta charset="gbk">', '<meta charset="big5">', "<meta charset=x>",
                     "<!DOCTYPE html>", "&nbsp;", "&#0;", "&#xD800;", "<?xml version='1.0'?>",
                     "<h1>标题</h1>", "<p>第一段，有标点。</p>", "\x00", "\ufeff"]),
)
_pages = st.lists(_html_piece, max_size=30).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=_pages, encoding=st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"]))
def test_any_page_gives_an_article_or_a_plain_error(page: str, encoding: str) -> None:
    data = page.encode(encoding, errors="ignore")
    try:
        article = read_bytes(data, "page.html")
    except ArticleFileError as exc:
        assert exc.message
        event("plain error")
        return
    event("article")
    assert isinstance(article, Article)
    assert article.title or any(True for _ in article.blocks())


@settings(max_examples=120, deadline=None)
@given(data=st.binary(max_size=600), name=st.sampled_from(["a.txt", "a.html", "a.mht", "a"]))
def test_any_bytes_give_an_article_or_a_plain_error(data: bytes, name: str) -> None:
    try:
        article = read_bytes(data, name)
    except ArticleFileError as exc:
        assert exc.message
        return
    assert isinstance(article, Article)


_WORD = samples.word_file()


@settings(max_examples=100, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, len(_WORD) - 1), st.integers(0, 255)),
                      min_size=1, max_size=4))
def test_damaged_word_file_gives_an_article_or_a_plain_error(
    flips: list[tuple[int, int]],
) -> None:
    data = bytearray(_WORD)
    for index, value in flips:
        data[index] = value
    try:
        read_bytes(bytes(data), "damaged.docx")
    except ArticleFileError as exc:
        assert exc.message


def test_a_table_inside_a_cell_is_read_once_with_its_cell() -> None:
    inner = ("<w:tbl>" + samples.row_xml("甲", "乙") + samples.row_xml("一", "二")
             + "</w:tbl>")
    cell = f"<w:tc><w:p><w:r><w:t>外格</w:t></w:r></w:p>{inner}</w:tc>"
    outer = ("<w:tbl>" + samples.row_xml("名称", "内容")
             + f"<w:tr><w:tc><w:p><w:r><w:t>第一行</w:t></w:r></w:p></w:tc>{cell}</w:tr>"
             + "</w:tbl>")
    document = (f'<w:document {samples._W}><w:body>'
                + samples.paragraph_xml("社区食堂开业了，老人吃饭打八折，欢迎大家来。") + outer
                + "</w:body></w:document>")
    texts = body_texts(read_bytes(samples.word_file(document), "table.docx"))
    assert texts[1:] == ["名称：第一行；内容：外格 甲 乙 一 二。"]
