"""Linking article words to cards: both scripts, both seeds, and the rules."""

from __future__ import annotations

import argparse
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from reader.cli_cards import cmd_links
from reader.core import linking
from reader.core.article import Article, Block, Script, Section
from reader.core.cards import Card, Phone, load_cards
from reader.core.formats import read_article
from reader.core.linking import (
    cards_for_section,
    find_links,
    offset_map,
    paragraphs_mentioning,
    snippet,
)
from reader.core.script import convert
from tests.conftest import SEEDS


def _card(card_id: str, *terms: str) -> Card:
    return Card(
        id=card_id, title=card_id, category="其他", icon="other", terms=terms,
        reviewed=date(2026, 1, 1), what="。", who=("。",), steps=("。",), bring=(), notes=(),
        phones=(Phone("12345", "。"),), sources=(),
    )  # fmt: skip


def _article(*sections: list[str], script: Script = "simplified") -> Article:
    n = 0
    built = []
    for texts in sections:
        blocks = []
        for text in texts:
            n += 1
            blocks.append(Block(f"p{n}", "paragraph", text))
        built.append(Section(None, tuple(blocks)))
    return Article(id="t", title="t", script=script, sections=tuple(built))


@cache
def _seed(path: Path, script: Script) -> Article:
    article = read_article(path)
    return article.map_text(lambda t: convert(t, script), script)


# ---- the rules, on small made-up articles -------------------------------------------


def test_longest_term_wins_and_matches_do_not_overlap() -> None:
    cards = [_card("help", "救助"), _card("linshi", "临时救助"), _card("tekun", "特困人员救助")]
    links = find_links(_article(["申请临时救助和特困人员救助供养。"]), cards)
    assert [(x.card_id, x.term, x.start, x.end) for x in links] == [
        ("linshi", "临时救助", 2, 6),
        ("tekun", "特困人员救助", 7, 13),
    ]


def test_only_the_first_mention_in_each_section_is_linked() -> None:
    cards = [_card("dibao", "城乡低保", "低保")]
    article = _article(["先说低保。", "再说城乡低保和低保。"], ["新的一段也说低保。"])
    links = find_links(article, cards)
    assert [(x.block_id, x.section_index, x.start) for x in links] == [("p1", 0, 2), ("p3", 1, 6)]


def test_number_terms_need_word_edges() -> None:
    cards = [_card("jijiu", "120")]
    assert find_links(_article(["有1200人，1205次。"]), cards) == []
    [link] = find_links(_article(["拨打120急救。"]), cards)
    assert (link.start, link.end) == (2, 5)


def test_bylines_are_not_linked() -> None:
    blocks = (Block("p1", "byline", "记者 低保"), Block("p2", "paragraph", "低保"))
    article = Article(id="t", title="t", sections=(Section(None, blocks),))
    assert [x.block_id for x in find_links(article, [_card("dibao", "低保")])] == ["p2"]


def test_traditional_text_links_at_the_same_offsets() -> None:
    cards = [_card("canji", "残疾人两项补贴"), _card("tuoyu", "托育")]
    text = "提高残疾人两项补贴标准，发展普惠托育服务。"
    simplified = find_links(_article([text]), cards)
    traditional_text = convert(text, "traditional")
    assert traditional_text != text
    traditional = find_links(_article([traditional_text], script="traditional"), cards)
    assert simplified == traditional
    assert [traditional_text[x.start : x.end] for x in traditional] == ["殘疾人兩項補貼", "托育"]


def test_offsets_survive_a_conversion_that_changes_length(monkeypatch: pytest.MonkeyPatch) -> None:
    # OpenCC's s2tw/tw2s keep length today; if a dictionary ever changes that, the
    # alignment must still put the link on the right characters of the shown text.
    def longer(text: str, to: Script) -> str:
        return text.replace("乾", "干干")

    monkeypatch.setattr(linking, "convert", longer)
    text = "乾乾说低保的事，乾说托育。"
    links = find_links(_article([text]), [_card("dibao", "低保"), _card("tuoyu", "托育")])
    assert [text[x.start : x.end] for x in links] == ["低保", "托育"]


def test_offset_map_is_identity_for_equal_lengths_and_aligns_otherwise() -> None:
    assert offset_map("abc", "xyz") == [0, 1, 2, 3]
    boundary = offset_map("A乾B", "A干干B")
    assert boundary[0] == 0 and boundary[3] == 2 and boundary[4] == 3


def test_cards_for_section_in_order_of_first_mention() -> None:
    cards = [_card("dibao", "低保"), _card("tuoyu", "托育"), _card("jiuye", "就业")]
    article = _article(["托育和低保。"], ["就业和托育。"])
    links = find_links(article, cards)
    assert [c.id for c in cards_for_section(links, 0, cards)] == ["tuoyu", "dibao"]
    assert [c.id for c in cards_for_section(links, 1, cards)] == ["jiuye", "tuoyu"]
    assert cards_for_section(links, 2, cards) == []


def test_paragraphs_mentioning_lists_every_paragraph_once() -> None:
    cards = [_card("dibao", "低保"), _card("dibaobiaozhun", "低保标准")]
    article = _article(["低保。低保。", "提高低保标准。", "不相关。"], ["还有低保。"])
    found = paragraphs_mentioning(cards[0], [article], cards)
    assert [(m.block_id, m.section_index, m.snippet) for m in found] == [
        ("p1", 0, "低保。"),
        ("p4", 1, "还有低保。"),
    ]
    # without the other cards, 低保标准 counts as a mention of 低保
    assert [m.block_id for m in paragraphs_mentioning(cards[0], [article])] == ["p1", "p2", "p4"]


def test_snippet_cuts_long_sentences_around_the_term() -> None:
    text = "前文。" + "甲" * 50 + "城乡低保" + "乙" * 50 + "。后文"
    start = text.index("城乡低保")
    cut = snippet(text, start, start + 4)
    assert "城乡低保" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 62
    assert snippet("第一句。说低保。第三句。", 5, 7) == "说低保。"


# ---- the shipped cards on the two seeds ----------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_both_scripts_give_identical_links(seed: Path) -> None:
    cards = load_cards()
    simplified = find_links(_seed(seed, "simplified"), cards)
    traditional = find_links(_seed(seed, "traditional"), cards)
    assert simplified == traditional
    assert len(simplified) >= 10
    for script in ("simplified", "traditional"):
        article = _seed(seed, script)
        for link in simplified:
            shown = article.block(link.block_id).text[link.start : link.end]  # type: ignore[union-attr]
            assert convert(shown, "simplified") == link.term


def _cited_places() -> list[tuple[str, str, str]]:
    return [
        (card.id, source.article, source.quote) for card in load_cards() for source in card.sources
    ]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_every_card_is_linked_from_the_paragraph_it_cites(script: Script) -> None:
    cards = load_cards()
    seeds = {p.stem: p for p in SEEDS}
    places = _cited_places()
    assert {card_id for card_id, _, _ in places} == set(cards.ids())
    unlinked = []
    for card_id, article_id, quote in places:
        assert article_id in seeds, f"{card_id}: no seed {article_id}"
        article = _seed(seeds[article_id], script)
        simplified = _seed(seeds[article_id], "simplified")
        blocks = [b.id for b in simplified.blocks() if quote in b.text]
        assert blocks, f"{card_id}: quote not found: {quote}"
        section = simplified.section_of(blocks[0])
        links = find_links(article, cards)
        if not any(x.card_id == card_id and x.section_index == section for x in links):
            unlinked.append((card_id, quote))
    assert unlinked == []


def test_links_command_prints_card_term_section_block_offset(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed = SEEDS[-1]
    assert cmd_links(argparse.Namespace(file=str(seed))) == 0
    lines = capsys.readouterr().out.splitlines()
    links = find_links(read_article(seed), load_cards())
    assert lines[0] == "卡片\t词\t第几部分\t段落\t位置"
    first = links[0]
    article = read_article(seed)
    shown = article.block(first.block_id).text[first.start : first.end]  # type: ignore[union-attr]
    assert lines[1].split("\t") == [
        first.card_id, shown, str(first.section_index + 1), first.block_id,
        f"{first.start}-{first.end}",
    ]  # fmt: skip
    assert len(lines) == len(links) + 1


def test_links_command_on_a_missing_file_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_links(argparse.Namespace(file=str(tmp_path / "nope.txt"))) == 1
    assert capsys.readouterr().err.startswith("错误：")


def test_snippets_have_no_stray_quotation_marks() -> None:
    text = "“财政再紧，一分不少。”今年的报告指出，“着力增进群众福祉，办好民生实事。”还要做好低保。"
    # the closing ” after 。 belongs to the sentence before, not to this one
    start = text.index("今年")
    assert snippet(text, start, start + 2) == "今年的报告指出，“着力增进群众福祉，办好民生实事。”"
    start = text.index("一分")
    assert snippet(text, start, start + 2) == "“财政再紧，一分不少。”"
    start = text.index("低保")
    assert snippet(text, start, start + 2) == "还要做好低保。"
    long = "他说：“" + "这是很长的一段话" * 10 + "，低保要按时发放。”"
    cut = snippet(long, long.index("低保"), long.index("低保") + 2)
    assert cut.count("“") == cut.count("”")
