"""特大鼠标: the big pointer replaces Qt's arrow and hand everywhere while it is on (always
in community mode, by a setting otherwise), and the standard shapes come back when off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.widgets.big_pointer import POINTER_PX, big_cursor
from tests.support.community_helpers import make_community_window
from tests.support.window_helpers import SHORTER, make_window, settle

Shape = Qt.CursorShape


def test_the_drawings_are_big_and_show_on_light_and_dark(qapp: QApplication) -> None:
    for shape in (Shape.ArrowCursor, Shape.PointingHandCursor, Shape.WaitCursor):
        image = big_cursor(shape).pixmap().toImage().convertToFormat(QImage.Format.Format_ARGB32)
        assert image.width() >= POINTER_PX
        colours = {image.pixelColor(x, y).name() for x in range(image.width())
                   for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}
        assert {"#000000", "#ffffff"} <= colours  # black body, white edge


def test_a_setting_outside_community_mode(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.open_article(SHORTER)
    settle()
    button = window.toolbar.home
    assert window.big_pointer is None or not window.big_pointer.on
    assert button.cursor().shape() == Shape.PointingHandCursor
    window.settings.set("big_pointer", True)
    assert button.cursor().shape() == Shape.BitmapCursor
    assert window.cursor().shape() == Shape.BitmapCursor  # the arrow everywhere else
    block = window.article_page.view.block_widget("p1")
    assert block is not None
    block.setCursor(Shape.PointingHandCursor)  # as it does over a link
    assert block.cursor().shape() == Shape.BitmapCursor
    window.settings.set("big_pointer", False)
    assert button.cursor().shape() == Shape.PointingHandCursor
    assert window.cursor().shape() == Shape.ArrowCursor


def test_always_on_in_community_mode(qtbot: QtBot) -> None:
    window, community = make_community_window(qtbot, kiosk=True)
    assert community.active and window.big_pointer is not None and window.big_pointer.on
    assert window.toolbar.help.cursor().shape() == Shape.BitmapCursor
