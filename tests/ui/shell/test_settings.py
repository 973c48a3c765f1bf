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
