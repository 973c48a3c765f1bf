"""Chinese text is drawn with a real SC / TC face and no missing glyphs; without any
Chinese font the program says so instead of drawing boxes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QRawFont
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from reader.core import strings
from reader.core.article import Script
from reader.core.ingest import ingest_file
from reader.core.script import convert
from reader.ui.shell import fonts
from reader.ui.widgets.article_view import block_texts
from tests.conftest import SEEDS
from tests.support.window_helpers import LONGEST, SHORTER, make_window

SCRIPTS: tuple[Script, ...] = ("simplified", "traditional")


def all_text(script: Script) -> str:
    parts = [convert(t, script) for seed in SEEDS
             for t in block_texts(ingest_file(seed)).values()]
    parts += [strings.text(key, script) for key in strings.STRINGS
              if "{" not in strings.STRINGS[key]]
    return "".join(parts)


def glyph_image(family: str, text: str) -> QImage:
    image = QImage(120, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont(family)
    font.setPixelSize(96)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


@pytest.mark.parametrize("script", SCRIPTS)
def test_chosen_family_has_every_character_we_show(qtbot: QtBot, script: Script) -> None:
    choice = fonts.choose(script)
    assert choice.family is not None and choice.preferred
    text = all_text(script)
    assert fonts.missing_characters(choice.family, text) == ""
    raw = QRawFont.fromFont(QFont(choice.family))
    glyphs = raw.glyphIndexesForString(text.replace(" ", ""))
    assert 0 not in glyphs  # glyph 0 is the "missing" box


def test_scripts_get_their_own_faces_and_shapes(qtbot: QtBot) -> None:
    simplified, traditional = fonts.family_for("simplified"), fonts.family_for("traditional")
    assert simplified != traditional
    assert "SC" in simplified and "TC" in traditional  # on this machine: Noto Sans CJK
    # 骨, 令, 述, 角 and 次 are drawn differently in mainland and Taiwan type
    for char in "骨令述角次":
        assert glyph_image(simplified, char) != glyph_image(traditional, char), char


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_window_renders_with_that_family(qtbot: QtBot, script: Script) -> None:
    window = make_window(qtbot, script=script)
    family = fonts.family_for(script)
    for article in (LONGEST, SHORTER):
        window.open_article(article)
        for block in window.article_page.view.text_blocks():
            font = block.document().defaultFont()
            assert font.family() == family
            missing = fonts.missing_characters(family, block.plain_text())
            assert missing == "", (block.block_id, missing)
    for button in window.toolbar.buttons():
        assert button.font().family() == family
        assert isinstance(button, QPushButton)
        assert fonts.missing_characters(family, button.text()) == ""


def test_no_chinese_font_means_a_plain_message_not_boxes(tmp_path: Path) -> None:
    empty = tmp_path / "fonts"
    empty.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{empty}</dir>\n  <cachedir>{tmp_path / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "reader"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 1
    assert "No Chinese font is installed" in result.stderr
    assert "fonts-noto-cjk" in result.stderr
    assert "Traceback" not in result.stderr
