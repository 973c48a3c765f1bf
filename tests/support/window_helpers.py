"""Helpers for the reading-window tests: the real window over the real seed articles,
built as the program builds it (reader.ui.compose)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.core.article import Article
from reader.core.articles_source import load_articles
from reader.core.click_gate import ClickGate
from reader.core.text_style import BlockStyle
from reader.ui.compose import Parts, build_parts
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.settings import Settings
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.text_block import TextBlock

LONGEST = "003_bcc1e477f3fe7536"  # the longest seed, written in 繁體
SHORTER = "000_dd9696c1479e7cb6"  # written in 简体


def settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def make_parts(qtbot: QtBot, size: tuple[int, int] = (1024, 600),
               settings: Settings | None = None, **values: object) -> Parts:
    """A shown window with its features; `values` are settings to start from
    (font_size=48, …)."""
    settings = settings or Settings()
    for name, value in values.items():
        settings.set(name, value)
    parts = build_parts(settings, load_articles())
    window = parts.window
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)  # window shortcuts (Ctrl+=) need an active window
    settle()
    return parts


def make_window(qtbot: QtBot, size: tuple[int, int] = (1024, 600),
                settings: Settings | None = None, **values: object) -> MainWindow:
    """A shown window (see make_parts) for tests of the window alone."""
    return make_parts(qtbot, size, settings, **values).window


def open_gates(window: MainWindow) -> None:
    """Forget recent clicks (tests click faster than any person), so the next click is
    a new one rather than part of a burst."""
    window._page_gate = ClickGate()
    for button in window.findChildren(BigButton):
        button.gate = ClickGate()


def double_click(qtbot: QtBot, widget: QWidget) -> None:
    """What the system sends for a real double click: press, release, double-click
    press, release (QTest.mouseDClick alone sends only the double-click event)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton)


def block(window: MainWindow, block_id: str) -> TextBlock:
    """The article view's block `block_id` (which must exist)."""
    widget = window.article_page.view.block_widget(block_id)
    assert widget is not None, block_id
    return widget


def style(widget: TextBlock) -> BlockStyle:
    value = widget.style_()
    assert value is not None
    return value


def shown_article(window: MainWindow) -> Article:
    article = window.article_page.article
    assert article is not None
    return article
