"""Idle reset in community-centre mode, on a fake clock: the notice comes at the
timeout, 我还在看 (or any input) keeps the reader's page, and after 10 more seconds
the window starts fresh: speech stopped, home, the staff's default size, script and
theme."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from reader.ui.shell.settings import Settings
from tests.support.community_helpers import FakeClock, click, make_community_window, make_program
from tests.support.window_helpers import LONGEST, open_gates, settle


def _reader_window(qtbot: QtBot, clock: FakeClock):
    settings = Settings()
    settings.set("default_font_size", 34)
    settings.set("idle_minutes", 5)
    program = make_program(qtbot, kiosk=True, settings=settings, idle_clock=clock)
    window, community = program.window, program.community
    # a resident's choices, and a place in an article
    settings.set("font_size", 48)
    settings.set("script", "traditional")
    settings.set("theme", "high_contrast")
    assert window.open_article(LONGEST, "p5")
    stops: list[str] = []
    program.voice.stop_requested.connect(lambda: stops.append("stopped"))
    community.idle.still_here()  # the resident's last input is "now"
    return window, community, stops


def test_notice_at_the_timeout_then_reset_to_defaults(qtbot: QtBot) -> None:
    clock = FakeClock()
    window, community, stops = _reader_window(qtbot, clock)
    idle = community.idle
    assert idle.running and community.active

    clock.advance(299)
    idle.tick()
    assert not idle.notice.isVisible()
    clock.advance(1)
    idle.tick()
    assert idle.notice.isVisible()
    assert idle.notice.title.plain_text() == "還有人在看嗎？"  # in the reader's script
    assert "10 秒" in idle.notice.detail.plain_text()
    assert idle.notice.button.text() == "我還在看"
    assert idle.notice.button.height() >= 64 and idle.notice.button.hasFocus()
    clock.advance(4)
    idle.tick()
    assert "6 秒" in idle.notice.detail.plain_text()
    assert window.current_page() is window.article_page and not stops

    clock.advance(6)
    idle.tick()
    assert not idle.notice.isVisible()
    assert stops == ["stopped"]
    assert window.current_page() is window.home
    settings = window.settings
    assert (settings.font_size, settings.script, settings.theme) == (34, "simplified",
                                                                     "standard")
    assert window.look.body_pt == 34 and window.home.heading.plain_text() == "请选一篇文章"
    assert settings.get("last_article") == ""
    # the next period starts from the reset: no second notice right away
    clock.advance(60)
    idle.tick()
    assert not idle.notice.isVisible()


def test_still_here_button_keeps_the_page(qtbot: QtBot) -> None:
    clock = FakeClock()
    window, community, stops = _reader_window(qtbot, clock)
    idle = community.idle
    clock.advance(300)
    idle.tick()
    click(qtbot, window, idle.notice.button)
    assert not idle.notice.isVisible()
    clock.advance(9)  # would have been the reset
    idle.tick()
    clock.advance(2)
    idle.tick()
    assert window.current_page() is window.article_page and not stops
    assert window.settings.font_size == 48
    clock.advance(300 - 11)
    idle.tick()
    assert idle.notice.isVisible()  # a new idle period, counted from the button


def test_keys_clicks_and_real_mouse_moves_count_as_reading(qtbot: QtBot) -> None:
    clock = FakeClock()
    window, community, _stops = _reader_window(qtbot, clock)
    idle = community.idle
    clock.advance(200)
    qtbot.keyClick(window.article_page.view, Qt.Key.Key_PageDown)
    clock.advance(200)
    idle.tick()
    assert not idle.notice.isVisible()  # only 200 s since the key

    clock.advance(100)
    idle.tick()
    assert idle.notice.isVisible()
    # any input takes the notice away at once, not only the button
    open_gates(window)
    qtbot.mousePress(window.toolbar.home, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not idle.notice.isVisible()
    qtbot.mouseRelease(window.toolbar.home, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))

    viewport = window.home.scroll_area().viewport()

    def move(x: float) -> None:
        local = QPointF(x, 50)
        event = QMouseEvent(QMouseEvent.Type.MouseMove, local, viewport.mapToGlobal(local),
                            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)

    move(100)
    clock.advance(300)
    move(103)  # a nudge of the desk, not a person
    idle.tick()
    assert idle.notice.isVisible()
    move(160)  # someone moved the mouse
    assert not idle.notice.isVisible()


def test_reset_closes_an_open_dialog_first(qtbot: QtBot) -> None:
    clock = FakeClock()
    window, community, _stops = _reader_window(qtbot, clock)
    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.show()
    settle()
    assert QApplication.activeModalWidget() is dialog
    clock.advance(300)
    community.idle.tick()
    assert community.idle.notice.parentWidget() is dialog  # shown where it can be seen
    assert community.idle.notice.isVisible()
    clock.advance(10)
    community.idle.tick()
    settle()
    assert not dialog.isVisible()
    assert community.idle.notice.parentWidget() is window
    assert window.current_page() is window.home


def test_staff_timeout_setting_and_no_reset_outside_community_mode(qtbot: QtBot) -> None:
    clock = FakeClock()
    window, community = make_community_window(qtbot, kiosk=False, idle_clock=clock,
                                              pin_set=True)
    assert not community.idle.running  # at home nobody is hurried
    community.enter()
    assert community.idle.running and window.settings.get("community_mode") is True
    window.settings.set("idle_minutes", 2)
    assert community.idle.watch.timeout == 120
    community.idle.still_here()
    clock.advance(120)
    community.idle.tick()
    assert community.idle.notice.isVisible()
    community.leave()
    assert not community.idle.running and not community.idle.notice.isVisible()
