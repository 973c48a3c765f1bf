"""Printed cards as PDF: size, pages, fonts, the text layer and the type sizes, measured
from the PDF with poppler's tools (what copy-and-paste and screen readers see)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from reader.core.article import Script
from reader.core.cards import Card, load_cards
from reader.core.contact_qr import CAPTION
from reader.core.errors import ReaderError
from reader.core.local_info import LocalInfo
from reader.core.script import convert
from reader.ui.printing import font as print_font
from reader.ui.printing import output as printing
from reader.ui.printing.layout import MIN_BODY_PT, PAPERS, page_text
from tests.support.pdf_tools import (
    RADICALS,
    line_height_ratio,
    page_count,
    page_size_pt,
    pdf_fonts,
    pdf_text,
    pdf_words,
    size_of,
    squeeze,
)
from tests.support.print_fixtures import (
    card_strings,
    long_card,
    sample_card,
    sample_local_info,
    too_long_card,
    use_persistent_font_cache,
)
from tests.support.qr_tools import decode_image, decode_pdf_page, vcard_fields

# poppler-utils (pdftotext, pdffonts, pdfinfo) is a test dependency: ./dev.sh test installs
# it. Missing tools make these tests fail rather than skip, so CI can't pass without them.
assert shutil.which("pdftotext"), "poppler-utils is needed: ./dev.sh test installs it"
SCRIPTS = ["simplified", "traditional"]
FAMILY_PS = {"simplified": "DaziPrintSC", "traditional": "DaziPrintTC"}


@pytest.fixture(autouse=True)
def _fonts(qapp: object, pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)


def _expected_text(card: Card, script: Script, paper: str = "A4",
                   local_info: LocalInfo | None = None) -> list[str]:  # fmt: skip
    sheet, pages = printing.card_pages(card, script=script, paper=paper, local_info=local_info)
    return [page_text(page, sheet) for page in pages]


# ---- the derived font -------------------------------------------------------------------------


def test_shadowing_code_points_keep_the_ideograph_and_the_chinese_punctuation() -> None:
    cmap = {0x2F00: "g1", 0x4E00: "g1", 0x3B35: "g2", 0x80F6: "g2", 0x2003: "sp", 0x3000: "sp",
            0x301C: "t", 0xFF5E: "t", 0xF967: "g3", 0x4E0D: "g3", 0x41: "A"}  # fmt: skip
    # lower code points that would win Qt's "lowest code point" rule are dropped;
    # higher twins (the compatibility ideograph U+F967) are harmless and kept
    assert print_font.shadowing_code_points(cmap) == {0x2F00, 0x3B35, 0x2003, 0x301C}


@pytest.mark.parametrize("script", SCRIPTS)
def test_derived_font_maps_each_glyph_once_and_has_no_substitutions(script: Script) -> None:
    from fontTools.ttLib import TTFont

    path = print_font.font_file(script, "Regular")
    assert path is not None, "Noto Sans CJK is needed (fonts-noto-cjk; ./dev.sh installs it)"
    font = TTFont(str(path), lazy=True)
    cmap = font.getBestCmap()
    assert font["name"].getDebugName(1) == print_font.FAMILIES[script]
    assert "GSUB" not in font
    ideograph_glyphs = {g for cp, g in cmap.items() if 0x3400 <= cp <= 0x9FFF or cp >= 0x20000}
    # radicals may keep glyphs of their own, but none shares an ideograph's glyph any more
    assert not [cp for cp in cmap if 0x2E80 <= cp <= 0x2FDF and cmap[cp] in ideograph_glyphs]
    assert 0x2F00 not in cmap  # ⼀, the twin of 一
    for text in ("一二心身胶人民", "12345", "，。、（）——～"):
        assert all(ord(ch) in cmap for ch in text)
    glyph_owner: dict[str, int] = {}
    for cp in sorted(cmap):
        glyph_owner.setdefault(cmap[cp], cp)  # the lowest code point wins in Qt's PDF
    for ch in "一二心身胶年":
        assert glyph_owner[cmap[ord(ch)]] == ord(ch)


@pytest.mark.parametrize(("installed", "expected"), [
    (["DejaVu Sans", "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC"],
     {"simplified": "Noto Sans CJK SC", "traditional": "Noto Sans CJK TC"}),
    (["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans CJK TC"],
     {"simplified": "WenQuanYi Micro Hei", "traditional": "WenQuanYi Micro Hei"}),
    (["DejaVu Sans"], {"simplified": "", "traditional": ""}),
])
def test_when_the_print_font_cannot_be_built_an_installed_one_is_used(
        qapp: object, monkeypatch: pytest.MonkeyPatch, installed: list[str],
        expected: dict[str, str]) -> None:
    from PySide6.QtGui import QFontDatabase

    monkeypatch.setattr(print_font, "font_file", lambda *a, **k: None)  # the build failed
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *a: installed))
    both: tuple[Script, ...] = ("simplified", "traditional")
    for script in both:
        family = print_font._load_family(script)
        assert not family.fixed and family.family == expected[script]
        assert ("没有找到中文字体" in family.note) == (not expected[script])


def test_the_installed_noto_is_found_when_the_build_fails(
        qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """On this machine (dev.sh installs fonts-noto-cjk): never "no Chinese font"."""
    monkeypatch.setattr(print_font, "font_file", lambda *a, **k: None)
    both: tuple[Script, ...] = ("simplified", "traditional")
    for script in both:
        family = print_font._load_family(script)
        assert family.family and "没有找到中文字体" not in family.note


# ---- one card -------------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS)
def test_card_pdf_text_fonts_and_page(script: Script, tmp_path: Path) -> None:
    card = sample_card()
    out = printing.write_card_pdf(card, tmp_path / "card.pdf", script=script)
    expected = _expected_text(card, script)
    assert page_size_pt(out) == (595, 842)
    assert page_count(out) == len(expected)

    fonts = pdf_fonts(out)
    assert fonts and all(f.embedded and f.has_unicode_map for f in fonts)
    assert all(f.name.split("+")[-1].startswith(FAMILY_PS[script]) for f in fonts), fonts
    assert not [f for f in fonts if "Type 3" in f.type]

    text = pdf_text(out)
    assert not RADICALS.findall(text)
    for n, page in enumerate(expected, start=1):
        assert squeeze(pdf_text(out, n)) == squeeze(page)
    shown = card.converted(script)
    flat = squeeze(text)
    position = 0
    for piece in card_strings(shown):
        found = flat.find(squeeze(piece), position)
        assert found >= 0, piece
        position = found
    # the cases that used to break: digits in a Latin run, years, two-em dash, full-width tilde
    disclaimer = convert("以当地最新规定为准", script)
    for sample in ("Tel0571-12345", "2025年", "——", "9:00～17:00", disclaimer):
        assert sample in flat


@pytest.mark.parametrize("script", SCRIPTS)
def test_printed_sizes_measured_from_the_pdf(script: Script, tmp_path: Path) -> None:
    card = sample_card()
    out = printing.write_card_pdf(card, tmp_path / "card.pdf", script=script,
                                  local_info=sample_local_info())  # fmt: skip
    words = pdf_words(out)
    ratio = line_height_ratio(words)
    shown = card.converted(script)
    title = next(w for w in words if w.text == shown.title)
    assert title.cjk_size() == pytest.approx(PAPERS["A4"].title_pt, abs=0.2)
    assert (title.cjk_size() or 0) >= 32 - 0.1
    body_sizes = [s for w in words if w.text in (*shown.who, *shown.bring) and (s := w.cjk_size())]
    assert body_sizes and min(body_sizes) >= MIN_BODY_PT - 0.1
    for number in ("12345", "12333", "0354-1234567", "0354-7654321"):
        word = next(w for w in words if w.text == number)
        assert size_of(word, ratio) >= PAPERS["A4"].phone_pt - 0.3, number
    step_numbers = [w for w in words if w.text in ("1", "2", "3") and w.x0 < 200]
    assert step_numbers and all(size_of(w, ratio) > min(body_sizes) for w in step_numbers)
    # 以当地最新规定为准 is in every page's footer, in bold type
    disclaimer = convert("以当地最新规定为准", script)
    assert sum(w.text == disclaimer for w in words) == page_count(out)


def test_local_information_is_printed_only_when_filled_in(tmp_path: Path) -> None:
    card = sample_card()
    info = sample_local_info()
    with_info = squeeze(pdf_text(printing.write_card_pdf(card, tmp_path / "a.pdf",
                                                         local_info=info)))  # fmt: skip
    # the phone box: the office first, then the card's hotlines, then the centre's phone
    # (its number first, as for the hotlines)
    filled_in = ("办理地点：幸福街道便民服务中心2号窗口", "办理电话：0354-1234567", "12345",
                 "12333", "0354-7654321社区服务中心：幸福社区党群服务中心")
    positions = [with_info.find(value) for value in filled_in]
    assert -1 not in positions and positions == sorted(positions)
    assert positions[-1] < with_info.find("这是什么")
    # the centre's address and hours are on the screen card, not in the phone box
    assert "幸福路12号" not in with_info
    without = squeeze(pdf_text(printing.write_card_pdf(card, tmp_path / "b.pdf")))
    assert "幸福" not in without and "办理地点" not in without


def test_notes_are_left_off_when_that_keeps_a_card_on_one_sheet(tmp_path: Path) -> None:
    card = long_card()
    out = printing.write_card_pdf(card, tmp_path / "long.pdf")
    assert page_count(out) == 1
    text = squeeze(pdf_text(out))
    assert "注意" not in text and squeeze(card.notes[0]) not in text
    for piece in (*card.who, *card.steps, *card.bring):
        assert squeeze(piece) in text
    _sheet, pages = printing.card_pages(card)
    assert pages[0].left_out == "注意"
    _sheet, pages = printing.card_pages(sample_card())
    assert pages[0].left_out == ""


@pytest.mark.parametrize("script", SCRIPTS)
def test_too_long_card_continues_with_title_and_never_shrinks(script: Script,
                                                             tmp_path: Path) -> None:  # fmt: skip
    card = too_long_card()
    out = printing.write_card_pdf(card, tmp_path / "long.pdf", script=script)
    pages = page_count(out)
    assert pages >= 2
    title = card.converted(script).title
    words = pdf_words(out)
    for n in range(1, pages + 1):
        first = min((w for w in words if w.page == n), key=lambda w: (w.y0, w.x0))
        expected = title if n == 1 else title + convert("（续）", script)
        assert first.text == expected
        assert first.cjk_size() == pytest.approx(PAPERS["A4"].title_pt, abs=0.2)
    sizes = [s for w in words if (s := w.cjk_size()) and w.y1 < 700]
    assert min(sizes) >= MIN_BODY_PT - 0.1
    for note in card.converted(script).notes:
        assert squeeze(note) in squeeze(pdf_text(out))


def test_a5_paper(tmp_path: Path) -> None:
    card = sample_card()
    out = printing.write_card_pdf(card, tmp_path / "a5.pdf", paper="A5")
    assert page_size_pt(out) == (420, 595)
    words = pdf_words(out)
    sizes = [s for w in words if (s := w.cjk_size()) and w.y1 < 540]  # above the footer
    assert min(sizes) >= MIN_BODY_PT - 0.1
    assert page_count(out) == len(_expected_text(card, "simplified", "A5")) == 2


def test_a_short_card_fits_one_page_in_larger_type(tmp_path: Path) -> None:
    card = sample_card(who=("居民。",), steps=("去街道办。",), bring=(), notes=(),
                       phones=sample_card().phones[:1])  # fmt: skip
    out = printing.write_card_pdf(card, tmp_path / "short.pdf")
    assert page_count(out) == 1
    words = pdf_words(out)
    body = next(w for w in words if w.text == "去街道办。")
    assert body.cjk_size() == pytest.approx(max(PAPERS["A4"].body_pts), abs=0.2)


def test_unwritable_pdf_path_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError) as caught:
        printing.write_card_pdf(sample_card(), tmp_path / "no" / "such" / "folder" / "x.pdf")
    assert "文件夹" in caught.value.message


# ---- booklets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS)
def test_booklet_of_the_shipped_cards(script: Script, tmp_path: Path) -> None:
    cards = load_cards().cards
    assert len(cards) >= 18
    out = printing.write_booklet_pdf(cards, tmp_path / "book.pdf", script=script)
    sheet, pages = printing.booklet_pages(cards, script=script)
    per_card = [len(printing.card_pages(c, script=script)[1]) for c in cards]
    cover = len(pages) - sum(per_card)
    assert cover >= 1
    assert page_count(out) == len(pages)
    text = pdf_text(out)
    assert not RADICALS.findall(text)
    words = pdf_words(out)
    first_page = cover + 1
    for card, count in zip(cards, per_card, strict=True):  # each card starts a new page
        top = min((w for w in words if w.page == first_page), key=lambda w: (w.y0, w.x0))
        assert top.text == card.converted(script).title
        page = squeeze(pdf_text(out, first_page))
        assert squeeze(card.converted(script).what) in page
        first_page += count
    for n in (1, len(pages)):
        assert squeeze(pdf_text(out, n)) == squeeze(page_text(pages[n - 1], sheet))


def test_booklet_of_one_category_has_a_contents_page(tmp_path: Path) -> None:
    cards = [sample_card(), sample_card(id="tekun", title="特困人员救助")]
    out = printing.write_booklet_pdf(cards, tmp_path / "b.pdf", category="生活救助", paper="A5")
    assert page_size_pt(out) == (420, 595)
    contents = squeeze(pdf_text(out, 1))
    assert contents.startswith("帮助卡片：生活救助")
    assert "城乡低保第2页" in contents
    with pytest.raises(ReaderError):
        printing.write_booklet_pdf(cards, tmp_path / "c.pdf", category="找工作")


def test_the_commands_print_the_local_information_staff_filled_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader import paths
    from reader.cli import main

    path = paths.local_info_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[centre]\nname = "幸福里社区服务中心"\nphone = "0351-7654321"\n'
                    '[cards.dibao]\noffice = "迎泽街道便民服务中心 3 号窗口"\n', encoding="utf-8")
    booklet, card = tmp_path / "booklet.pdf", tmp_path / "card.pdf"
    assert main(["cards", "--category", "生活救助", "--pdf", str(booklet)]) == 0
    assert main(["card", "dibao", "--pdf", str(card), "--script", "traditional"]) == 0
    assert "已写成" in capsys.readouterr().out
    for out, script in ((booklet, "simplified"), (card, "traditional")):
        text = squeeze(pdf_text(out))
        assert convert("迎泽街道便民服务中心3号窗口", script) in text  # type: ignore[arg-type]
        assert "0351-7654321" in text
        # the footer: the local rules come first, and where the card's facts come from
        assert convert("以当地最新规定为准", script) in text  # type: ignore[arg-type]
        assert convert("信息来源：《织牢民生底线温暖千家万户》", script) in text  # type: ignore[arg-type]


# ---- printers without CUPS, and doctor -----------------------------------------------------------


def test_no_printer_says_so_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    with pytest.raises(ReaderError) as caught:
        printing.print_card(sample_card())
    assert caught.value.message == "这台电脑还没有接打印机，可以先保存为PDF。"


def test_unknown_printer_is_not_silently_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "available_printers", lambda: ["Office"])
    with pytest.raises(ReaderError) as caught:
        printing.print_card(sample_card(), printer_name="NoSuchQueue")
    assert "NoSuchQueue" in caught.value.message and "Office" in caught.value.message


def test_printer_reporting_no_paper_gives_a_plain_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "available_printers", lambda: ["Office"])
    monkeypatch.setattr(printing, "_queue_options", lambda name: {
        "printer-is-accepting-jobs": "true", "printer-state-reasons": "media-empty-error"})
    with pytest.raises(ReaderError) as caught:
        printing.print_card(sample_card(), printer_name="Office")
    assert "没纸" in caught.value.message and "PDF" in caught.value.message
    monkeypatch.setattr(printing, "_queue_options", lambda name: {
        "printer-is-accepting-jobs": "false", "printer-state-reasons": "none"})
    with pytest.raises(ReaderError) as caught:
        printing.print_card(sample_card(), printer_name="Office")
    assert "不接收" in caught.value.message


def test_doctor_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    checks = printing.doctor_checks()
    names = [c.name for c in checks]
    assert names[0] == "打印机" and not checks[0].ok and "PDF" in checks[0].detail
    assert any(n.startswith("打印字体") for n in names)
    assert all(not c.required for c in checks)
    fonts = [c for c in checks if c.name.startswith("打印字体")]
    if print_font.find_source("simplified", "Regular"):
        assert all(c.ok and "DaziPrint" in c.detail for c in fonts)


def test_print_date_in_footer(tmp_path: Path) -> None:
    today = date.today()
    out = printing.write_card_pdf(sample_card(), tmp_path / "d.pdf")
    assert f"打印日期：{today.year}年{today.month}月{today.day}日" in squeeze(pdf_text(out))


# ---- the contact QR code, read back from the printed page ----------------------------------


@pytest.mark.parametrize("script", SCRIPTS)
def test_printed_qr_code_carries_the_local_office(script: Script, tmp_path: Path) -> None:
    card = sample_card()
    out = printing.write_card_pdf(card, tmp_path / "card.pdf", script=script,
                                  local_info=sample_local_info())  # fmt: skip
    got = vcard_fields(decode_pdf_page(out, tmp_path))
    assert got["FN"] == [convert("幸福街道便民服务中心 2 号窗口", script)]
    assert got["TEL"] == ["0354-1234567", "12345"]
    # the caption is printed beside the code, in the card's script
    assert squeeze(convert(CAPTION, script)) in squeeze(pdf_text(out))


@pytest.mark.parametrize("script", SCRIPTS)
def test_printed_qr_code_without_local_information_is_the_hotline(
    script: Script, tmp_path: Path
) -> None:
    shipped = {card.id: card for card in load_cards().cards}
    out = printing.write_card_pdf(shipped["yanglaojin"], tmp_path / "card.pdf", script=script)
    got = vcard_fields(decode_pdf_page(out, tmp_path))
    assert got["TEL"] == ["12333"]
    assert got["FN"] == [convert("12333人社服务热线", script)]


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_printer_check_page(script: Script, tmp_path: Path) -> None:
    from reader.ui.printing.check_page import check_page

    sheet, pages = check_page("Hall", script)
    assert len(pages) == 1
    text = squeeze(page_text(pages[0], sheet))
    assert "Hall" in text and squeeze(convert("打印测试页", script)) in text
    assert "简体：用手机扫一扫" in text and "繁體：用手機掃一掃" in text
    image = printing.page_images(pages, sheet, 1240)[0]  # 150 dpi across A4
    assert image.save(str(tmp_path / "check.png"))
    got = vcard_fields(decode_image(tmp_path / "check.png"))
    assert got["TEL"] == ["12345"]


def test_the_checked_date_and_the_offices_details_are_printed(tmp_path: Path) -> None:
    from dataclasses import replace

    from reader.core.local_info import LocalOffice

    info = replace(sample_local_info(), checked=date(2026, 12, 1), offices={
        "dibao": LocalOffice("幸福街道便民服务中心", "0354-1234567", "幸福路8号", "周一到周五",
                             "先打电话预约")})
    for script in SCRIPTS:
        out = printing.write_card_pdf(sample_card(), tmp_path / f"{script}.pdf", script=script,
                                      local_info=info)  # fmt: skip
        text = squeeze(pdf_text(out))
        assert page_count(out) == 1
        assert squeeze(convert("号码核实日期：2026年12月1日", script)) in text
        # the office's details right under its phone, before the card's hotlines
        details = text.find(squeeze(convert("办理地址：幸福路8号", script)))
        hotline = text.find(squeeze(convert("12345问当地", script)))
        assert text.find("0354-1234567") < details < hotline
        assert squeeze(convert("提醒：先打电话预约", script)) in text
