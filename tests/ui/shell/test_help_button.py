"""请工作人员帮忙: one press on any screen shows the banner, chimes, and is counted for the
month (the time and screen kept in memory only, for staff); the page stays where it was."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.usage_counts import UsageCounts
from tests.support.window_helpers import LONGEST, make_window, open_gates, settle


def test_one_press_banner_chime_and_count_on_each_screen(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    chimes: list[int] = []
    window.chime = lambda: chimes.append(1) or True
    local = window.settings.path.parent / "local-info.toml"
    local.parent.mkdir(parents=True, exist_ok=True)
    local.write_text('[centre]\nname = "幸福社区党群服务中心"\nphone = "0354-7654321"\n',
                     encoding="utf-8")
    help_button = window.toolbar.help
    assert help_button.isVisible() and help_button.accessibleName() == "请工作人员帮忙"

    qtbot.mouseClick(help_button, Qt.MouseButton.LeftButton)
    banner = window.help_banner
    assert banner.isVisible()
    assert banner.title.plain_text() == "已经叫了工作人员，马上就来，请稍等"
    assert banner.detail.plain_text() == "也可以打电话给幸福社区党群服务中心：0354-7654321"
    assert chimes == [1]

    open_gates(window)
    window.open_article(LONGEST, "p5")
    settle()
    open_gates(window)
    qtbot.mouseClick(help_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.article_page  # never an empty screen
    assert chimes == [1, 1]

    assert UsageCounts().month().help_presses == 2  # on disk: this month's count
    assert not (window.settings.path.parent / "help-calls.log").exists()
    recent = window.usage_counts().recent_help.newest_first()
    assert [call.screen for call in recent] == ["article", "home"]
    assert abs((dt.datetime.now() - recent[0].when).total_seconds()) < 60  # local time

    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()


def test_banner_without_a_phone_says_to_wait_and_follows_the_script(qtbot: QtBot) -> None:
    window = make_window(qtbot, script="traditional")
    window.chime = lambda: True
    window.call_for_help()
    assert window.toolbar.help.text() in ("請工作人員幫忙", "求助")
    assert window.help_banner.title.plain_text() == "已經叫了工作人員，馬上就來，請稍等"
    assert window.help_banner.detail.plain_text() == "請坐在這裡等一下，不用做別的"
