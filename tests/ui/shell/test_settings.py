"""Settings: defaults, round trip through the INI file, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader import paths
from reader.ui.shell.settings import FIELDS, Settings
from tests.support.window_helpers import make_window


def test_defaults_are_declared_and_used() -> None:
    settings = Settings()
    assert settings.font_size == 26
    assert settings.script == "simplified"
    assert settings.theme == "standard"
    assert settings.get("speed") == "slow"
    assert settings.problem is None
    assert {name: settings.get(name) for name in FIELDS} == \
        {name: field.default for name, field in FIELDS.items()}


def test_round_trip_through_the_ini_file() -> None:
    settings = Settings()
    values = {"font_size": 34, "script": "traditional", "theme": "high_contrast",
              "speed": "fast", "geometry": "01d9d0cb", "last_article": "003_bcc1e477f3fe7536",
              "last_block": "p12"}
    for name, value in values.items():
        settings.set(name, value)
    settings.sync()
    text = paths.settings_file().read_text(encoding="utf-8")
    assert "[display]" in text and "font_size=34" in text
    again = Settings()
    assert {name: again.get(name) for name in values} == values
    assert again.problem is None


def test_changed_fires_once_per_real_change(qtbot: QtBot) -> None:
    settings = Settings()
    seen: list[tuple[str, object]] = []
    settings.changed.connect(lambda name, value: seen.append((name, value)))
    settings.set("font_size", 30)
    settings.set("font_size", 30)
    settings.set("theme", "high_contrast")
    assert seen == [("font_size", 30), ("theme", "high_contrast")]
    with pytest.raises(ValueError):
        settings.set("font_size", 99)
    with pytest.raises(ValueError):
        settings.set("script", "klingon")


def test_bad_values_fall_back_to_their_defaults_one_by_one() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("[display]\nfont_size=abc\nscript=klingon\ntheme=high_contrast\n"
                    "[reading]\narticle=../../etc/passwd\nblock=p3\n", encoding="utf-8")
    settings = Settings()
    assert settings.font_size == 26 and settings.script == "simplified"
    assert settings.theme == "high_contrast" and settings.get("last_block") == "p3"
    assert settings.get("last_article") == ""
    # said plainly, the file as it was kept aside, and the defaults written in its place
    assert settings.problem is not None and "3 项写得不对" in settings.problem
    assert "display/font_size" in settings.problem and "reading/article" in settings.problem
    kept = list(path.parent.glob("settings.ini.broken-*"))
    assert len(kept) == 1 and "klingon" in kept[0].read_text(encoding="utf-8")
    assert "klingon" not in path.read_text(encoding="utf-8")
    assert Settings().problem is None  # said once, not at every start


def test_a_hand_edited_size_snaps_to_the_nearest_step() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("[display]\nfont_size=27\n", encoding="utf-8")
    assert Settings().font_size == 26


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 8,  # binary garbage
    b"\x00" * 64,
    b"[display]\nfont_size=\xff\xfe30\n",  # not UTF-8
    b"[display\nfont_size=30\n",  # broken section line
])
def test_a_corrupt_file_is_moved_aside_and_defaults_used(content: bytes) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings = Settings()
    assert settings.font_size == 26 and settings.problem
    aside = list(path.parent.glob("settings.ini.broken-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept, not overwritten
    settings.set("font_size", 30)
    settings.sync()
    assert Settings().font_size == 30  # a fresh, good file replaced it


def test_a_folder_where_the_file_should_be_does_not_crash() -> None:
    path = paths.settings_file()
    path.mkdir(parents=True)
    (path / "junk").write_text("x")
    settings = Settings()
    assert settings.font_size == 26 and settings.problem
    settings.set("font_size", 30)  # works in memory
    assert settings.font_size == 30


def test_an_unreadable_file_means_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("[display]\nfont_size=30\n")
    real_read = Path.read_bytes

    def denied(self: Path) -> bytes:  # as if permissions forbade it (tests run as root)
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    settings = Settings()
    assert settings.font_size == 26 and settings.problem and "读不出来" in settings.problem


def test_the_window_opens_normally_over_a_corrupt_file(qtbot: QtBot) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    window = make_window(qtbot)
    assert window.current_page() is window.home
    assert window.settings.font_size == 26


# --- files as Notepad saves them, and disks that refuse ---------------------------------

COMMUNITY_INI = "[community]\r\nenabled=true\r\nidle_minutes=7\r\n[display]\r\nfont_size=34\r\n" \
                "[printing]\r\nprinter=三楼打印机\r\n"


@pytest.mark.parametrize(("name", "data"), [
    ("UTF-8 with BOM", b"\xef\xbb\xbf" + COMMUNITY_INI.encode()),
    ("CRLF", COMMUNITY_INI.encode()),
    ("GBK", COMMUNITY_INI.encode("gbk")),
    ("UTF-16 with BOM", COMMUNITY_INI.encode("utf-16")),
    ("UTF-16 LE without BOM", COMMUNITY_INI.encode("utf-16-le")),
])
def test_notepad_encodings_are_read_whole(name: str, data: bytes) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    settings = Settings()
    assert settings.problem is None, name
    assert settings.get("community_mode") is True and settings.get("idle_minutes") == 7
    assert settings.font_size == 34 and settings.get("printer") == "三楼打印机"
    settings.set("theme", "high_contrast")  # later saves keep every value, in UTF-8
    again = Settings()
    assert again.get("community_mode") is True and again.get("printer") == "三楼打印机"
    assert again.theme == "high_contrast" and again.problem is None
    assert "三楼打印机" in path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 8,  # nothing readable
    b"\x00" * 64,
    "[community]\nenabled=tru\xe9\n".encode("latin-1"),  # not text in any encoding here
    b"[community\nenabled=false\n",  # its section line broken: "false" is not known
    b"[display]\nfont_size=30\nthis line is not a setting\n",  # community never named
    b"[community]\nenabled=maybe\n",  # named, with a value that says nothing
])
def test_a_damaged_file_never_turns_community_mode_off(content: bytes) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings = Settings()
    assert settings.get("community_mode") is True
    assert settings.problem and "社区模式" in settings.problem
    assert [p.read_bytes() for p in path.parent.glob("settings.ini.broken-*")] == [content]
    assert Settings().get("community_mode") is True  # saved: the next start too


def test_good_lines_of_a_damaged_file_are_kept() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("[community]\nenabled=false\n[display]\nfont_size=34\n继续\n"
                    "[oops\nscript=traditional\n", encoding="utf-8")
    settings = Settings()
    assert settings.get("community_mode") is False  # the file said so: left off
    assert settings.font_size == 34 and settings.script == "simplified"
    assert settings.problem and "第 5 行看不懂" in settings.problem
    assert "社区模式打开" not in settings.problem


def test_a_read_only_folder_keeps_values_in_memory_and_says_so_once(qtbot: QtBot) -> None:
    from tests.support.read_only import read_only_folder

    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(COMMUNITY_INI.encode("utf-16"))
    with read_only_folder(path.parent):
        settings = Settings()
        # Read although it could not be rewritten as UTF-8; community mode stays on.
        assert settings.get("community_mode") is True and settings.font_size == 34
        told: list[str] = []
        settings.save_failed.connect(told.append)
        settings.set("font_size", 30)
        settings.set("theme", "high_contrast")
        assert settings.font_size == 30 and settings.theme == "high_contrast"
        assert told == [] and settings.problem and "不会保存" in settings.problem

    path.write_text("[display]\nfont_size=30\n", encoding="utf-8")
    with read_only_folder(path.parent):
        settings = Settings()
        told = []
        settings.save_failed.connect(told.append)
        settings.set("font_size", 34)
        settings.set("font_size", 38)
        settings.reset()
        assert len(told) == 1 and "存不进去" in told[0] and settings.save_problem == told[0]
        assert settings.font_size == 26
        assert path.read_text(encoding="utf-8") == "[display]\nfont_size=30\n"  # unchanged
