"""Read-aloud in the real window, with a fake speech service that records what it was
asked (tests/support/fake_speech_service.py), and one test with the real engine at the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.contrast import contrast_ratio
from reader.core.read_parts import PART_CHARS
from reader.core.script import convert
from reader.core.speech_text import prepare
from reader.core.theme import THEMES
from reader.speech import engine
from reader.speech.service import READING_ERROR, SpeechService
from reader.ui.compose import Parts
from reader.ui.read_aloud.plan import ALL, Planned, Scope, part_of, plan
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.settings import Settings
from reader.ui.widgets.basics import BigButton
from tests.support.fake_speech_service import FakeSpeechService
from tests.support.speech_fakes import FakePlayer, live_in_group
from tests.support.window_helpers import (
    LONGEST,
    SHORTER,
    block,
    make_parts,
    open_gates,
    settle,
)

NO_SPEECH = "这台电脑还不能朗读：缺少语音库 espeak-ng。请工作人员安装 espeak-ng。"


def reading_window(qtbot: QtBot, article: str = SHORTER, **values: object
                   ) -> tuple[Parts, FakeSpeechService]:
    settings = Settings()
    for name, value in values.items():
        settings.set(name, value)
    parts = make_parts(qtbot, settings=settings)
    window = parts.window
    fake = FakeSpeechService()
    parts.voice.start(fake)
    assert window.open_article(article)
    settle()
    open_gates(window)
    return parts, fake


def sentences(window: MainWindow, scope: Scope = ALL) -> list[Planned]:
    article = window.article_page.article
    assert article is not None
    return plan(article, scope, window.look.script)


def highlighted(window: MainWindow) -> tuple[str, int, int] | None:
    for widget in window.article_page.view.text_blocks():
        for span in widget.spans():
            if span.kind == "highlight":
                return widget.block_id, span.start, span.end
    return None


def place(sentence: Planned) -> tuple[str, int, int]:
    return sentence.block_id, sentence.start, sentence.end


def spoken(plan_: list[Planned]) -> list[str]:
    return ["".join(s.chunks) for s in plan_]


def say(qtbot: QtBot, parts: Parts, fake: FakeSpeechService, n: int) -> None:
    """The worker starts the n-th sentence of the last reading; wait for the highlight."""
    window = parts.window
    fake.start(n)
    uid = fake.sentence_ids()[n]
    index = int(uid.split(":")[1])
    expected = place(sentences(window, parts.read_aloud._reading.scope)[index])  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: highlighted(window) == expected, timeout=2000)


def click(qtbot: QtBot, widget: BigButton) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# --- the controls ------------------------------------------------------------------------
def test_controls_are_big_named_and_only_on_the_article_page(qtbot: QtBot) -> None:
    parts = make_parts(qtbot)
    window = parts.window
    controls = parts.read_aloud
    toolbar = [controls.read_all_button, controls.pause_button, controls.stop_button,
               controls.speed_button]
    assert not any(b.isVisible() for b in toolbar)  # home has nothing to read
    window.open_article(LONGEST)
    settle()
    # 1024 px: short labels keep the toolbar in one row; screen readers hear full names
    assert [b.text() for b in toolbar] == ["朗读", "暂停", "停止", "慢速"]
    assert [b.accessibleName() for b in toolbar] == ["朗读全文", "暂停", "停止", "朗读速度：慢"]
    article = window.article_page.article
    assert article is not None
    # 朗读这一段 under each heading; a section with no heading gets none (its parts are
    # read from beside a chosen paragraph)
    headed = [i for i, s in enumerate(article.sections) if s.heading]
    assert not window.article_page.view.section_top_row(0).buttons()
    sections = [row_button(window, i) for i in headed]
    for button in toolbar + sections:
        assert button.isVisible()
        assert button.width() >= 64 and button.height() >= 64
        assert button.accessibleName() and button.accessibleDescription()
    # on the toolbar's one row, with everything else
    assert {b.y() for b in window.toolbar.buttons()} == {toolbar[0].y()}
    window.toggle_script()
    assert [b.text() for b in toolbar] == ["朗讀", "暫停", "停止", "慢速"]
    window.resize(1920, 1080)
    settle()
    assert [b.text() for b in toolbar] == ["朗讀全文", "暫停", "停止", "速度：慢"]
    assert sections[0].text() == "朗讀這一段"
    window.go_home()
    assert not any(b.isVisible() for b in toolbar)


def row_button(window: MainWindow, section: int) -> BigButton:
    buttons = window.article_page.view.section_top_row(section).buttons()
    found = [b for b in buttons if b.objectName() == f"readAloud.section{section}"]
    assert len(found) == 1
    return found[0]  # type: ignore[return-value]


# --- the highlight ------------------------------------------------------------------------
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_highlight_follows_the_sentences_in_both_scripts(qtbot: QtBot, script: str) -> None:
    parts, fake = reading_window(qtbot, LONGEST, script=script)
    window = parts.window
    click(qtbot, parts.read_aloud.read_all_button)
    planned = sentences(window)
    assert fake.count("speak") == 1
    assert fake.sentence_texts() == spoken(planned)
    for text in fake.sentence_texts():  # the engine always gets simplified text
        assert convert(text, "simplified") == text
    assert highlighted(window) == place(planned[0])  # at once, before the voice starts
    for n in (0, 1, 12, len(planned) - 1):
        say(qtbot, parts, fake, n)
        block_id, start, end = place(planned[n])
        widget = block(window, block_id)
        shown = widget.plain_text()[start:end]  # the highlighted text, as displayed
        assert shown.strip()
        # …and what the engine says for it comes from exactly that text
        assert fake.sentence_texts()[n] == "".join(
            chunk for s in prepare(shown, window.look.script) for chunk in s.chunks)
    fake.done()
    qtbot.waitUntil(lambda: highlighted(window) is None, timeout=2000)
    assert parts.read_aloud.state == "idle"


@pytest.mark.parametrize("theme", list(THEMES))
def test_highlight_is_background_and_weight_at_7_to_1(qtbot: QtBot, theme: str,
                                                       tmp_path: Path) -> None:
    parts, fake = reading_window(qtbot, SHORTER, theme=theme)
    window = parts.window
    click(qtbot, parts.read_aloud.read_all_button)
    planned = sentences(window)
    n = next(i for i, s in enumerate(planned) if s.block_id.startswith("p"))
    say(qtbot, parts, fake, n)
    block_id, start, _end = place(planned[n])
    widget = block(window, block_id)
    cursor = QTextCursor(widget.document())
    cursor.setPosition(start + 1)
    fmt = cursor.charFormat()
    colours = THEMES[theme]
    assert fmt.background().color() == QColor(colours.highlight)
    assert fmt.fontWeight() == QFont.Weight.Bold  # not colour alone
    assert contrast_ratio(colours.highlight_text, colours.highlight) >= 7
    image = window.grab().toImage()
    image.save(str(tmp_path / f"reading-{theme}.png"))
    corner = widget.mapTo(window, QPoint(widget.style_().indent_px, widget.line_top(start) + 4))  # type: ignore[union-attr]
    found = {image.pixelColor(corner.x() + dx, corner.y() + dy).name().upper()
             for dx in range(0, 40, 4) for dy in range(0, 20, 4)}
    assert colours.highlight.upper() in found  # really drawn where the sentence is


def test_the_sentence_is_kept_in_the_middle_also_after_a_size_change(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, LONGEST)
    window = parts.window
    view = window.article_page.view
    click(qtbot, parts.read_aloud.read_all_button)
    planned = sentences(window)
    n = len(planned) // 2

    def centre_offset() -> int:
        block_id, start, end = place(planned[n])
        widget = block(window, block_id)
        line = widget.style_().line_px  # type: ignore[union-attr]
        top = widget.mapTo(view.viewport(), QPoint(0, widget.line_top(start))).y()
        bottom = widget.mapTo(view.viewport(), QPoint(0, widget.line_top(end - 1))).y() + line
        return abs((top + bottom) // 2 - view.viewport().height() // 2)

    say(qtbot, parts, fake, n)
    line = block(window, planned[n].block_id).style_().line_px  # type: ignore[union-attr]
    assert centre_offset() <= line
    speaks = fake.count("speak")
    window.bigger()
    settle()
    assert fake.count("stop") == 0 and fake.count("speak") == speaks  # the voice goes on
    assert highlighted(window) == place(planned[n])
    line = block(window, planned[n].block_id).style_().line_px  # type: ignore[union-attr]
    assert centre_offset() <= line


def test_a_sentence_taller_than_the_view_is_followed_part_by_part(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, LONGEST, font_size=48)
    window = parts.window
    view = window.article_page.view
    click(qtbot, parts.read_aloud.read_all_button)
    planned = sentences(window)

    def height(s: Planned) -> int:
        widget = block(window, s.block_id)
        return widget.line_top(s.end - 1) - widget.line_top(s.start)

    n = max(range(len(planned)), key=lambda i: (len(planned[i].chunks), height(planned[i])))
    sentence = planned[n]
    assert len(sentence.chunks) >= 3 and height(sentence) > view.viewport().height()
    widget = block(window, sentence.block_id)

    def on_screen(position: int) -> bool:
        y = widget.mapTo(view.viewport(), QPoint(0, widget.line_top(position))).y()
        return 0 <= y and y + widget.style_().line_px <= view.viewport().height()  # type: ignore[union-attr]

    say(qtbot, parts, fake, n)
    assert on_screen(sentence.start)
    last = len(sentence.chunks) - 1
    fake.start(n, last)
    said = sum(len(c) for c in sentence.chunks[:last]) / sum(len(c) for c in sentence.chunks)
    position = sentence.start + int((sentence.end - sentence.start) * said)
    qtbot.waitUntil(lambda: on_screen(position), timeout=2000)
    assert not on_screen(sentence.start)  # moved on with the voice
    assert highlighted(window) == place(sentence)  # still the whole sentence
    # 继续 after a pause in the middle of it starts the sentence again
    open_gates(window)
    click(qtbot, parts.read_aloud.pause_button)
    open_gates(window)
    click(qtbot, parts.read_aloud.pause_button)
    assert fake.sentence_texts()[0] == "".join(sentence.chunks)


# --- what is read ---------------------------------------------------------------------------
def test_read_this_section_reads_exactly_that_section(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, LONGEST)
    window = parts.window
    article = window.article_page.article
    assert article is not None and len(article.sections) > 2
    click(qtbot, row_button(window, 2))
    expected = sentences(window, 2)
    assert fake.sentence_texts() == spoken(expected)
    own = {"h2", *(b.id for b in article.sections[2].blocks)}
    assert {s.block_id for s in expected} <= own
    assert expected[0].block_id == ("h2" if article.sections[2].heading else
                                    article.sections[2].blocks[0].id)
    say(qtbot, parts, fake, 0)
    assert highlighted(window) == place(expected[0])


def test_read_from_here_by_mouse_and_by_keyboard(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, LONGEST)
    window = parts.window
    view = window.article_page.view
    article = window.article_page.article
    assert article is not None
    target = list(article.blocks())[4].id
    qtbot.mouseClick(block(window, target), Qt.MouseButton.LeftButton)
    assert fake.count("speak") == 0  # a click alone does not start the voice
    assert parts.read_aloud.chosen_block == target
    here = window.findChild(BigButton, "readAloud.fromHere")
    assert here is not None and here.isVisible() and here.text() == "从这里读"
    assert here.height() >= 64 and here.accessibleDescription()
    chosen = block(window, target)
    row = here.parentWidget()
    assert row is not None
    # right beside it: just under it or just above it, and on screen
    assert row.y() >= chosen.geometry().bottom() or row.geometry().bottom() <= chosen.y() + 1
    assert abs(row.y() - (chosen.geometry().bottom() + 1)) <= 1 or \
        abs(row.geometry().bottom() + 1 - chosen.y()) <= 1
    assert not here.visibleRegion().isEmpty()
    assert chosen.property("chosen") is True  # the chosen paragraph is marked
    focused = QApplication.focusWidget()  # the buttons never took the focus away
    assert focused is not None and focused.window() is window
    part = window.findChild(BigButton, "readAloud.readPart")
    assert part is not None and part.isVisible() and part.text() == "朗读这一段"
    assert here in view.focus_chain()
    click(qtbot, here)
    planned = sentences(window)
    first = next(i for i, s in enumerate(planned) if s.block_id == target)
    assert fake.sentence_texts() == spoken(planned[first:])
    assert highlighted(window) == place(planned[first])
    assert parts.read_aloud.chosen_block is None  # the button has gone
    # keyboard: Enter on the article picks the paragraph at the top of the view
    parts.read_aloud.stop()
    view.scroll_to_block("p8", "top")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert parts.read_aloud.chosen_block == "p8"
    focused = QApplication.focusWidget()
    assert isinstance(focused, BigButton) and focused.objectName() == "readAloud.fromHere"
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    first = next(i for i, s in enumerate(planned) if s.block_id == "p8")
    assert fake.sentence_texts() == spoken(planned[first:])
    assert QApplication.focusWidget() is view  # the keys go on scrolling the article


def test_clicking_a_paragraph_while_reading_moves_the_reading(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, LONGEST)
    window = parts.window
    click(qtbot, parts.read_aloud.read_all_button)
    say(qtbot, parts, fake, 0)
    planned = sentences(window)
    target = "p6"
    qtbot.mouseClick(block(window, target), Qt.MouseButton.LeftButton)
    first = next(i for i, s in enumerate(planned) if s.block_id == target)
    assert fake.count("speak") == 2
    assert fake.sentence_texts() == spoken(planned[first:])
    assert highlighted(window) == place(planned[first])
    assert parts.read_aloud.chosen_block is None  # no 从这里读 while reading
    # a double click on the same paragraph does not start it twice
    qtbot.mouseClick(block(window, target), Qt.MouseButton.LeftButton)
    assert fake.count("speak") == 2


def test_pause_and_continue_resume_at_the_same_sentence(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, LONGEST)
    window = parts.window
    controls = parts.read_aloud
    click(qtbot, controls.read_all_button)
    planned = sentences(window)
    say(qtbot, parts, fake, 3)
    open_gates(window)
    click(qtbot, controls.pause_button)
    assert controls.state == "paused" and fake.count("stop") == 1
    assert controls.pause_button.text() == "继续"
    assert controls.pause_button.accessibleName() == "继续"
    assert highlighted(window) == place(planned[3])  # shows where 继续 starts
    fake.start(4)  # a late event from the worker is ignored
    qtbot.wait(100)
    assert highlighted(window) == place(planned[3])
    open_gates(window)
    click(qtbot, controls.pause_button)
    assert controls.state == "reading" and controls.pause_button.text() == "暂停"
    assert fake.sentence_texts() == spoken(planned[3:])
    # paused between two sentences: 继续 starts with the next one
    say(qtbot, parts, fake, 0)  # = sentence 3
    fake.finish(0)
    qtbot.wait(100)
    open_gates(window)
    click(qtbot, controls.pause_button)
    open_gates(window)
    click(qtbot, controls.pause_button)
    assert fake.sentence_texts() == spoken(planned[4:])


def test_pause_and_stop_when_nothing_is_read_say_so(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot)
    window = parts.window
    controls = parts.read_aloud
    for button in (controls.pause_button, controls.stop_button):
        assert not button.isEnabled()
        assert button.accessibleDescription() == "现在没有在朗读，所以按不了"
    click(qtbot, controls.pause_button)
    click(qtbot, controls.stop_button)
    assert fake.count("speak") == 0 and fake.count("stop") == 0
    open_gates(window)
    click(qtbot, controls.read_all_button)
    assert controls.pause_button.isEnabled() and controls.stop_button.isEnabled()
    assert controls.stop_button.accessibleDescription() == "不读了"
    open_gates(window)
    click(qtbot, controls.stop_button)
    assert not controls.pause_button.isEnabled()


def test_read_this_part_beside_a_paragraph_reads_only_its_part(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, SHORTER)  # no headings: one long section
    window = parts.window
    article = window.article_page.article
    assert article is not None
    paragraphs = [b for b in article.blocks() if b.kind == "paragraph"]
    target = paragraphs[2].id
    qtbot.mouseClick(block(window, target), Qt.MouseButton.LeftButton)
    part = window.findChild(BigButton, "readAloud.readPart")
    assert part is not None
    click(qtbot, part)
    chosen_part = part_of(article, target)
    assert chosen_part is not None and target in chosen_part
    assert fake.sentence_texts() == spoken(sentences(window, chosen_part))
    assert set(chosen_part) <= {b.id for b in paragraphs}
    assert len(chosen_part) == 1 or sum(len(b.text) for b in paragraphs
                                        if b.id in chosen_part) <= PART_CHARS


def test_captions_are_not_read(qtbot: QtBot) -> None:
    parts, _fake = reading_window(qtbot, SHORTER)
    window = parts.window
    article = window.article_page.article
    assert article is not None
    captions = {b.id for b in article.blocks() if b.kind == "caption"}
    assert captions  # the seed has photo captions
    assert not captions & {s.block_id for s in sentences(window)}


# --- stopping -----------------------------------------------------------------------------
def test_navigation_home_close_and_reset_stop_at_once(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, LONGEST)
    window = parts.window
    controls = parts.read_aloud

    def start_reading() -> None:
        controls.read_all()
        say(qtbot, parts, fake, 1)
        assert controls.state == "reading"

    start_reading()
    window.open_article(SHORTER)  # another article
    assert fake.count("stop") == 1 and controls.state == "idle"
    assert highlighted(window) is None
    start_reading()
    window.go_home()
    assert fake.count("stop") == 2 and controls.state == "idle"
    window.open_article(SHORTER)
    start_reading()
    parts.voice.stop_all()  # what the community-centre reset calls
    assert fake.count("stop") == 3 and controls.state == "idle"
    start_reading()
    window.close()
    assert fake.count("stop") == 4 and fake.count("close") == 1


def test_script_switch_stops_the_voice_at_once(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot, SHORTER)
    window = parts.window
    click(qtbot, parts.read_aloud.read_all_button)
    say(qtbot, parts, fake, 5)
    speaks = fake.count("speak")
    window.toggle_script()
    assert window.look.script == "traditional"
    assert fake.calls[-1][0] == "stop"  # silenced by the switch itself, not later
    assert parts.read_aloud.state == "idle"
    assert highlighted(window) is None
    qtbot.wait(100)
    assert fake.count("speak") == speaks  # and nothing starts again by itself
    # a paused reading is ended by a switch too
    open_gates(window)
    click(qtbot, parts.read_aloud.read_all_button)
    say(qtbot, parts, fake, 1)
    open_gates(window)
    click(qtbot, parts.read_aloud.pause_button)
    window.toggle_script()
    assert parts.read_aloud.state == "idle" and highlighted(window) is None


# --- speed, bursts, problems ---------------------------------------------------------------
def test_speed_is_remembered_and_passed_on(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot)
    window = parts.window
    controls = parts.read_aloud
    click(qtbot, controls.read_all_button)
    assert fake.speed == "slow"  # the default for this audience
    say(qtbot, parts, fake, 2)
    open_gates(window)
    click(qtbot, controls.speed_button)
    assert window.settings.get("speed") == "medium"
    assert controls.speed_button.text() == "中速"  # (the short label at 1024 px)
    assert controls.speed_button.accessibleDescription() == "换一种朗读速度，下一种是快"
    assert fake.speed == "medium"  # the voice changes at once, from the same sentence
    assert fake.sentence_texts() == spoken(sentences(window)[2:])
    window.settings.sync()
    assert Settings().get("speed") == "medium"  # a new session starts at 中
    controls.stop()
    open_gates(window)
    click(qtbot, controls.speed_button)
    open_gates(window)
    click(qtbot, controls.read_all_button)
    assert fake.speed == "fast"


def test_a_burst_of_presses_gives_one_reading(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot)
    button = parts.read_aloud.read_all_button
    for _ in range(5):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert fake.count("speak") == 1
    for _ in range(5):  # keyboard or presses far enough apart to pass the click gate
        button.click()
    assert fake.count("speak") == 1
    say(qtbot, parts, fake, 2)
    button.click()  # later, a deliberate press reads from the top again
    assert fake.count("speak") == 2


def test_no_speech_on_this_computer_says_so_and_all_else_works(qtbot: QtBot) -> None:
    parts = make_parts(qtbot)
    window = parts.window
    fake = FakeSpeechService(unavailable=NO_SPEECH)
    parts.voice.start(fake)
    window.open_article(LONGEST)
    settle()
    open_gates(window)
    click(qtbot, parts.read_aloud.read_all_button)
    assert window.notice.isVisible() and window.notice.text() == NO_SPEECH
    assert fake.count("speak") == 0 and parts.read_aloud.state == "idle"
    click(qtbot, row_button(window, 1))
    assert window.notice.text() == NO_SPEECH
    assert parts.read_aloud.read_all_button.isVisible()
    window.toggle_script()
    assert window.notice.text() == convert(NO_SPEECH, "traditional")
    window.bigger()
    assert window.settings.font_size > 26


def test_missing_engine_library_with_the_real_service(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "ESPEAK_LIBRARY_NAMES", ("libespeak-ng-not-here.so.9",))
    parts = make_parts(qtbot)
    window = parts.window
    parts.voice.start(SpeechService(voice="system"))  # the voice it breaks
    window.open_article(SHORTER)
    settle()
    open_gates(window)
    click(qtbot, parts.read_aloud.read_all_button)
    assert window.notice.text().startswith("这台电脑还不能朗读")
    assert "请工作人员" in window.notice.text()
    window.close()


def test_a_failure_mid_reading_stops_and_the_next_press_works(qtbot: QtBot) -> None:
    parts, fake = reading_window(qtbot)
    window = parts.window
    click(qtbot, parts.read_aloud.read_all_button)
    say(qtbot, parts, fake, 1)
    fake.fail(READING_ERROR)
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=2000)
    assert window.notice.text() == READING_ERROR
    assert parts.read_aloud.state == "idle" and highlighted(window) is None
    open_gates(window)
    click(qtbot, parts.read_aloud.read_all_button)
    assert fake.count("speak") == 2 and parts.read_aloud.state == "reading"
    say(qtbot, parts, fake, 0)


# --- the real engine --------------------------------------------------------------------------
@pytest.mark.realspeech
def test_real_engine_reads_a_section_and_stops_leaving_nothing_playing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = FakePlayer(tmp_path / "bin", monkeypatch)
    parts = make_parts(qtbot)
    window = parts.window
    parts.voice.start()
    bridge = parts.voice.bridge
    assert bridge is not None
    qtbot.waitUntil(lambda: bridge.service.worker_ready, timeout=20000)
    window.open_article(LONGEST)
    settle()
    open_gates(window)
    expected = sentences(window, 1)
    with qtbot.waitSignal(bridge.sentenceStarted, timeout=15000) as started:
        click(qtbot, row_button(window, 1))
    assert started.args == [f"{parts.read_aloud._reading.number}:0:0"]  # type: ignore[union-attr]
    assert highlighted(window) == place(expected[0])
    player.wait_for("start")
    worker = bridge.service.worker_pid
    assert worker is not None
    click(qtbot, parts.read_aloud.stop_button)
    assert live_in_group(worker) == []
    assert highlighted(window) is None
    window.close()
    assert bridge.service.worker_pid is None
