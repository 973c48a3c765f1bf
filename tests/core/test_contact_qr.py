"""The contact a card's QR code carries, decoded by a real reader (zbarimg)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.cards import load_cards
from reader.core.contact_qr import (
    ERROR_LEVEL,
    card_code,
    card_contact,
    hotline_for,
    vcard_text,
)
from reader.core.local_info import Centre, LocalInfo, LocalOffice
from tests.support.qr_tools import decode_image, vcard_fields

CARDS = {card.id: card for card in load_cards()}
OFFICE = LocalOffice("城关街道便民服务中心 2 号窗口", "0354-1234567")


def local(card_id: str, office: LocalOffice = OFFICE) -> LocalInfo:
    centre = Centre("城关社区党群服务中心", "城关路1号", "0354-7654321", "周一到周五")
    return LocalInfo(centre, {card_id: office})


def decode_png(data: bytes, tmp_path: Path) -> str:
    image = tmp_path / "code.png"
    image.write_bytes(data)
    return decode_image(image)


def test_hotline_is_the_first_the_card_lists() -> None:
    for card in CARDS.values():
        listed = [p.number for p in card.phones if p.number in ("12345", "12333")]
        assert hotline_for(card) == listed[0]
    assert hotline_for(CARDS["yanglaojin"]) == "12333"
    assert hotline_for(CARDS["dibao"]) == "12345"
    assert hotline_for(CARDS["nongmingong"]) == "12333"  # unpaid wages: 人社 first


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_local_office_decoded_from_the_code(script: str, tmp_path: Path) -> None:
    card = CARDS["dibao"]
    code = card_code(card, local("dibao"), script)  # type: ignore[arg-type]
    got = vcard_fields(decode_png(code.png, tmp_path))
    expected_name = "城关街道便民服务中心 2 号窗口"
    if script == "traditional":
        expected_name = "城關街道便民服務中心 2 號窗口"
    assert got["BEGIN"] == ["VCARD"] and got["VERSION"] == ["3.0"]
    assert got["FN"] == [expected_name] and got["N"] == [expected_name]
    assert got["TEL"] == ["0354-1234567", "12345"]  # the office first, the hotline after
    title = card.converted(script).title  # type: ignore[arg-type]
    assert title in got["NOTE"][0]
    assert code.contact.local
    assert code.designator.endswith(ERROR_LEVEL.upper())


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_without_local_information_the_code_carries_the_hotline_and_says_so(
    script: str, tmp_path: Path
) -> None:
    card = CARDS["yanglaojin"]
    got = vcard_fields(decode_png(card_code(card, None, script).png, tmp_path))  # type: ignore[arg-type]
    assert got["TEL"] == ["12333"]
    name = "12333人社服务热线" if script == "simplified" else "12333人社服務熱線"
    assert got["FN"] == [name]
    note = got["NOTE"][0]
    assert ("没有填当地电话" if script == "simplified" else "沒有填當地電話") in note
    # nothing local is made up: no other number, no address
    assert "ADR" not in got and "ORG" not in got


def test_an_office_without_a_phone_is_named_but_the_number_is_the_hotline(tmp_path: Path) -> None:
    info = local("dibao", LocalOffice("城关街道便民服务中心", ""))
    contact = card_contact(CARDS["dibao"], info)
    assert contact.phones == ("12345",) and not contact.local
    assert "城关街道便民服务中心" in contact.note


def test_other_cards_local_office_is_not_used() -> None:
    contact = card_contact(CARDS["yanglaojin"], local("dibao"))
    assert contact.phones == ("12333",)


def test_vcard_special_characters_are_escaped(tmp_path: Path) -> None:
    info = local("dibao", LocalOffice("民政;社会救助,窗口", "0354-1234567"))
    text = vcard_text(card_contact(CARDS["dibao"], info))
    assert "FN:民政\\;社会救助\\,窗口\r\n" in text
    assert "N:民政\\;社会救助\\,窗口\r\n" in text
    assert vcard_fields(decode_png(card_code(CARDS["dibao"], info).png, tmp_path))["TEL"][0] == (
        "0354-1234567"
    )


def test_every_shipped_card_has_a_code_of_modest_size() -> None:
    for card in CARDS.values():
        for info in (None, local(card.id)):
            code = card_code(card, info)
            version = int(code.designator.split("-")[0])
            assert version <= 13, (card.id, code.designator)  # 69 modules at most
            assert code.modules == 17 + 4 * version + 8


def test_the_offices_address_hours_and_note_go_in_as_well(tmp_path: Path) -> None:
    office = LocalOffice("城关街道便民服务中心", "0354-1234567", "城关路8号", "周一到周五",
                         "先打电话预约")
    got = vcard_fields(decode_png(card_code(CARDS["dibao"], local("dibao", office)).png, tmp_path))
    assert got["ADR"] == [";;城关路8号;;;;"]
    assert "周一到周五" in got["NOTE"][0] and "先打电话预约" in got["NOTE"][0]
