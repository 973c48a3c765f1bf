"""Card files: the shipped cards against the schema, and the loader on broken files."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from reader.cli_cards import cmd_card, cmd_cards
from reader.core.cards import CATEGORIES, ICONS, MAX_STEPS, load_cards, parse_card_file
from reader.core.script import convert
from reader.resources import asset_path
from tests.support.card_samples import card_toml, write_card

CARD_FILES = sorted(asset_path("cards").glob("*.toml"))

# What the two seed articles mention (issue 5): each must be covered by some card.
TOPICS = [
    "120", "胸痛中心", "医疗集团", "家庭医生", "检查检验结果互认", "中医馆", "儿科",
    "心理门诊", "睡眠门诊", "城乡低保", "特困人员", "临时救助", "晋心救",
    "困难残疾人生活补贴", "重度残疾人护理补贴", "孤儿", "事实无人抚养儿童", "日间照料",
    "社区食堂", "适老化改造", "晋孝焕新", "个人养老金", "延迟退休", "招聘会",
    "就业困难人员", "农民工", "返乡创业", "就业见习", "托育", "幼儿园", "义务教育",
    "留守儿童",
]  # fmt: skip


# ---- the shipped cards ------------------------------------------------------------


def test_enough_shipped_cards_and_all_load_cleanly() -> None:
    cards = load_cards()
    assert [str(p) for p in cards.problems] == []
    assert len(cards) >= 18
    assert len(cards) == len(CARD_FILES)


@pytest.mark.parametrize("path", CARD_FILES, ids=[p.stem for p in CARD_FILES])
def test_shipped_card_follows_the_schema(path: Path) -> None:
    card, warnings = parse_card_file(path)
    assert [str(w) for w in warnings] == []
    assert card.id == path.stem
    assert card.category in CATEGORIES
    assert card.icon in ICONS and card.icon_path().is_file()
    assert 1 <= len(card.steps) <= MAX_STEPS
    assert card.who and card.phones and card.sources and card.terms
    assert all(convert(t, "simplified") == t for t in card.terms)
    assert date(2020, 1, 1) <= card.reviewed <= date(2030, 12, 31)
    # Only national hotlines: a local number can come only from staff (local info).
    assert {p.number for p in card.phones} <= {"12345", "12333", "120"}


def test_every_topic_from_the_seeds_has_a_card() -> None:
    cards = load_cards()
    text_of = {c.id: " ".join([c.title, c.what, *c.terms, *c.who, *c.steps, *c.notes])
               for c in cards}  # fmt: skip
    missing = [t for t in TOPICS if not any(t in text for text in text_of.values())]
    assert missing == []
    assert {c.category for c in cards} >= set(CATEGORIES) - {"其他"}


def test_no_term_leads_to_two_cards() -> None:
    terms = [t for c in load_cards() for t in c.terms]
    assert len(terms) == len(set(terms))


# ---- the loader, on cards written here ----------------------------------------------


def test_loads_a_card_with_every_field(tmp_path: Path) -> None:
    write_card(tmp_path, "dibao")
    cards = load_cards(tmp_path)
    card = cards.get("dibao")
    assert card is not None
    assert card.title == "城乡低保"
    assert card.terms == ("城乡低保", "低保")
    assert card.reviewed == date(2026, 11, 23)
    assert card.steps == ("到社区说明情况。", "填申请表。", "等人上门核对。")
    assert card.phones[0].number == "12345"
    assert card.sources[0].quote == "通过调整城乡低保和特困人员救助标准"
    assert card.path == tmp_path / "dibao.toml"


def test_converted_to_traditional_keeps_keys_simplified(tmp_path: Path) -> None:
    write_card(tmp_path, "dibao")
    card = load_cards(tmp_path).cards[0]
    shown = card.converted("traditional")
    assert shown.title == "城鄉低保"
    assert shown.what == "城鄉低保是給生活困難家庭的幫助。"
    assert shown.bring == ("身份證。", "戶口本。")
    assert shown.phones[0].purpose == "問政府辦事。"
    assert shown.script == "traditional"
    # keys used for matching and grouping stay as written
    assert (shown.id, shown.category, shown.terms) == (card.id, card.category, card.terms)
    assert shown.category_label() == "生活救助"
    assert shown.converted("simplified").title == "城乡低保"


def test_cards_come_in_category_order(tmp_path: Path) -> None:
    write_card(tmp_path, "a_jobs", category="找工作", terms=("招聘会",))
    write_card(tmp_path, "b_medical", category="看病就医", terms=("家庭医生",))
    write_card(tmp_path, "c_school", category="上学和托育", terms=("托育",))
    cards = load_cards(tmp_path)
    assert cards.ids() == ["b_medical", "a_jobs", "c_school"]
    assert [cat for cat, _ in cards.by_category()] == ["看病就医", "找工作", "上学和托育"]


def test_broken_toml_names_file_and_line_and_others_still_load(tmp_path: Path) -> None:
    write_card(tmp_path, "dibao")
    broken = card_toml("linshi", terms=("临时救助",)).replace(
        'title = "城乡低保"', "title = “临时救助”"
    )
    write_card(tmp_path, "linshi", text=broken)
    cards = load_cards(tmp_path)
    assert cards.ids() == ["dibao"]
    [problem] = [p for p in cards.problems if p.skipped]
    assert problem.file == "linshi.toml" and problem.line == 2
    assert "linshi.toml 第 2 行" in problem.message
    assert "中文引号" in problem.message
    assert "Invalid value" in problem.detail  # the technical cause is kept for logs


def test_unclosed_string_is_reported_at_its_own_line(tmp_path: Path) -> None:
    # tomllib says "at end of document" here; the loader still finds line 7.
    text = card_toml().replace(
        'what = "城乡低保是给生活困难家庭的帮助。"', 'what = "没有结尾的引号'
    )
    path = write_card(tmp_path, "dibao", text=text)
    assert text.splitlines()[6].startswith("what")
    cards = load_cards(tmp_path)
    assert cards.cards == ()
    assert cards.problems[0].line == 7
    assert "引号没有配对" in cards.problems[0].message
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (lambda t: t.replace('category = "生活救助"', 'category = "救助"'), 3, "分类“救助”不对"),
        (lambda t: t.replace('id = "dibao"', 'id = "db"'), 1, "要和文件名一样"),
        (lambda t: t.replace('title = "城乡低保"\n', ""), None, "缺少“title”"),
        (lambda t: t.replace("reviewed = 2026-11-23", 'reviewed = "昨天"'), 6, "核对日期"),
        (
            lambda t: t.replace('who = ["家里收入低的人。"]', 'who = "家里收入低的人。"'),
            8,
            "方括号",
        ),
        (lambda t: t.replace('number = "12345"', 'number = "一二三"'), 14, "只能写数字"),
        (lambda t: t.replace('purpose = "问政府办事。"\n', ""), 13, "缺少“purpose”"),
    ],
)
def test_wrong_field_skips_the_card_with_its_line(
    tmp_path: Path, change: object, line: int | None, words: str
) -> None:
    write_card(tmp_path, "dibao", text=change(card_toml()))  # type: ignore[operator]
    write_card(tmp_path, "tuoyu", category="上学和托育", terms=("托育",))
    cards = load_cards(tmp_path)
    assert cards.ids() == ["tuoyu"]
    [problem] = [p for p in cards.problems if p.skipped]
    assert problem.skipped and problem.line == line and words in problem.message
    assert problem.message.startswith("dibao.toml")
    assert "没有载入" in problem.message


def test_more_than_five_steps_is_refused(tmp_path: Path) -> None:
    write_card(tmp_path, "dibao", steps=tuple(f"第{n}步。" for n in range(1, 7)))
    cards = load_cards(tmp_path)
    assert cards.cards == ()
    assert "最多写 5 步，现在有 6 步" in cards.problems[0].message


def test_small_slips_keep_the_card_and_are_reported(tmp_path: Path) -> None:
    text = card_toml(icon="heart", terms=("臨時救助",), extra='setps = ["拼错的项目"]')
    write_card(tmp_path, "linshi", text=text.replace('id = "dibao"', 'id = "linshi"'))
    cards = load_cards(tmp_path)
    card = cards.get("linshi")
    assert card is not None
    assert card.icon == "other"
    assert card.terms == ("临时救助",)  # typed in 繁體, matched in 简体
    messages = " ".join(p.message for p in cards.problems if not p.skipped)
    assert "图标“heart”不认识" in messages
    assert "要写简体" in messages
    assert "不认识的项目“setps”" in messages


def test_a_term_can_lead_to_one_card_only(tmp_path: Path) -> None:
    write_card(tmp_path, "a_dibao", terms=("城乡低保", "低保"))
    write_card(tmp_path, "b_tekun", terms=("特困人员", "低保"))
    cards = load_cards(tmp_path)
    assert cards.get("a_dibao").terms == ("城乡低保", "低保")  # type: ignore[union-attr]
    assert cards.get("b_tekun").terms == ("特困人员",)  # type: ignore[union-attr]
    [clash] = [p for p in cards.problems if "低保" in p.message]
    assert clash.file == "b_tekun.toml" and not clash.skipped and clash.line == 5


def test_notepad_encodings_load(tmp_path: Path) -> None:
    (tmp_path / "bom.toml").write_bytes(b"\xef\xbb\xbf" + card_toml("bom").encode("utf-8"))
    gbk = card_toml("gbk", terms=("临时救助",))
    (tmp_path / "gbk.toml").write_bytes(gbk.encode("gb18030"))
    cards = load_cards(tmp_path)
    assert sorted(cards.ids()) == ["bom", "gbk"]
    assert cards.get("gbk").title == "城乡低保"  # type: ignore[union-attr]


def test_missing_folder_gives_no_cards(tmp_path: Path) -> None:
    cards = load_cards(tmp_path / "nothing")
    assert cards.cards == () and cards.problems == ()


# ---- command line ----------------------------------------------------------------------


def _args(**values: object) -> argparse.Namespace:
    defaults: dict[str, object] = {
        "pdf": None, "category": None, "script": "simplified", "paper": "A4",
        "print_": False, "printer": None,
    }  # fmt: skip
    return argparse.Namespace(**{**defaults, **values})


def test_cards_command_lists_id_category_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_cards(_args()) == 0
    lines = capsys.readouterr().out.splitlines()
    cards = load_cards()
    assert len(lines) == len(cards)
    for line, card in zip(lines, cards, strict=True):
        assert line.split() == [card.id, card.category, card.title]


def test_cards_command_filters_by_category_in_either_script(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cmd_cards(_args(category="養老服務", script="traditional")) == 0
    lines = capsys.readouterr().out.splitlines()
    expected = load_cards().in_category("养老服务")
    assert len(lines) == len(expected) > 0
    assert all(line.split()[1] == "養老服務" for line in lines)
    assert cmd_cards(_args(category="吃饭")) == 1
    assert "没有“吃饭”这一类" in capsys.readouterr().err


def test_card_command_prints_the_card_in_traditional(capsys: pytest.CaptureFixture[str]) -> None:
    card = load_cards().cards[0]
    assert cmd_card(_args(id=card.id, script="traditional")) == 0
    out = capsys.readouterr().out
    shown = card.converted("traditional")
    assert out.startswith(f"【{shown.title}】")
    assert "這是什麼" in out and "怎麼辦" in out
    assert shown.steps[0] in out


def test_unknown_card_id_says_how_to_list_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_card(_args(id="no_such_card")) == 1
    err = capsys.readouterr().err
    assert "没有编号为“no_such_card”的卡片" in err
    assert "python -m reader cards" in err


def test_ids_differing_only_in_case_are_one_card(tmp_path: Path) -> None:
    write_card(tmp_path, "dibao")
    write_card(tmp_path, "Dibao", terms=("最低生活保障",))
    cards = load_cards(tmp_path)
    assert len(cards) == 1
    [problem] = [p for p in cards.problems if p.skipped]
    assert "重复" in problem.message
