"""The staff settings: the mouse wheel scrolls the page and never changes a choice."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from reader.ui.staff.settings_panel import SettingsPanel
from tests.support.community_helpers import open_panel
from tests.support.window_helpers import settle


def roll_wheel(widget: QComboBox, notches: int) -> None:
    """What a mouse wheel turned `notches` clicks (negative: towards you) over `widget` sends."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    settle()


def test_the_wheel_scrolls_past_the_settings_without_changing_them(qtbot: QtBot) -> None:
    window, staff, panel = open_panel(qtbot, "settings", SettingsPanel, size=(1024, 600))
    settings = window.settings
    before = {name: settings.get(name) for name in
              ("idle_minutes", "default_font_size", "default_script", "default_theme")}
    bar = staff.scroller.verticalScrollBar()
    assert bar.maximum() > 0  # the panel is longer than the window at 1024×600
    for box in (panel.idle_box, panel.size_box, panel.script_box, panel.theme_box):
        staff.scroller.ensureWidgetVisible(box)
        settle()
        index, position = box.currentIndex(), bar.value()
        roll_wheel(box, -3)
        assert box.currentIndex() == index, box.objectName()
        assert bar.value() > position or position == bar.maximum(), box.objectName()
        assert not box.hasFocus()  # the wheel does not take the focus either
        roll_wheel(box, 3)
        assert box.currentIndex() == index
    assert {name: settings.get(name) for name in before} == before
    assert not panel.message.isVisible()  # nothing was "saved"


def test_a_focused_list_still_changes_from_the_keyboard(qtbot: QtBot) -> None:
    window, _staff, panel = open_panel(qtbot, "settings", SettingsPanel)
    box = panel.size_box
    box.setFocus()
    settle()
    index = box.currentIndex()
    roll_wheel(box, -1)  # focused: the wheel still leaves it alone
    assert box.currentIndex() == index
    qtbot.keyClick(box, Qt.Key.Key_Down)  # a deliberate key press changes it and saves
    settle()
    assert box.currentIndex() == index + 1
    assert window.settings.get("default_font_size") == box.currentData()
