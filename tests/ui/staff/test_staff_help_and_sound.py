"""The staff area's 状况 page shows the presses of 请工作人员帮忙 and has 试一下声音,
which plays one sentence through the reading path (the player is a stand-in: this
machine has no sound card) and says plainly whether sound came out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.staff.status_panel import StatusPanel
from tests.support.community_helpers import make_community_window, unlock
from tests.support.speech_fakes import FakePlayer


def status_panel(qtbot: QtBot) -> StatusPanel:
    window, community = make_community_window(qtbot)
    page = unlock(qtbot, window, community)
    page.show_section("status")
    panel = page.panel("status")
    assert isinstance(panel, StatusPanel)
    return panel


def test_staff_see_the_help_presses(qtbot: QtBot) -> None:
    panel = status_panel(qtbot)
    assert panel.help_calls.text().splitlines() == [
        "这个月居民按了 0 次“请工作人员帮忙”。", "这次打开程序以来还没有人按过。"]
    usage = panel.ctx.usage()
    for minute, screen in ((5, "home"), (30, "article")):
        usage.clock = lambda minute=minute: dt.datetime(2026, 12, 6, 9, minute)  # type: ignore[misc]
        usage.help_pressed(screen)
    panel.refresh()
    assert panel.help_calls.text().splitlines() == [
        "这个月居民按了 2 次“请工作人员帮忙”。",
        "这次打开程序以来最近几次（最新的在前；时间不存到电脑上，关掉程序就没有了）：",
        "• 12月6日 09:30  文章", "• 12月6日 09:05  首页"]


@pytest.mark.realspeech
@pytest.mark.parametrize("sound_works", [True, False])
def test_try_the_sound(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       sound_works: bool) -> None:
    player = FakePlayer(tmp_path / "bin", monkeypatch)
    if not sound_works:
        player.fail()
    panel = status_panel(qtbot)
    assert panel.sound_button.text() == "试一下声音"
    panel.sound_button.click()
    assert panel.sound_result.text() == "正在放一句话，请听……"
    qtbot.waitUntil(lambda: "正在放" not in panel.sound_result.text(), timeout=40000)
    if sound_works:
        assert panel.sound_result.text().startswith("声音已经放出来了")
        # played to the end, every part (the neural voice plays the sentence in parts)
        assert player.lines("end") and len(player.lines("end")) == len(player.lines("start"))
    else:
        assert "放不出声音" in panel.sound_result.text()
