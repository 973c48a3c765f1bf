"""The 本地信息 form's core: checking values in plain words, saving into the same file
with its comments kept, atomically, and never over a broken or meanwhile-changed file."""

from __future__ import annotations

import codecs
import dataclasses
import os
import tomllib
from datetime import date

import pytest

from reader import paths
from reader.core.card_text import card_to_text
from reader.core.cards import load_cards
from reader.core.local_info import Centre, LocalInfo, LocalOffice, load_local_info, template
from reader.core.local_info_save import (
    LocalInfoSaveError,
    check_local_info,
    form_values,
    info_from_values,
    parse_checked_date,
    phone_problem,
    save_local_info,
)
from reader.core.script import convert

CARDS = [("dibao", "城乡低保"), ("tuoyu", "托育服务")]
TODAY = date(2026, 12, 6)


def filled() -> LocalInfo:
    return LocalInfo(
        Centre("幸福社区服务中心", "幸福路 8 号", "0354-1234567", "周一到周五 9:00-17:00"),
        {"dibao": LocalOffice("街道便民服务中心 2 号窗口", address="幸福路 10 号",
                              phone="0354-7654321", hours="周一到周五上午",
                              note="先打电话预约")},
        checked=date(2026, 12, 1))


@pytest.mark.parametrize("number", [
    "0354-1234567", "(0351)7654321", "010-12345678", "13912345678", "139 1234 5678",
    "12345", "120", "96123", "400-123-4567", "0354-1234567 转 8001", "87654321",
    "0354—1234567", "１２３４５", "0354-1234567、13912345678", "12345 或 0354-1234567",
])
def test_phone_numbers_that_can_be(number: str) -> None:
    assert phone_problem(number) is None


@pytest.mark.parametrize(("number", "words"), [
    ("0354-123", "区号"),
    ("021-6666666", "区号"),  # Shanghai numbers have 8 digits
    ("1391234567", "11 位数字，这里是 10 位"),
    ("139123456789", "这里是 12 位"),
    ("12", "热线如 12345"),
    ("电话见门口", "不是号码的字"),
    ("0354-1234567、138", "“138”"),
])
def test_phone_numbers_that_cannot_be(number: str, words: str) -> None:
    problem = phone_problem(number)
    assert problem is not None and words in problem


@pytest.mark.parametrize(("typed", "day"), [
    ("2026-12-06", date(2026, 12, 6)), ("2026/12/6", date(2026, 12, 6)),
    ("2026.1.31", date(2026, 1, 31)), ("2026年12月6日", date(2026, 12, 6)),
    ("２０２６－１２－０６", date(2026, 12, 6)), ("  ", None),
])
def test_checked_dates_as_staff_type_them(typed: str, day: date | None) -> None:
    assert parse_checked_date(typed) == day


@pytest.mark.parametrize("typed", ["2026-02-30", "上个月", "12-06", "2026-13-01"])
def test_checked_dates_that_are_not_days(typed: str) -> None:
    with pytest.raises(ValueError, match="不是一个日子"):
        parse_checked_date(typed)


def test_form_values_go_there_and_back() -> None:
    values = form_values(filled())
    assert values["centre.phone"] == "0354-1234567"
    assert values["cards.dibao.note"] == "先打电话预约"
    assert values["checked"] == "2026-12-01"
    values["cards.tuoyu.office"] = "  托育中心 "  # a card filled in the form for the first time
    info = info_from_values(values, date(2026, 12, 1))
    assert info.centre == filled().centre and info.checked == date(2026, 12, 1)
    assert info.offices["dibao"] == filled().offices["dibao"]
    assert info.offices["tuoyu"] == LocalOffice("托育中心")


def test_a_good_form_has_no_problems() -> None:
    assert check_local_info(filled(), TODAY) == []


def test_problems_name_the_field_in_plain_words() -> None:
    info = LocalInfo(
        Centre("", "", "0354-123", ""),
        {"dibao": LocalOffice(phone="13912345678"), "tuoyu": LocalOffice("x" * 51)},
        checked=date(2027, 1, 1))
    problems = {p.field: p.message for p in check_local_info(info, TODAY, dict(CARDS))}
    assert problems["centre.name"] == "社区服务中心的名称不能空着。"
    assert problems["centre.phone"].startswith("社区服务中心的电话：“0354-123”不像电话号码")
    assert "“城乡低保”卡片的办理地点空着" in problems["cards.dibao.office"]
    too_long = "“托育服务”卡片的办理地点太长了（51 个字，最多 50 个字）"
    assert too_long in problems["cards.tuoyu.office"]
    assert problems["checked"] == "号码核实日期不能是以后的日子。"


def test_phones_without_a_checked_date_ask_for_one() -> None:
    info = LocalInfo(Centre("幸福社区", phone="12345"))
    [problem] = check_local_info(info, TODAY)
    assert problem.field == "checked" and "号码核实日期" in problem.message


def test_save_keeps_the_comments_and_reads_back() -> None:
    path = paths.local_info_file()
    first = load_local_info(cards=CARDS)  # the commented template
    assert first.text is not None
    save_local_info(filled(), path, first.text, CARDS)
    text = path.read_text(encoding="utf-8")
    for line in template(CARDS).splitlines():
        if line.startswith("#"):
            assert line in text  # every comment line of the template is still there
    assert "[cards.dibao]  # 城乡低保" in text
    again = load_local_info(cards=CARDS)
    assert again.problems == ()
    assert again.centre == filled().centre
    assert again.office_for("dibao") == filled().offices["dibao"]
    assert again.checked == date(2026, 12, 1)
    assert tomllib.loads(text)["checked"] == date(2026, 12, 1)  # a TOML date, no quotes


def test_save_keeps_what_was_written_by_hand() -> None:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True)
    hand = ('# 我们社区的信息，王老师 12 月填的\n[centre]\nname = "旧名字"  # 先这样\n\n'
            '[cards.jiuyuan]  # 卡片以后会加\noffice = "民政办"\n')
    path.write_text(hand, encoding="utf-8")
    info = load_local_info(path)
    form = LocalInfo(Centre("新名字"), {**info.offices, "dibao": LocalOffice("便民服务中心")})
    save_local_info(form, path, info.text, CARDS)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 我们社区的信息，王老师 12 月填的\n")
    assert 'name = "新名字"  # 先这样' in text
    assert '[cards.jiuyuan]  # 卡片以后会加\noffice = "民政办"' in text
    assert "[cards.dibao]  # 城乡低保" in text
    assert "tuoyu" not in text  # no empty section for a card nobody filled in


def test_a_file_changed_meanwhile_is_not_overwritten() -> None:
    path = paths.local_info_file()
    info = load_local_info(cards=CARDS)
    path.write_text(path.read_text(encoding="utf-8") + "# 有人用记事本加了一行\n",
                    encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(LocalInfoSaveError, match="被改过了"):
        save_local_info(filled(), path, info.text, CARDS)
    assert path.read_bytes() == before


def test_a_broken_file_is_left_as_it_was_unless_replaced_with_a_copy_kept() -> None:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True)
    path.write_text('[centre]\nname = “幸福社区”\n', encoding="utf-8")
    before = path.read_bytes()
    info = load_local_info(path)
    assert info.broken and info.problems
    with pytest.raises(LocalInfoSaveError, match="写错"):
        save_local_info(filled(), path, info.text, CARDS)
    assert path.read_bytes() == before
    result = save_local_info(filled(), path, info.text, CARDS, replace_broken=True)
    assert result.kept_broken is not None and result.kept_broken.read_bytes() == before
    assert load_local_info(path).centre == filled().centre


def test_a_failed_write_leaves_the_old_file(monkeypatch: pytest.MonkeyPatch) -> None:
    path = paths.local_info_file()
    info = load_local_info(cards=CARDS)
    before = path.read_bytes()

    def power_cut(_fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(LocalInfoSaveError, match="没能保存") as raised:
        save_local_info(filled(), path, info.text, CARDS)
    assert "磁盘读写出错" in raised.value.message  # in Chinese, not "Input/output error"
    assert "Input/output" not in raised.value.message
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.suffix == ".tmp"]


def test_the_checked_date_and_office_details_show_on_a_card() -> None:
    card = load_cards().get("dibao")
    assert card is not None
    text = card_to_text(card, filled())
    local = text.split("本地办理\n", 1)[1]
    for words in ("办理地点：街道便民服务中心 2 号窗口", "办理地址：幸福路 10 号",
                  "办理电话：0354-7654321", "办理时间：周一到周五上午", "提醒：先打电话预约",
                  "号码核实日期：2026年12月1日"):
        assert words in local
    traditional = convert("号码核实日期：2026年12月1日", "traditional")
    assert traditional != "号码核实日期：2026年12月1日"
    assert traditional in card_to_text(card, filled(), "traditional")
    no_date = LocalInfo(filled().centre, filled().offices)
    assert "号码核实日期" not in card_to_text(card, no_date)


def test_a_quoted_or_wrong_checked_date_in_a_hand_edited_file() -> None:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True)
    path.write_text('checked = "2026-11-30"\n[centre]\nname = "幸福"\n', encoding="utf-8")
    assert load_local_info(path).checked == date(2026, 11, 30)
    path.write_text('checked = "上个月"\n[centre]\nname = "幸福"\n', encoding="utf-8")
    info = load_local_info(path)
    assert info.checked is None and "第 1 行" in info.problems[0]
    assert info.centre.name == "幸福"


NOTEPAD_SAVES = {  # how Notepad may have saved a hand-edited file
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "GBK (ANSI)": lambda text: text.encode("gbk"),
    "UTF-16 (Unicode)": lambda text: text.encode("utf-16"),
    "CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "GBK with CRLF": lambda text: text.replace("\n", "\r\n").encode("gbk"),
}


def _hand_filled_template() -> str:
    text = template(CARDS)
    assert '\nname = ""' in text
    return text.replace('\nname = ""', '\nname = "幸福社区服务中心"', 1)


@pytest.mark.parametrize("saved_as", NOTEPAD_SAVES)
def test_a_file_notepad_saved_is_saved_over(saved_as: str) -> None:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True)
    original = NOTEPAD_SAVES[saved_as](_hand_filled_template())
    path.write_bytes(original)
    info = load_local_info(path, CARDS)
    assert info.problems == () and info.centre.name == "幸福社区服务中心"
    form = LocalInfo(replace_centre(info.centre, phone="0354-1234567"),
                     {"dibao": LocalOffice("街道便民服务中心")}, checked=date(2026, 12, 1))
    save_local_info(form, path, info.text, CARDS)
    data = path.read_bytes()
    text = data.decode("utf-8-sig")  # always UTF-8 now
    again = load_local_info(path, CARDS)
    assert again.problems == ()
    assert again.centre == Centre("幸福社区服务中心", phone="0354-1234567")
    assert again.office_for("dibao") == LocalOffice("街道便民服务中心")
    assert "# " in text and text.count("#") >= template(CARDS).count("#")  # comments kept
    assert data.startswith(codecs.BOM_UTF8) == (saved_as not in ("utf-8", "CRLF"))
    assert ("\r\n" in text) == ("CRLF" in saved_as)
    if "CRLF" in saved_as:
        assert text.count("\n") == text.count("\r\n")  # no line end mixed in
    # and a second save over what was just written works too
    save_local_info(form, path, again.text, CARDS)


@pytest.mark.parametrize("saved_as", NOTEPAD_SAVES)
def test_a_real_change_to_a_notepad_file_is_still_seen(saved_as: str) -> None:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(NOTEPAD_SAVES[saved_as](_hand_filled_template()))
    info = load_local_info(path, CARDS)
    changed = _hand_filled_template().replace("幸福社区服务中心", "和平社区服务中心")
    path.write_bytes(NOTEPAD_SAVES[saved_as](changed))
    before = path.read_bytes()
    with pytest.raises(LocalInfoSaveError, match="被改过了"):
        save_local_info(filled(), path, info.text, CARDS)
    assert path.read_bytes() == before


def replace_centre(centre: Centre, **changes: str) -> Centre:
    return dataclasses.replace(centre, **changes)
