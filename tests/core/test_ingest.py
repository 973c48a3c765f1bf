"""The article pipeline on both seeds and on made inputs (issue 2)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.article import Article
from reader.core.errors import ArticleFileError
from reader.core.ingest import ingest_bytes, ingest_file
from reader.core.script import convert
from tests.conftest import ROOT, SEEDS

SEED_000, SEED_003 = SEEDS
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def a000() -> Article:
    return ingest_file(SEED_000)


@pytest.fixture(scope="module")
def a003() -> Article:
    return ingest_file(SEED_003)


def all_texts(article: Article) -> list[str]:
    texts = [article.title, article.deck, article.byline, article.column]
    for section in article.sections:
        texts.append(section.heading or "")
        texts.extend(b.text for b in section.blocks)
    return [t for t in texts if t]


# --- structure -------------------------------------------------------------------


def test_000_headline_found_at_the_end(a000: Article) -> None:
    assert a000.title == "织牢民生底线 温暖千家万户"
    assert a000.deck == "——我市在更大力度保障和改善民生中不断提升群众幸福感"
    assert a000.byline == "文/记者 闫淑娟 图/记者 曹伟"
    assert a000.column == "贯彻落实全国两会精神 推动晋中高质量发展"
    assert a000.script == "simplified"
    assert a000.removed == ()


def test_000_captions_are_captions(a000: Article) -> None:
    captions = [b.text for b in a000.blocks() if b.kind == "caption"]
    assert captions == ["图片说明：", "①教育优质发展", "②满足就业需求", "③幸福老年生活"]
    paragraphs = [b.text for b in a000.blocks() if b.kind == "paragraph"]
    assert not any("①" in p or p.startswith("图片说明") for p in paragraphs)


@pytest.mark.parametrize(
    ("end", "start"),
    [
        ("办好人民满意", "的教育"),
        ("救助标准，", "完善社会救助体系"),
        ("11月底", "前要具备运营条件"),
    ],
)
def test_000_split_paragraphs_are_joined(a000: Article, end: str, start: str) -> None:
    assert any(end + start in b.text for b in a000.blocks())
    assert not any(b.text.endswith(end) for b in a000.blocks())


def test_000_paragraph_count(a000: Article) -> None:
    # 11 source paragraphs, three of them split in two by the copy: 8 after repair.
    assert len([b for b in a000.blocks() if b.kind == "paragraph"]) == 8


def test_003_title_deck_credit_headings(a003: Article) -> None:
    assert a003.title == "筑牢民生根基 增進民生福祉"
    assert a003.deck == "——三晉百姓獲得感與幸福感持續提升"
    assert a003.byline == "本報記者秦洋 李林霞 韓林芳 霍雪茹"
    assert a003.script == "traditional"
    headings = [s.heading for s in a003.sections if s.heading]
    assert headings == [
        "衛生健康事業提質增效",
        "優質教育資源供給持續擴大",
        "穩就業強保障工作扎實推進",
        "民政養老和救助服務全面提升",
        "受益者說",
    ]
    first = next(a003.blocks())
    assert first.kind == "caption" and first.text.endswith("霍雪茹攝")


def test_003_noise_removed_and_reported(a003: Article) -> None:
    reasons = {r.line_no: r.reason for r in a003.removed}
    assert set(reasons) == {1, 4}
    assert "久久" in a003.removed[0].text and "當前位置" in a003.removed[1].text
    assert not any("久久" in t or "當前位置" in t for t in all_texts(a003))


def test_003_heading_is_not_joined(a003: Article) -> None:
    for section in a003.sections:
        if section.heading:
            assert len(section.heading) <= 24
            assert section.blocks and section.blocks[0].text[0] in "2“全前我在晉周如大"


def test_block_ids_are_stable_and_unique(a000: Article, a003: Article) -> None:
    for article in (a000, a003):
        ids = [b.id for b in article.blocks()]
        assert ids == [f"p{i}" for i in range(1, len(ids) + 1)]
        again = ingest_file(SEED_000 if article is a000 else SEED_003)
        assert [b.id for b in again.blocks()] == ids


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_nothing_lost(seed: Path) -> None:
    """Every Chinese character of each kept source line is in the article, in order
    within its line, and body blocks keep the source order."""
    article = ingest_file(seed)
    removed = {r.line_no for r in article.removed}
    texts = all_texts(article)
    joined = "\n".join(texts)
    source_lines = seed.read_text(encoding="utf-8").split("\n")
    kept = [
        "".join(CJK.findall(line))
        for no, line in enumerate(source_lines, 1)
        if no not in removed and CJK.search(line)
    ]
    article_cjk = ["".join(CJK.findall(t)) for t in texts]
    everything = "".join(article_cjk)  # title and deck may share one source line
    for line in kept:
        assert line in everything, line[:20]
    # total count matches: nothing duplicated, nothing dropped
    assert sum(len(x) for x in kept) == len(CJK.findall(joined))
    body = ["".join(CJK.findall(b.text)) for b in article.blocks()]
    source_cjk = "".join(kept)
    positions = [source_cjk.find(b) for b in body]
    assert positions == sorted(positions) and -1 not in positions


def test_punctuation_normalised_for_display(a000: Article) -> None:
    text = "".join(all_texts(a000))
    assert not re.search(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]", text)
    for kept in ("2.8万", "1+X", "10+N", "85%"):
        assert kept in text


# --- script ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_conversion_both_ways_keeps_shape_and_length(seed: Path) -> None:
    article = ingest_file(seed)
    for target in ("simplified", "traditional"):
        other = article.map_text(lambda t, to=target: convert(t, to), target)  # type: ignore[misc]
        assert other.script == target
        assert [b.id for b in other.blocks()] == [b.id for b in article.blocks()]
        assert [len(b.text) for b in other.blocks()] == [len(b.text) for b in article.blocks()]
        assert len(other.title) == len(article.title)
    simplified = article.map_text(lambda t: convert(t, "simplified"), "simplified")
    assert "衛" not in "".join(all_texts(simplified))


# --- encodings and bad input -----------------------------------------------------


def _seed_variants() -> list[tuple[str, bytes, Path]]:
    s000 = SEED_000.read_text(encoding="utf-8")
    s003 = SEED_003.read_text(encoding="utf-8").replace("\xa0", " ")
    big5_lines = []
    for line in s003.split("\n"):
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        big5_lines.append(line)
    big5_text = "\n".join(big5_lines)
    return [
        ("gbk", s000.encode("gbk"), SEED_000),
        ("gb18030", s000.encode("gb18030"), SEED_000),
        ("utf-8-bom", codecs.BOM_UTF8 + s000.encode("utf-8"), SEED_000),
        ("utf-16le-bom", s000.encode("utf-16"), SEED_000),
        ("utf-16be-bom", codecs.BOM_UTF16_BE + s000.encode("utf-16-be"), SEED_000),
        ("utf-16le-no-bom", s000.encode("utf-16-le"), SEED_000),
        ("utf-16be-no-bom", s000.encode("utf-16-be"), SEED_000),
        ("utf-16le-003", s003.encode("utf-16-le"), SEED_003),
        ("crlf", s000.replace("\n", "\r\n").encode("utf-8"), SEED_000),
        ("cr", s000.replace("\n", "\r").encode("utf-8"), SEED_000),
        ("big5", big5_text.encode("big5"), Path("big5")),
        ("utf-8-003", s003.encode("utf-8"), SEED_003),
        ("gb18030-003", s003.encode("gb18030"), SEED_003),
    ]


@pytest.mark.parametrize(("label", "data", "seed"), _seed_variants(), ids=lambda v: str(v)[:12])
def test_reencoded_seeds_give_the_same_article(label: str, data: bytes, seed: Path) -> None:
    article = ingest_bytes(data, "x")
    if seed.name == "big5":
        text = data.decode("big5")
        expected = ingest_bytes(text.encode("utf-8"), "x")
        assert article.encoding == "big5"
    else:
        expected = ingest_bytes(seed.read_text(encoding="utf-8").replace("\xa0", " ").encode(), "x")
    assert article.sections == expected.sections
    assert (article.title, article.deck, article.byline) == (
        expected.title,
        expected.deck,
        expected.byline,
    )


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "空的"),
        (b"   \n\n \t", "空的"),
        ("\ufeff".encode(), "空的"),
        (bytes(range(256)) * 8, "读不出文字"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "读不出文字"),
        (b"\xff\xfe\xff\xfe" + b"\x00\xd8" * 50, "读不出文字"),
    ],
)
def test_bad_input_gives_a_plain_error(data: bytes, phrase: str) -> None:
    with pytest.raises(ArticleFileError) as info:
        ingest_bytes(data, "x", "坏文件.txt")
    assert phrase in info.value.message and "坏文件.txt" in info.value.message


def test_too_big_is_refused() -> None:
    with pytest.raises(ArticleFileError, match="太大"):
        ingest_bytes(b"a" * (20 * 1024 * 1024 + 1), "x")


def test_a_20_mb_text_is_read(tmp_path: Path) -> None:
    paragraph = SEED_000.read_text(encoding="utf-8").split("\n")[10] + "\n\n"
    copies = 20 * 1000 * 1000 // len(paragraph.encode())
    data = (paragraph * copies).encode()
    assert len(data) <= 20 * 1024 * 1024
    article = ingest_bytes(data, "big")
    assert len(list(article.blocks())) == copies


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ArticleFileError, match="找不到"):
        ingest_file(tmp_path / "nope.txt")
    with pytest.raises(ArticleFileError, match="文件夹"):
        ingest_file(tmp_path)


@pytest.mark.parametrize(
    "text",
    ["今天社区开展义诊活动。", "今天社区开展义诊活动", "社区义诊", "Hello, world.", "2025年3月"],
)
def test_one_line_articles(text: str) -> None:
    article = ingest_bytes(text.encode(), "one")
    assert article.title
    assert text.replace(",", "，") in "".join(all_texts(article)) or article.title == text


def test_source_date_line_is_noise_but_gives_the_date() -> None:
    text = (
        "社区食堂开张\n\n来源：晋中日报 发布时间：2025-03-10 10:21\n\n"
        "今天，社区食堂正式开张。老人们吃上了热饭。\n"
    )
    article = ingest_bytes(text.encode(), "d")
    assert article.date == "2025-03-10"
    assert article.title == "社区食堂开张"
    assert [r.reason for r in article.removed] == ["网页上的编辑、分享或版权信息"]


def test_unseen_noise_forms() -> None:
    text = (
        "免费看片-高清电影-在线播放-最新影视\n"
        "首页 > 新闻中心 > 本地新闻\n"
        "社区开展老年人防诈骗讲座\n"
        "近日，幸福社区开展防诈骗讲座，\n"
        "六十多位老人参加。\n"
        "责任编辑：王五\n"
        "扫一扫在手机上打开\n"
    )
    article = ingest_bytes(text.encode("gbk"), "n")
    assert article.title == "社区开展老年人防诈骗讲座"
    assert [b.text for b in article.blocks()] == [
        "近日，幸福社区开展防诈骗讲座，六十多位老人参加。"
    ]
    assert len(article.removed) == 4


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_a_clear_error(data: bytes) -> None:
    try:
        article = ingest_bytes(data, "h")
    except ArticleFileError as exc:
        assert exc.message and re.search(r"[\u4e00-\u9fff]", exc.message)
    else:
        assert article.title or list(article.blocks())


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("民生就业，。“”！？\n ,:;()12.万%-—>久")), max_size=300)
)
def test_any_chinese_like_text_gives_an_article_or_a_clear_error(text: str) -> None:
    try:
        ingest_bytes(text.encode("utf-8"), "h")
    except ArticleFileError as exc:
        assert exc.message


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_short_notice_in_utf16_without_its_mark(encoding: str) -> None:
    # few line ends (the only zero high bytes), and 一 (U+4E00) has a zero low byte
    text = "社区食堂开门了\n\n社区食堂从下周一开门，老人吃饭打八折。\n"
    article = ingest_bytes(text.encode(encoding), "通知.txt")
    assert article.title == "社区食堂开门了"
    assert article.sections[0].blocks[0].text == "社区食堂从下周一开门，老人吃饭打八折。"


def test_more_unseen_page_furniture_and_numbered_headings() -> None:
    text = (
        "您现在的位置：首页 > 新闻\n"
        "首页 > 民生\n"
        "社区服务有新变化\n"
        "位置在城南的社区食堂，今天正式开门了。\n"
        "一、助餐服务\n"
        "社区食堂每天供应午餐，老人打八折。\n"
        "（二）就医服务\n"
        "医生每周来社区两次，\n"
        "为老人量血压。\n"
    )
    article = ingest_bytes(text.encode("utf-8"), "n")
    assert article.title == "社区服务有新变化"
    assert [r.reason for r in article.removed] == ["网页上的位置导航"] * 2
    assert [(s.heading, [b.text for b in s.blocks]) for s in article.sections] == [
        (None, ["位置在城南的社区食堂，今天正式开门了。"]),  # prose that starts with 位置
        ("一、助餐服务", ["社区食堂每天供应午餐，老人打八折。"]),
        ("（二）就医服务", ["医生每周来社区两次，为老人量血压。"]),
    ]


@pytest.mark.parametrize(("text", "encoding"), [
    ("社区食堂", "gbk"), ("低保", "gbk"), ("看病", "gbk"), ("就业", "gbk"),
    ("养老服务有新变化", "gb18030"), ("社區食堂", "big5"), ("醫療保險", "big5"),
    ("就業服務", "big5"),
])
def test_short_gbk_and_big5_texts_are_told_apart(text: str, encoding: str) -> None:
    # byte for byte both read as either; 社区食堂 in GBK read as Big5 was 扦⑹妘斻
    # (two characters may read as two everyday ones either way: GBK is chosen then)
    article = ingest_bytes((text + "\n").encode(encoding), "短.txt")
    assert article.title == text


def test_the_everyday_characters_shipped_are_the_tests_level1_list() -> None:
    shipped = ROOT / "assets" / "data" / "common-chars-level1.txt"
    copied = ROOT / "tests" / "data" / "common-chars-level1.txt"
    assert shipped.read_bytes() == copied.read_bytes()


@pytest.mark.parametrize("date_line", [
    "2025年03月10日",
    "2025年3月10日 星期一",
    "2025-03-10 10:21 来源：晋中日报",
])
def test_a_date_line_of_its_own_gives_the_date_and_is_not_text(date_line: str) -> None:
    text = f"社区食堂开张\n{date_line}\n今天，社区食堂正式开张，老人们吃上了热饭。\n"
    article = ingest_bytes(text.encode("utf-8"), "d")
    assert (article.title, article.date) == ("社区食堂开张", "2025-03-10")
    assert [[b.text for b in s.blocks] for s in article.sections] == [
        ["今天，社区食堂正式开张，老人们吃上了热饭。"]
    ]
    assert [r.text for r in article.removed] == [date_line]
