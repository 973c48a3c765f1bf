"""Walk every visible widget of home and article view, in both themes, at the smallest
and largest text size, and check what a resident with weak eyes and shaky hands needs:
targets ≥ 64 × 64 px with accessible names, ≥ 7:1 contrast measured on the rendered
window, sizes and spacing of the text, and no sideways scrolling."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontInfo, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from reader.core.contrast import contrast_ratio
from reader.core.script import convert
from reader.core.theme import BORDER_PX, FOCUS_PX, THEMES
from reader.core.typography import MIN_TARGET_PX, UI_LABEL_PT
from reader.ui.shell.main_window import MainWindow
from reader.ui.widgets.text_block import TextBlock
from tests.support.window_helpers import LONGEST, block, make_window, settle, style

CASES = [(theme, size) for theme in THEMES for size in (18, 48)]


def visible_rect(widget: QWidget, window: MainWindow) -> QRect:
    """The part of `widget` actually on screen, in window coordinates."""
    local = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(window, local.topLeft()), local.size())


def colour_counts(image: QImage, rect: QRect, stride: int = 2) -> Counter[int]:
    crop = image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)
    if stride > 1:  # nearest-neighbour sampling keeps exact colours
        crop = crop.scaled(max(1, crop.width() // stride), max(1, crop.height() // stride),
                           Qt.AspectRatioMode.IgnoreAspectRatio,
                           Qt.TransformationMode.FastTransformation)
    return Counter(memoryview(crop.constBits()).cast("I"))


def hex_of(argb: int) -> str:
    return f"#{argb & 0xFFFFFF:06X}"


def interactive_widgets(window: MainWindow) -> list[QWidget]:
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or isinstance(widget, TextBlock):
            continue
        clickable = isinstance(widget, (QAbstractButton, QScrollBar))
        keyboard = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if clickable or keyboard:
            found.append(widget)
    return found


def text_widgets(window: MainWindow) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, TextBlock) and widget.plain_text():
            found.append(widget)
        elif isinstance(widget, QAbstractButton) and widget.text():
            found.append(widget)
    return found


def check_rendered_contrast(window: MainWindow, area: QAbstractScrollArea | None) -> set[str]:
    """Scroll through the page; each text widget is checked once while on screen: its
    background is the commonest colour where it is drawn, its text colour is the one
    from its palette (what the style sheet set) and must really be drawn there."""
    pending = {id(w): w for w in text_widgets(window)}
    pairs: set[str] = set()
    bar = area.verticalScrollBar() if area else None
    positions = range(0, bar.maximum() + bar.pageStep(), max(1, bar.pageStep())) if bar else [0]
    for position in positions:
        if bar:
            bar.setValue(position)
            settle()
        image = window.grab().toImage()
        for key, widget in list(pending.items()):
            rect = visible_rect(widget, window)
            if rect.height() < 8 or rect.width() < 8:
                continue
            counts = colour_counts(image, rect)
            background = hex_of(counts.most_common(1)[0][0])
            role = QPalette.ColorRole.WindowText if isinstance(widget, TextBlock) \
                else widget.foregroundRole()
            ink = widget.palette().color(role)
            ink_argb = QColor(ink).rgb() & 0xFFFFFF
            drawn = sum(n for argb, n in counts.items() if argb & 0xFFFFFF == ink_argb)
            if drawn < 3:
                continue  # only a sliver of it is on screen; wait for a later page
            ratio = contrast_ratio(ink.name(), background)
            assert ratio >= 7.0, (widget, ink.name(), background, ratio)
            pairs.add(f"{ink.name().upper()} on {background}")
            del pending[key]
    never_seen = [w for w in pending.values() if w.visibleRegion().isEmpty() is False]
    assert not never_seen or all(visible_rect(w, window).height() < 8 for w in never_seen), \
        never_seen
    return pairs


@pytest.mark.parametrize(("theme", "size"), CASES)
def test_home_and_article_walk(qtbot: QtBot, theme: str, size: int) -> None:
    window = make_window(qtbot, theme=theme, font_size=size)
    for page_name in ("home", "article"):
        if page_name == "article":
            window.open_article(LONGEST)
            settle()
        page = window.current_page()
        for text_block in window.article_page.view.text_blocks():  # clickable too
            assert text_block.height() >= MIN_TARGET_PX, text_block.block_id
        for widget in interactive_widgets(window):
            geometry = widget.size()
            assert geometry.width() >= MIN_TARGET_PX and geometry.height() >= MIN_TARGET_PX, \
                (page_name, widget, geometry)
            assert widget.accessibleName().strip(), (page_name, widget)
            assert widget.accessibleDescription().strip(), (page_name, widget)
            if isinstance(widget, QAbstractButton):
                assert QFontInfo(widget.font()).pointSizeF() >= UI_LABEL_PT - 0.5, widget
        pairs = check_rendered_contrast(window, page.scroll_area())
        assert pairs, "no text was checked"


def test_names_follow_the_script(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    for page in ("home", "article"):
        if page == "article":
            window.open_article(LONGEST)
        # (the 简/繁 button names the other script, so its words change: test_window)
        widgets = [w for w in interactive_widgets(window) if w is not window.toolbar.script]
        before = {id(w): (w.accessibleName(), w.accessibleDescription()) for w in widgets}
        for name, description in before.values():
            assert convert(name, "simplified") == name
            assert convert(description, "simplified") == description
        window.toggle_script()
        for widget in widgets:
            name, description = before[id(widget)]
            new_name, new_description = widget.accessibleName(), widget.accessibleDescription()
            # same words, in the other script wherever the two scripts differ
            assert convert(new_name, "simplified") == convert(name, "simplified")
            assert convert(new_description, "simplified") == convert(description, "simplified")
            if convert(description, "traditional") != description:
                assert new_description != description, widget
        window.toggle_script()


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
@pytest.mark.parametrize("font_size", [18, 48])
def test_text_reflows_without_sideways_scrolling(qtbot: QtBot, size: tuple[int, int],
                                                 font_size: int) -> None:
    window = make_window(qtbot, size=size, font_size=font_size)
    window.open_article(LONGEST)
    settle()
    view = window.article_page.view
    assert not view.horizontalScrollBar().isVisible()
    content = view.widget()
    assert content is not None and content.width() <= view.viewport().width()
    for text_block in view.text_blocks():
        assert text_block.geometry().right() <= view.viewport().width()
        document = text_block.document()
        assert document.idealWidth() <= document.textWidth() + 1, text_block.block_id
    # the toolbar keeps every button inside the window
    for button in window.toolbar.buttons():
        assert button.mapTo(window, QPoint(button.width(), 0)).x() <= window.width()


@pytest.mark.parametrize("font_size", [18, 26, 48])
def test_line_height_gaps_and_title_size(qtbot: QtBot, font_size: int) -> None:
    window = make_window(qtbot, font_size=font_size)
    window.open_article(LONGEST)
    view = window.article_page.view
    px = window.look.px(font_size)
    assert style(block(window, "title")).pt >= 1.4 * font_size
    for text_block in view.text_blocks():
        block_style = style(text_block)
        layout = text_block.document().firstBlock().layout()
        font_px = window.look.px(block_style.pt)
        count = layout.lineCount()
        assert count, text_block.block_id
        # line pitch: from one line's top to the next (QTextLine.height() is the font's)
        tops = [layout.lineAt(i).y() for i in range(count)]
        for upper, lower in itertools.pairwise(tops):
            assert lower - upper >= 1.6 * font_px - 0.5, (text_block.block_id, lower - upper)
        assert text_block.document().size().height() >= count * 1.6 * font_px - 0.5
        if text_block.kind == "paragraph":
            assert block_style.gap_px >= 1.0 * 1.6 * px  # a blank line between paragraphs


@pytest.mark.parametrize("theme", list(THEMES))
def test_focus_is_a_thick_outline(qtbot: QtBot, theme: str) -> None:
    window = make_window(qtbot, theme=theme)
    button = window.toolbar.bigger
    focus_colour = THEMES[theme].focus.upper()

    def border_run(image: QImage) -> int:
        y = image.height() // 2
        run = 0
        while run < image.width() and image.pixelColor(run, y).name().upper() == focus_colour:
            run += 1
        return run

    window.toolbar.home.setFocus()
    settle()
    assert border_run(button.grab().toImage()) == 0
    button.setFocus()
    settle()
    assert border_run(button.grab().toImage()) >= max(3, FOCUS_PX - 1) > BORDER_PX
