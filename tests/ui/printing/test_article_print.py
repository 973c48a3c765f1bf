"""打印这篇文章: the article in large print, read back from the PDF with poppler's tools."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.cards import load_cards
from reader.core.formats import read_article
from reader.core.script import convert
from reader.resources import seeds_dir
from reader.ui.printing import output
from reader.ui.printing.article_layout import linked_cards
from tests.support.pdf_tools import page_count, pdf_text, pdf_words, squeeze
from tests.support.print_fixtures import use_persistent_font_cache
from tests.support.qr_tools import decode_pdf_page, vcard_fields

SEED = "003_bcc1e477f3fe7536"


@pytest.fixture(autouse=True)
def _fonts(qapp: object, pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_article_pdf_text_in_order_with_page_numbers(script: str, tmp_path: Path) -> None:
    article = read_article(seeds_dir() / f"{SEED}.txt")
    cards = load_cards().cards
    out = output.write_article_pdf(article, cards, tmp_path / "a.pdf", script=script)  # type: ignore[arg-type]
    pages = page_count(out)
    assert pages >= 2

    def c(text: str) -> str:
        return convert(text, script)  # type: ignore[arg-type]

    for n in range(1, pages + 1):  # every page: 第 n 页，共 pages 页
        assert squeeze(c(f"第 {n} 页，共 {pages} 页")) in squeeze(pdf_text(out, n))
    flat = squeeze(pdf_text(out))
    assert flat.startswith(squeeze(c(article.title)))
    position = 0
    for block in article.blocks():
        if block.kind != "paragraph":
            continue
        # a paragraph may run over a page foot: check its first and last ten characters
        text = squeeze(c(block.text))
        found = flat.find(text[:10], position)
        assert found >= 0, block.id
        assert flat.find(text[-10:], found) >= 0, block.id
        position = found
    # then the phone boxes of the linked cards, in the order they are first mentioned
    linked = linked_cards(article, cards)
    assert linked
    boxes_start = flat.find(squeeze(c("办事电话")), position)
    assert boxes_start > position
    titles = [flat.find(squeeze(card.converted(script).title), boxes_start)  # type: ignore[arg-type]
              for card in linked]  # fmt: skip
    assert -1 not in titles and titles == sorted(titles)
    # body text at 18 pt or more
    sizes = [s for w in pdf_words(out) if (s := w.cjk_size()) and w.y1 < 780]
    assert min(sizes) >= 18 - 0.1
    # the last page's codes are contacts a phone can save
    got = vcard_fields(decode_pdf_page(out, tmp_path, pages))
    assert set(got["BEGIN"]) == {"VCARD"} and got["TEL"]  # several codes on a page


def test_article_command_writes_the_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    out = tmp_path / "article.pdf"
    assert main(["article", str(seeds_dir() / f"{SEED}.txt"), "--pdf", str(out),
                 "--script", "traditional"]) == 0  # fmt: skip
    assert page_count(out) >= 2
    assert "第 1 頁，共" in pdf_text(out, 1)
    assert main(["article", str(seeds_dir() / f"{SEED}.txt"), "--pdf",
                 str(tmp_path / "no" / "such" / "x.pdf")]) == 1  # fmt: skip
    assert "文件夹" in capsys.readouterr().err
