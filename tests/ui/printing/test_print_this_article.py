"""打印这篇文章 in the real window: the button at the article's end opens the preview of
the article in large print, in the reader's script; community mode restricts it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.script import convert
from reader.ui.printing.preview import PrintPreview
from tests.support.card_window import card_window
from tests.support.print_fixtures import use_persistent_font_cache
from tests.support.window_helpers import open_gates, settle


@pytest.fixture(autouse=True)
def _print_fonts(pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_print_this_article_opens_its_preview(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                             script: str) -> None:  # fmt: skip
    seen: list[tuple[object, ...]] = []

    def fake_exec(self: PrintPreview) -> int:
        seen.append((self.job.kind, self.job.title, self.script, len(self.pages),
                     self.page_count.text(), self.parent()))  # fmt: skip
        return 0

    monkeypatch.setattr(PrintPreview, "exec", fake_exec)
    parts = card_window(qtbot, article="003_bcc1e477f3fe7536", script=script)
    window = parts.window
    view = window.article_page.view
    button = parts.printing.article_button
    assert button.text() == convert("打印这篇文章", script)  # type: ignore[arg-type]
    assert button in view.focus_chain()  # Tab reaches it, after the text
    assert view.end_buttons.buttons()[-1] is button
    settle()
    open_gates(window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)  # (a new PC makes the print font first)
    kind, title, shown_script, pages, count, parent = seen[0]
    assert kind == "article" and shown_script == script and parent is window
    assert title == convert("筑牢民生根基 增进民生福祉", script)  # type: ignore[arg-type]
    assert pages > 1
    assert count.startswith(convert(f"第 1 页，共 {pages} 页", script))  # type: ignore[arg-type]
