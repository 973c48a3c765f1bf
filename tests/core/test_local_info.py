"""The local-information file staff fill in, and how it shows on cards."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader import paths
from reader.core.card_text import card_sections, card_to_html, card_to_text
from reader.core.cards import load_cards
from reader.core.local_info import (
    LocalInfo,
    load_local_info,
    template,
    unknown_card_problems,
)
from tests.support.card_samples import write_card

FILLED = """
[centre]
name = "幸福社区服务中心"
address = "幸福路 8 号"
phone = "0354-1234567"
hours = "周一到周五 9:00-17:00"

[cards.dibao]
office = "街道便民服务中心 2 号窗口"
phone = "0354-7654321"

[cards.tuoyu]
office = ""
phone = ""
"""


def _card(tmp_path: Path):  # type: ignore[no-untyped-def]
    write_card(tmp_path / "cards", "dibao")
    return load_cards(tmp_path / "cards").cards[0]


def _write_info(text: str) -> Path:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_first_use_creates_a_commented_template_with_a_section_per_card() -> None:
    path = paths.local_info_file()
    assert not path.exists()
    info = load_local_info(cards=[("dibao", "城乡低保"), ("tuoyu", "托育")])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "[cards.dibao]  # 城乡低保" in text and "[cards.tuoyu]  # 托育" in text
    data = tomllib.loads(text)
    assert set(data["centre"]) == {"name", "address", "phone", "hours"}
    assert info.problems == ()
    assert info.centre.is_empty()
    assert info.office_for("dibao") is None  # empty values are not "filled in"


def test_default_template_lists_the_shipped_cards() -> None:
    load_local_info()
    text = paths.local_info_file().read_text(encoding="utf-8")
    for card in load_cards():
        assert f"[cards.{card.id}]  # {card.title}" in text


def test_existing_file_is_read_and_never_rewritten() -> None:
    path = _write_info(FILLED)
    info = load_local_info(cards=[("dibao", "城乡低保")])
    assert path.read_text(encoding="utf-8") == FILLED
    assert info.centre.name == "幸福社区服务中心"
    assert info.centre.hours == "周一到周五 9:00-17:00"
    office = info.office_for("dibao")
    assert office is not None and office.phone == "0354-7654321"
    assert info.office_for("tuoyu") is None
    assert info.problems == ()


def test_broken_file_names_the_line_uses_defaults_and_is_kept() -> None:
    broken = FILLED.replace('address = "幸福路 8 号"', "address = “幸福路 8 号”")
    path = _write_info(broken)
    before = path.read_bytes()
    info = load_local_info()
    assert info.centre.is_empty() and info.offices == {}
    [problem] = info.problems
    assert "第 4 行" in problem
    assert "中文引号" in problem
    assert "文件没有改动" in problem
    assert path.read_bytes() == before
    load_local_info()  # a second run does not "repair" it either
    assert path.read_bytes() == before


def test_unclosed_quote_is_found_at_its_line() -> None:
    _write_info(FILLED.replace('phone = "0354-7654321"', 'phone = "0354-7654321'))
    [problem] = load_local_info().problems
    assert "第 10 行" in problem and "引号没有配对" in problem


def test_wrong_values_are_skipped_and_the_rest_kept() -> None:
    text = FILLED.replace('hours = "周一到周五 9:00-17:00"', "hours = [9, 17]")
    text = text.replace('phone = "0354-1234567"', "phone = 3541234567")
    text += '\n[cards.yanglao]\noffice = "养老服务站"\nfloor = "2"\n'
    _write_info(text)
    info = load_local_info()
    assert info.centre.name == "幸福社区服务中心"
    assert info.centre.phone == "3541234567"  # a number without quotes is still a number
    assert info.centre.hours == ""
    assert info.office_for("yanglao").office == "养老服务站"  # type: ignore[union-attr]
    joined = " ".join(info.problems)
    assert "第 6 行" in joined and "“hours”要写一段文字" in joined
    assert "第 18 行" in joined and "不认识的项目“floor”" in joined


def test_office_for_a_card_that_does_not_exist_is_reported() -> None:
    _write_info('[cards.dibaoo]\noffice = "民政办"\n')
    message = "本地办事信息里的 [cards.dibaoo] 没有对应的卡片，请检查编号。"
    assert unknown_card_problems(load_local_info(), ["dibao"]) == [message]
    assert load_local_info(cards=[("dibao", "城乡低保")]).problems == (message,)


def test_config_folder_that_cannot_be_made_is_a_message_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    info = load_local_info(blocker / "local-info.toml", cards=[])
    assert info.centre.is_empty()
    assert "建不起来" in info.problems[0]


def test_template_is_valid_toml_even_without_cards() -> None:
    data = tomllib.loads(template([]))
    assert data["cards"] == {"dibao": {"office": "", "address": "", "phone": "", "hours": "",
                                       "note": ""}}
    assert data["checked"] == ""


# ---- rendering ----------------------------------------------------------------


def test_text_shows_only_filled_local_values(tmp_path: Path) -> None:
    card = _card(tmp_path)
    assert "本地办理" not in card_to_text(card, LocalInfo())
    _write_info('[centre]\nname = "幸福社区服务中心"\nphone = ""\n')
    text = card_to_text(card, load_local_info())
    local = text.split("本地办理\n", 1)[1]
    assert "社区服务中心：幸福社区服务中心" in local
    assert "电话" not in local and "地址" not in local and "办理地点" not in local


def test_local_section_comes_last_with_office_first(tmp_path: Path) -> None:
    card = _card(tmp_path)
    _write_info(FILLED)
    sections = card_sections(card, load_local_info())
    assert [s.key for s in sections] == [
        "what",
        "who",
        "steps",
        "bring",
        "phones",
        "notes",
        "local",
    ]
    assert [line.field for line in sections[-1].lines] == [
        "office", "office_phone", "centre", "address", "centre_phone", "hours",
    ]  # fmt: skip
    assert sections[-1].lines[0].text == "办理地点：街道便民服务中心 2 号窗口"


def test_html_has_local_section_escaped_and_converted(tmp_path: Path) -> None:
    card = _card(tmp_path)
    _write_info('[centre]\nname = "<b>老年&儿童</b>服务站"\n[cards.dibao]\noffice = "民政办"\n')
    info = load_local_info()
    html = card_to_html(card, info)
    assert "<h2>本地办理</h2>" in html
    assert "&lt;b&gt;老年&amp;儿童&lt;/b&gt;服务站" in html and "<b>" not in html
    assert "<li>办理地点：民政办</li>" in html
    traditional = card_to_html(card, info, "traditional")
    assert "<h2>本地辦理</h2>" in traditional
    assert "<li>辦理地點：民政辦</li>" in traditional
    assert "&lt;b&gt;老年&amp;兒童&lt;/b&gt;服務站" in traditional


@pytest.mark.parametrize("blank", [b"", b"\r\n  \n"])
def test_an_empty_file_is_not_filled_in_and_gets_the_template_again(blank: bytes) -> None:
    from reader.cards_doctor import LOCAL_NAME, doctor_checks

    path = paths.local_info_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blank)
    row = next(check for check in doctor_checks() if check.name == LOCAL_NAME)
    assert not row.ok and "空的" in row.detail  # doctor no longer calls it fine
    assert path.read_bytes() == blank  # doctor only looks
    info = load_local_info(cards=[("dibao", "城乡低保")])
    assert info.problems == () and info.centre.is_empty()
    assert "[cards.dibao]  # 城乡低保" in path.read_text(encoding="utf-8")


def test_the_template_is_written_whole_or_not_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    path = paths.local_info_file()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", disk_full)
        info = load_local_info(cards=[("dibao", "城乡低保")])
    assert info.problems and "建不起来" in info.problems[0]
    assert not path.exists() and list(path.parent.iterdir()) == []  # no 0-byte file, no temp
    assert load_local_info(cards=[("dibao", "城乡低保")]).problems == ()
    assert "[centre]" in path.read_text(encoding="utf-8")


def test_a_file_someone_wrote_first_is_never_replaced(tmp_path: Path) -> None:
    from reader.core.safe_files import create_text_file

    path = tmp_path / "local-info.toml"
    path.write_text('[centre]\nname = "幸福社区"\n', encoding="utf-8")
    assert not create_text_file(path, "template", replace_empty=True)
    assert path.read_text(encoding="utf-8") == '[centre]\nname = "幸福社区"\n'
    assert [p.name for p in tmp_path.iterdir()] == ["local-info.toml"]
