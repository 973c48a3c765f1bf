"""The card page, the category pages and the home page's topic row in the real window:
content in both scripts, 朗读这张卡, 打印, 返回, the mentions list, local information,
broken card files, sizes, names and contrast."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from reader import paths
from reader.core.cards import CATEGORIES, ICONS, load_cards
from reader.core.linking import paragraphs_mentioning
from reader.core.script import convert
from reader.core.theme import THEMES
from reader.core.typography import MIN_TARGET_PX, UI_LABEL_PT
from reader.resources import asset_path
from reader.ui.cards.card_page import CardPage
from reader.ui.cards.icons import CATEGORY_ICONS
from reader.ui.compose import Parts
from reader.ui.printing.preview import PrintPreview
from reader.ui.widgets.text_block import TextBlock
from tests.support.card_window import card_window, shown_card
from tests.support.fake_speech_service import FakeSpeechService
from tests.support.print_fixtures import use_persistent_font_cache
from tests.support.qr_tools import decode_image, vcard_fields
from tests.support.window_helpers import SHORTER, open_gates, settle, shown_article
from tests.ui.shell.test_accessibility_walk import check_rendered_contrast, interactive_widgets

CARDS = load_cards()
HEADINGS = ["这是什么", "谁可以申请", "怎么办", "要带什么", "打电话问", "注意"]


@pytest.fixture(autouse=True)
def _print_fonts(pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)  # opening a card starts the build


def page_of(parts: Parts) -> CardPage:
    return parts.cards.card_page


def open_card(parts: Parts, card_id: str) -> CardPage:
    """Open a card as a resident would, then let the next click count (tests click
    faster than the window's after-page-change pause)."""
    assert parts.cards.open_card(card_id)
    open_gates(parts.window)
    return page_of(parts)


def texts(page: CardPage) -> list[str]:
    """Every text block of the card body, top to bottom."""
    content = page._scroll.widget()
    assert content is not None
    blocks = [b for b in content.findChildren(TextBlock) if b.isVisibleTo(page) and b.plain_text()]
    return [b.plain_text() for b in sorted(blocks, key=lambda b: b.mapTo(content, b.rect(
        ).topLeft()).y())]


def headings(page: CardPage) -> list[str]:
    return [h.plain_text() for h, _ in page._sections]


def test_card_page_shows_the_card_in_order_in_both_scripts(qtbot: QtBot) -> None:
    parts = card_window(qtbot)
    window = parts.window
    assert parts.cards.open_card("dibao")
    page = page_of(parts)
    card = CARDS.get("dibao")
    assert card is not None
    assert window.current_page() is page and page.title.plain_text() == "城乡低保"
    assert headings(page) == HEADINGS
    shown = texts(page)
    assert shown.index("1.") < shown.index(card.steps[0]) < shown.index("5.")
    assert "☎ 12345" in shown and card.phones[0].purpose in shown
    assert window.windowTitle() == "城乡低保"
    # numbers big: the phone number in the title size, the body in the body size
    phone = next(b for b in page.findChildren(TextBlock) if b.plain_text() == "☎ 12345")
    assert phone.style_().pt == window.look.sizes.title  # type: ignore[union-attr]
    assert "12345" in phone.accessibleName()
    # 简/繁 switch inside the card view: same page, same widgets, the other script
    before = page.findChildren(TextBlock)
    window.toggle_script()
    settle()
    assert window.current_page() is page
    assert page.title.plain_text() == "城鄉低保"
    assert headings(page) == [convert(h, "traditional") for h in HEADINGS]
    assert convert(card.steps[0], "traditional") in texts(page)
    assert page.read_button.text() == "朗讀這張卡"
    assert page.findChildren(TextBlock) == before
    assert window.windowTitle() == "城鄉低保"
    window.toggle_script()
    settle()
    assert texts(page) == shown


def test_size_and_theme_changes_redraw_the_card(qtbot: QtBot) -> None:
    parts = card_window(qtbot)
    window = parts.window
    parts.cards.open_card("jijiu")
    page = page_of(parts)
    body = next(w for w in page.findChildren(TextBlock) if w.kind == "paragraph")
    size = body.style_().pt  # type: ignore[union-attr]
    window.bigger()
    settle()
    assert body.style_().pt > size  # type: ignore[union-attr]
    assert page.title.style_().pt == window.look.sizes.title  # type: ignore[union-attr]
    # the icon is drawn in the theme's ink: light on the dark high-contrast page
    window.cycle_theme()
    settle()
    image = page.icon.pixmap().toImage()
    inks = {image.pixelColor(x, y).name().upper() for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}
    assert inks == {THEMES["high_contrast"].text}


def test_print_opens_the_preview_in_the_readers_script(qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[object, ...]] = []

    def fake_exec(self: PrintPreview) -> int:  # what the preview is, while it is open
        seen.append((self.card.id, self.script, self.local_info is not None, self.parent(),
                     self.print_button.text(), self.pdf_button.text()))
        return 0

    monkeypatch.setattr(PrintPreview, "exec", fake_exec)
    parts = card_window(qtbot, script="traditional")
    window = parts.window
    page = open_card(parts, "dibao")
    assert page.print_button.text() == "打印" and page.print_button.isEnabled()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    # (on a new machine the print font is made first: test_print_font_wait.py)
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    assert seen == [("dibao", "traditional", True, window, "打印", "保存為PDF")]


def test_back_leads_where_the_reader_came_from(qtbot: QtBot) -> None:
    parts = card_window(qtbot)
    window = parts.window
    # opened straight (e.g. from the command line): back goes home
    parts.cards.open_card("dibao")
    page = page_of(parts)
    assert page.back_button.accessibleDescription() == "回到首页"
    page.back_button.click()
    assert window.current_page() is window.home
    # from a topic on home: back goes to that topic's list
    open_gates(window)
    button = next(b for b in parts.cards.topic_buttons if b.category == "生活救助")
    button.click()
    tiles = parts.cards.category_page.tiles
    tiles[0].click()
    assert shown_card(parts) == tiles[0].card_id
    assert "生活救助" in page.back_button.accessibleDescription()
    page.bottom_back.click()
    assert window.current_page() is parts.cards.category_page
    assert parts.cards.category_page.category == "生活救助"


def test_the_mentions_list_jumps_to_the_paragraph(qtbot: QtBot) -> None:
    parts = card_window(qtbot)
    window = parts.window
    page = open_card(parts, "dibao")
    card = CARDS.get("dibao")
    assert card is not None
    mentions = paragraphs_mentioning(card, window.articles, CARDS.cards)
    assert len(mentions) >= 2
    assert [(t.mention.article_id, t.mention.block_id) for t in page.mention_tiles] == \
        [(m.article_id, m.block_id) for m in mentions]
    assert page.mentions_heading.plain_text() == "文章里说到它的地方"
    tile = page.mention_tiles[-1]
    assert tile.accessibleName() == tile.mention.article_title
    assert tile.mention.snippet in tile.accessibleDescription()
    page.ensure_visible(tile)
    settle()
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    settle()
    assert window.current_page() is window.article_page
    assert shown_article(window).id == tile.mention.article_id
    assert window.article_page.view.top_block_id() == tile.mention.block_id


def test_mentions_follow_the_script(qtbot: QtBot) -> None:
    parts = card_window(qtbot)
    window = parts.window
    parts.cards.open_card("dibao")
    page = page_of(parts)
    simplified = [t.first_sentence.plain_text() for t in page.mention_tiles]
    window.toggle_script()
    settle()
    assert [t.first_sentence.plain_text() for t in page.mention_tiles] == \
        [convert(s, "traditional") for s in simplified]


def test_home_topic_row_opens_a_category_with_its_cards(qtbot: QtBot) -> None:
    assert list(CATEGORY_ICONS) == list(CATEGORIES)  # the home row needs no card loading
    assert list(CATEGORY_ICONS.values()) == list(ICONS)
    parts = card_window(qtbot)
    window = parts.window
    row = parts.cards.topic_buttons
    assert window.home.topic_row.buttons() == row
    assert [b.text() for b in row] == list(CATEGORIES)
    assert window.home.topics_heading.isVisibleTo(window)
    for button in row:
        assert button.accessibleName() == button.text()
        assert button.category in button.accessibleDescription()
        assert not button.icon().isNull()
    category_page = parts.cards.category_page
    for button in row:
        open_gates(window)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.current_page() is category_page
        wanted = [c.id for c in CARDS.in_category(button.category)]
        assert [t.card_id for t in category_page.tiles] == wanted
        assert bool(wanted) != category_page.empty_note.isVisibleTo(window)
        assert category_page.heading.plain_text() == button.category
        category_page.back_button.click()
        assert window.current_page() is window.home
    # a tile opens its card, by mouse and by keyboard
    open_gates(window)
    row[0].click()
    tile = category_page.tiles[0]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert shown_card(parts) == tile.card_id
    # and the row speaks the other script after a switch
    window.toggle_script()
    assert [b.text() for b in row] == [convert(c, "traditional") for c in CATEGORIES]


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("size", [18, 48])
def test_card_and_category_pages_are_big_named_and_7_to_1(qtbot: QtBot, theme: str,
                                                          size: int) -> None:
    parts = card_window(qtbot, theme=theme, font_size=size)
    window = parts.window
    for show in (lambda: parts.cards.open_category("看病就医"),
                 lambda: parts.cards.open_card("jiamenkou")):
        show()
        settle()
        page = window.current_page()
        widgets = interactive_widgets(window)
        assert len(widgets) >= 4
        for widget in widgets:
            assert widget.width() >= MIN_TARGET_PX and widget.height() >= MIN_TARGET_PX, widget
            assert widget.accessibleName().strip(), widget
            assert widget.accessibleDescription().strip(), widget
            if isinstance(widget, QAbstractButton):
                assert QFontInfo(widget.font()).pointSizeF() >= UI_LABEL_PT - 0.5, widget
        assert check_rendered_contrast(window, page.scroll_area())


def write_local_info(text: str) -> Path:
    path = paths.local_info_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_local_information_is_shown_when_filled_in(qtbot: QtBot) -> None:
    write_local_info('[centre]\nname = "幸福里社区服务中心"\nphone = "0351-7654321"\n'
                     '[cards.dibao]\noffice = "迎泽街道便民服务中心 3 号窗口"\n')
    parts = card_window(qtbot)
    parts.cards.open_card("dibao")
    page = page_of(parts)
    assert headings(page)[-1] == "本地办理"
    shown = texts(page)
    assert "办理地点：迎泽街道便民服务中心 3 号窗口" in shown
    assert "社区服务中心：幸福里社区服务中心" in shown and "电话：0351-7654321" in shown
    # a card without its own office still shows the centre
    parts.cards.open_card("jijiu")
    assert headings(page)[-1] == "本地办理"
    assert not any(t.startswith("办理地点") for t in texts(page))
    # staff edit the file while the program runs: the next card opened shows it
    write_local_info('[centre]\nname = ""\n')
    parts.cards.open_card("dibao")
    assert "本地办理" not in headings(page)


def test_broken_local_information_tells_staff_and_shows_the_card(qtbot: QtBot) -> None:
    write_local_info('[centre]\nname = "幸福里\n')  # a quote left open
    parts = card_window(qtbot)
    window = parts.window
    assert parts.cards.open_card("dibao")
    page = page_of(parts)
    assert headings(page) == HEADINGS
    assert window.notice.isVisible() and "本地办事信息文件有写错的地方" in window.notice.text()
    assert "doctor" in window.notice.text()


def test_broken_card_files_leave_the_others_and_tell_staff(qtbot: QtBot, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    for name in ("dibao", "jijiu", "linshi"):
        shutil.copy(asset_path("cards", f"{name}.toml"), folder)
    (folder / "linshi.toml").write_text(
        (folder / "linshi.toml").read_text(encoding="utf-8").replace('title = "', 'title = “'),
        encoding="utf-8")
    parts = card_window(qtbot, SHORTER)
    window = parts.window
    parts.cards.reload_cards(folder)
    assert parts.cards.cards_in().ids() == ["jijiu", "dibao"]
    assert window.notice.isVisible()
    assert window.notice.text() == ("有 1 张帮助卡片的文件写错了，先不显示。"
                                    "请工作人员运行 python -m reader doctor 查看。")
    assert parts.cards.open_card("dibao") and not parts.cards.open_card("linshi")
    # the doctor names the file and the line
    import reader.core.cards as cards_module
    from reader import cards_doctor

    real = cards_module.load_cards
    monkeypatch.setattr(cards_module, "load_cards", lambda folder_=None: real(folder))
    rows = list(cards_doctor.doctor_checks())
    assert not rows[0].ok and "载入了 2 张" in rows[0].detail
    broken = [r for r in rows if "linshi.toml" in r.name]
    assert broken and "第" in broken[0].detail and "行" in broken[0].detail


def _reading_dibao_aloud(qtbot: QtBot) -> tuple[Parts, CardPage, FakeSpeechService]:
    """The 低保 card open, 朗读这张卡 pressed, its speech going to a fake service."""
    parts = card_window(qtbot)
    fake = FakeSpeechService()
    parts.voice.start(fake)
    page = open_card(parts, "dibao")
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    return parts, page, fake


def test_read_this_card_aloud_with_the_sentence_shown(qtbot: QtBot) -> None:
    parts, page, fake = _reading_dibao_aloud(qtbot)
    window = parts.window
    said = fake.sentence_texts()
    assert said[0] == "城乡低保"
    assert said[1] == "这是什么"
    assert any(s.startswith("第一步。") for s in said)
    assert any(s.startswith("电话") and "幺二三四五" in s for s in said)
    assert page.read_button.text() == "停止朗读"
    # the worker starts sentence 3: it is highlighted in its block
    fake.start(2)

    def lit() -> list[TextBlock]:
        return [b for b in page.findChildren(TextBlock)
                if any(s.kind == "highlight" for s in b.spans())]

    assert [b.plain_text() for b in lit()] == ["城乡低保"]  # at once: where reading starts
    what = "低保就是最低生活保障"
    qtbot.waitUntil(lambda: bool(lit()) and lit()[0].plain_text().startswith(what),
                    timeout=2000)
    assert len(lit()) == 1
    span = next(s for s in lit()[0].spans() if s.kind == "highlight")
    assert lit()[0].plain_text()[span.start:span.end] == "低保就是最低生活保障。"
    # a script switch stops the voice at once, as in the article
    window.toggle_script()
    assert fake.calls[-1] == ("stop", None)
    settle()
    assert not lit() and page.read_button.text() == "朗讀這張卡"
    # 停止朗读 stops, and leaving the page would too
    open_gates(window)
    page.read_button.click()
    assert page.read_button.text() == "停止朗讀"
    page.read_button.click()
    assert fake.calls[-1] == ("stop", None)
    assert not lit() and page.read_button.text() == "朗讀這張卡"
    page.read_button.click()
    window.go_home()
    assert fake.calls[-1] == ("stop", None)


def test_no_speech_says_so_plainly(qtbot: QtBot) -> None:
    parts = card_window(qtbot)
    window = parts.window
    parts.voice.start(FakeSpeechService("这台电脑还不能朗读：缺少语音库。"))
    parts.cards.open_card("dibao")
    page_of(parts).read_button.click()
    assert window.notice.isVisible()
    assert window.notice.text() == "这张卡片现在读不出来：这台电脑还不能朗读：缺少语音库。"
    assert page_of(parts).read_button.text() == "朗读这张卡"


def test_screenshot_command_shows_the_card(qtbot: QtBot, tmp_path: Path) -> None:
    import argparse

    from PySide6.QtGui import QImage

    from reader.ui.tools.screenshot import cmd_screenshot

    def shot(name: str, card: str | None) -> QImage:
        out = tmp_path / name
        args = argparse.Namespace(out=str(out), article=None, card=card, script=None,
                                  font_size=None, theme=None, size="1024x600")
        assert cmd_screenshot(args) == 0
        return QImage(str(out))

    home, card = shot("home.png", None), shot("card.png", "dibao")
    assert card.size().width() == 1024 and card.size().height() == 600
    assert card != home
    args = argparse.Namespace(out=str(tmp_path / "x.png"), article=None, card="no-such",
                              script=None, font_size=None, theme=None, size="1024x600")
    assert cmd_screenshot(args) == 1


def test_stop_stays_in_view_while_a_card_is_read(qtbot: QtBot) -> None:
    parts, page, _fake = _reading_dibao_aloud(qtbot)
    window = parts.window
    bar = page.scroll_area().verticalScrollBar()
    bar.setValue(bar.maximum())  # the reading follows the text to the card's end
    settle()
    assert bar.value() > 0 and page.read_button.text() == "停止朗读"
    assert not page.read_button.visibleRegion().isEmpty()
    where = page.read_button.mapTo(window, QPoint(0, 0))
    assert window.rect().contains(QRect(where, page.read_button.size()))


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("with_local", [True, False])
def test_the_card_screens_qr_code_is_read_by_a_phone_decoder(
    qtbot: QtBot, tmp_path: Path, script: str, with_local: bool
) -> None:
    if with_local:
        write_local_info('[cards.dibao]\noffice = "迎泽街道便民服务中心 3 号窗口"\n'
                         'phone = "0351-1234567"\n')  # fmt: skip
    parts = card_window(qtbot, script=script)
    page = open_card(parts, "dibao")
    code = page.contact_code
    page.ensure_visible(code)
    settle()
    assert code.picture.isVisible() and code.caption.isVisible()
    assert code.caption.plain_text() == convert("用手机扫一扫，把办事电话存到手机里", script)
    # beside the code, not under it
    assert code.caption.geometry().left() >= code.picture.geometry().right()
    shot = tmp_path / "card.png"
    assert parts.window.grab().save(str(shot))
    got = vcard_fields(decode_image(shot))
    if with_local:
        assert got["FN"] == [convert("迎泽街道便民服务中心 3 号窗口", script)]
        assert got["TEL"] == ["0351-1234567", "12345"]
    else:
        assert got["FN"] == [convert("12345政务服务便民热线", script)]
        assert got["TEL"] == ["12345"]
    assert "0351" in code.picture.accessibleName() or not with_local
