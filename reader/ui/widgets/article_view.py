"""The article as the resident reads it: a scrolling column of text blocks.

Title, deck, byline, section headings, paragraphs and captions are TextBlock widgets
(see text_block.py for why not one QTextBrowser), each addressable by id:

    "title", "deck", "date", "byline", "column", "h0", "h1"… (section headings, by section
    index) and the article's own block ids "p1", "p2"…

What later features use (all keep working across size and 简/繁 changes, because
conversion keeps text length and ids never change):
- `highlight(block_id, start, end)` / `clear_highlight()`: the sentence read aloud.
- `scroll_to_block(id, "top"|"middle")`, `scroll_to_text(id, offset)`: keep it in view.
- `section_top_row(i)` / `section_end_row(i)`: ButtonRows under section i's heading
  (朗读这一段) and after its last block (card buttons). Fill them in a slot connected to
  `article_shown`, which fires after every new article; rows hide while empty.
- `set_links(block_id, spans)`: inline links; clicks come out of `link_activated`.
- `block_clicked(id)`: the reader clicked a paragraph (move read-aloud there).
Horizontal scrolling is off and every block wraps anywhere, so text reflows to any width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from reader.core.article import Article
from reader.core.look import Look
from reader.core.text_style import BlockStyle, TextSpan
from reader.core.typography import MIN_TARGET_PX
from reader.ui.widgets.basics import BigButton, FlowLayout, give_own_viewport
from reader.ui.widgets.text_block import TextBlock

# Block id at the top of the view, and the fraction of it scrolled past (below 0: the
# top edge is in the space above that block, e.g. the column's margin above the title).
Place = tuple[str, float]


class ButtonRow(QWidget):
    """A wrapping row of big buttons inside the article; hidden while it is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing=16)
        self.flow.setContentsMargins(0, 16, 0, 0)
        self.hide()

    def add_button(self, button: QWidget) -> None:
        self.flow.addWidget(button)
        self.show()

    def buttons(self) -> list[QWidget]:
        return self.flow.widgets()

    def clear(self) -> None:
        for widget in self.buttons():
            self.flow.removeWidget(widget)
            widget.deleteLater()
        self.hide()


def block_texts(article: Article) -> dict[str, str]:
    """Every addressable piece of text of `article` by id (see the module docstring)."""
    texts = {"title": article.title, "deck": article.deck, "date": article.when(),
             "byline": article.byline}
    for index, section in enumerate(article.sections):
        if section.heading:
            texts[f"h{index}"] = section.heading
        for block in section.blocks:
            texts[block.id] = block.text
    texts["column"] = article.column
    return {key: value for key, value in texts.items() if value}


class ArticleView(QScrollArea):
    block_clicked = Signal(str)
    link_activated = Signal(str)
    article_shown = Signal(object)  # the Article, in the displayed script
    place_changed = Signal(str)  # block id at the top, once scrolling has settled
    focus_chain_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        give_own_viewport(self)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there: the text column then has one width from the start, instead of
        # being laid out again when the bar appears (and the bar never jumps in and out).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._content = QWidget()
        self._content.setObjectName("articleContent")
        self._column = QVBoxLayout(self._content)
        self._column.setSpacing(0)
        self.setWidget(self._content)
        self.article: Article | None = None  # in the displayed script
        self.look: Look | None = None
        self._blocks: dict[str, TextBlock] = {}
        self._top_rows: list[ButtonRow] = []
        self._end_rows: list[ButtonRow] = []
        self._links: dict[str, tuple[TextSpan, ...]] = {}
        self._highlight: tuple[str, int, int] | None = None
        self._held_back: list[QWidget] = []  # see hold_back_offscreen
        self._first_block = ""
        self.end_mark = TextBlock("end", "end")
        self.back_button = BigButton()
        self.back_button.setObjectName("backHome")
        # 返回首页, 下一篇, and what other features add (打印这篇文章); in the column from the
        # start, so that showing it never makes a window of its own
        self.end_buttons = ButtonRow(self._content)
        self._column.addWidget(self.end_buttons)
        self.next_button = BigButton()
        self.next_button.setObjectName("nextArticle")
        self._next_title = ""
        self.end_buttons.add_button(self.back_button)
        self.end_buttons.add_button(self.next_button)
        self.next_button.hide()
        self._place_timer = QTimer(self)
        self._place_timer.setSingleShot(True)
        self._place_timer.setInterval(400)
        self._place_timer.timeout.connect(self._report_place)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._place_timer.start())

    # --- building ------------------------------------------------------------------
    def show_article(self, article: Article, look: Look) -> None:
        """Show a new article from its top."""
        self._clear()
        self.article, self.look = article, look
        texts = block_texts(article)
        # the date under the title and its subtitle, then who wrote it
        for key, kind in (("title", "title"), ("deck", "deck"), ("date", "byline"),
                          ("byline", "byline")):
            if key in texts:
                self._add_block(key, kind)
        for index, section in enumerate(article.sections):
            if section.heading:
                self._add_block(f"h{index}", "heading")
            self._top_rows.append(self._add_row())
            for block in section.blocks:
                self._add_block(block.id, block.kind)
            self._end_rows.append(self._add_row())
        if "column" in texts:
            self._add_block("column", "column")
        self._column.addWidget(self.end_mark)
        self._column.addWidget(self.end_buttons)
        self._column.addStretch(1)
        self._apply(article, look)
        self.verticalScrollBar().setValue(0)
        self.article_shown.emit(article)
        self.focus_chain_changed.emit()

    def _clear(self) -> None:
        while self._column.count():
            item = self._column.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None and widget not in (self.end_mark, self.end_buttons):
                widget.hide()
                widget.deleteLater()
        self._blocks.clear()
        self._top_rows.clear()
        self._end_rows.clear()
        self._links.clear()
        self._highlight = None
        self._held_back.clear()
        self._first_block = ""

    def _add_block(self, block_id: str, kind: str) -> None:
        block = TextBlock(block_id, kind, min_height=MIN_TARGET_PX)  # clickable: read from here
        block.clicked.connect(self.block_clicked)
        block.link_activated.connect(self.link_activated)
        self._blocks[block_id] = block
        self._column.addWidget(block)
        block.show()  # now, not on the next event loop pass: positions are needed at once

    def _add_row(self) -> ButtonRow:
        row = ButtonRow()
        self._column.addWidget(row)
        return row

    # --- look (size, script, theme) ------------------------------------------------------
    def set_look(self, look: Look, article: Article) -> None:
        """Redraw for a new size/script/theme (`article` is the same one in the new
        script); the block at the top of the view stays at the top."""
        self.show_held_back()
        place = self.place()
        self._apply(article, look)
        if place:
            self.restore_place(place)

    def _style_for(self, kind: str, look: Look) -> BlockStyle:
        sizes = look.sizes
        half_line = look.body_line_px // 2
        if kind == "title":
            return look.style(sizes.title, gap_px=0, bold=True, heading=True)
        if kind == "deck":
            return look.style(sizes.deck, gap_px=half_line)
        if kind == "byline":
            return look.style(sizes.byline, gap_px=half_line)
        if kind == "heading":
            bar = max(6, round(look.px(sizes.heading) / 5))
            return look.style(sizes.heading, gap_px=round(look.paragraph_gap_px * 1.5),
                              bold=True, heading=True, bar_px=bar,
                              indent_px=bar + round(look.px(sizes.heading) / 2))
        if kind == "caption":
            bar = 4
            return look.style(sizes.caption, bar_px=bar,
                              indent_px=bar + round(look.px(sizes.caption) * 0.6))
        if kind == "column":
            return look.style(sizes.byline, bold=True)
        if kind == "end":
            return look.style(sizes.byline, centre=True)
        return look.style(sizes.body)

    def _apply(self, article: Article, look: Look) -> None:
        self.article, self.look = article, look
        texts = block_texts(article)
        colours = look.span_colours
        for block_id, block in self._blocks.items():
            block.set_span_colours(colours)
            style = self._style_for(block.kind, look)
            if block_id in ("date", "byline") and "date" in self._blocks:
                # the date and the byline are one short source note under the title: kept
                # close together, so a 600 px screen still shows the first paragraph
                style = style._replace(gap_px=look.body_line_px // 6)
            block.set_content(texts.get(block_id, ""), style)
            if block.kind == "heading":
                block.setAccessibleDescription(look.t("article.heading_desc"))
            elif block.kind == "caption":
                block.setAccessibleDescription(look.t("article.caption_desc"))
        self.end_mark.set_content(look.t("article.end"), self._style_for("end", look))
        self.back_button.set_texts(look.t("article.back_home"), look.t("article.back_home_desc"))
        self._label_next(look)
        self.setAccessibleName(look.t("article.view_name", title=article.title))
        self.setAccessibleDescription(look.t("article.view_desc"))
        self.verticalScrollBar().setSingleStep(look.body_line_px)
        self.verticalScrollBar().setAccessibleName(look.t("scrollbar.name"))
        self.verticalScrollBar().setAccessibleDescription(look.t("scrollbar.desc"))
        self._update_margins()
        self._settle()

    def set_next(self, title: str) -> None:
        """The title of the article 下一篇 opens (in the displayed script); "" hides it
        (the last article)."""
        self._next_title = title
        self.next_button.setVisible(bool(title))
        if self.look is not None:
            self._label_next(self.look)

    def _label_next(self, look: Look) -> None:
        title = self._next_title
        self.next_button.set_texts(look.t("article.next"), look.t("article.next_desc", title=title),
                                   name=look.t("article.next_name", title=title))

    def _update_margins(self) -> None:
        if self.look is None:
            return
        width = self.viewport().width()
        side = max(24, (width - self.look.column_px) // 2)
        self._column.setContentsMargins(side, 16, side, MIN_TARGET_PX)
        for block in self._blocks.values():
            block.expect_width(width - 2 * side)

    def resizeEvent(self, event: QResizeEvent) -> None:
        place = self.place() if event.oldSize().width() > 0 else None
        # The viewport has its new size already; margins first, so that the column is
        # laid out once, at its new width, not at the old margins and then again.
        self._update_margins()
        super().resizeEvent(event)
        if place and event.oldSize().width() != event.size().width():
            self.restore_place(place)

    def _settle(self) -> None:
        """Lay everything out now (Qt would do it on the next event loop pass), so the
        scroll position can be set against the new block positions."""
        for _ in range(3):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    # --- the first picture -----------------------------------------------------------
    def hold_back_offscreen(self, from_block: str) -> None:
        """Before the window is first shown: hide what its first picture cannot show
        (the blocks above `from_block`, "" for the top, and those more than a screen or
        two below it), so that start-up lays out and draws only that part; a long
        article would otherwise cost start-up time in proportion to its length.
        `show_held_back` puts the rest back after the first paint, keeping the place."""
        widgets = [item.widget() for index in range(self._column.count())
                   if (item := self._column.itemAt(index)) is not None]
        column = [widget for widget in widgets if widget is not None]
        first = self._blocks.get(from_block)
        start = column.index(first) if first is not None else 0
        window = self.window()
        # The window's width over-estimates the column's, so heights are under-estimated
        # and rather more is kept than the screen shows: never a gap at the bottom.
        width, budget = max(1, window.width()), 2 * max(1, window.height())
        used = 0
        for index, widget in enumerate(column):
            if index >= start and used < budget:
                used += (widget.estimated_height(width) if isinstance(widget, TextBlock)
                         else MIN_TARGET_PX)
            elif not widget.isHidden():
                widget.hide()
                self._held_back.append(widget)
        self._first_block = from_block

    def show_held_back(self) -> None:
        """Everything back in the column (after the first paint, or before anything that
        needs the whole article); the block at the top stays at the top."""
        if not self._held_back:
            return
        place = self.place()
        held, self._held_back = self._held_back, []
        for widget in held:
            if not (isinstance(widget, ButtonRow) and not widget.buttons()):
                widget.show()  # (a row emptied meanwhile stays hidden, as rows do)
        self._first_block = ""
        if place is not None:
            self.restore_place(place)
        else:
            self._settle()
        self.focus_chain_changed.emit()

    def has_held_back(self) -> bool:
        return bool(self._held_back)

    # --- place -----------------------------------------------------------------------
    def text_blocks(self) -> list[TextBlock]:
        return list(self._blocks.values())

    def block_widget(self, block_id: str) -> TextBlock | None:
        return self._blocks.get(block_id)

    def place(self) -> Place | None:
        """The first block that reaches below the top edge, and how far into it."""
        top = self.verticalScrollBar().value()
        for block_id, block in self._blocks.items():
            geometry = block.geometry()
            if block.isHidden():
                continue  # held back (see hold_back_offscreen): not in the column now
            if geometry.bottom() >= top and geometry.height() > 0:
                return block_id, (top - geometry.top()) / geometry.height()
        return None

    def top_block_id(self) -> str | None:
        place = self.place()
        return place[0] if place else None

    def restore_place(self, place: Place) -> None:
        block = self._blocks.get(place[0])
        if block is None:
            return
        self._settle()
        if place[1] < 0 and block is next(iter(self._blocks.values())):
            self.verticalScrollBar().setValue(0)  # was above the first block: the very top
            return
        self.verticalScrollBar().setValue(round(block.y() + place[1] * block.height()))

    def scroll_to_block(self, block_id: str, where: str = "top") -> None:
        block = self._blocks.get(block_id)
        if block is None:
            return
        if block_id != self._first_block:  # the first picture's own block is in it
            self.show_held_back()
        self._settle()
        gap = block.style_().gap_px if block.style_() else 0  # type: ignore[union-attr]
        if where == "middle":
            value = block.y() + (block.height() + gap) // 2 - self.viewport().height() // 2
        else:
            value = block.y() + gap
        self.verticalScrollBar().setValue(value)

    def scroll_to_text(self, block_id: str, position: int, where: str = "middle") -> None:
        """Scroll so the line holding character `position` of the block is in the middle
        of the view (or at the top)."""
        block = self._blocks.get(block_id)
        if block is None:
            return
        self.show_held_back()
        self._settle()
        y = block.y() + block.line_top(position)
        line = block.style_().line_px if block.style_() else 0  # type: ignore[union-attr]
        if where == "middle":
            y -= (self.viewport().height() - line) // 2
        self.verticalScrollBar().setValue(y)

    def _report_place(self) -> None:
        block_id = self.top_block_id()
        if block_id:
            self.place_changed.emit(block_id)

    # --- spans: highlight and links ----------------------------------------------------
    def highlight(self, block_id: str, start: int, end: int) -> None:
        previous = self._highlight
        self._highlight = (block_id, start, end)
        if previous and previous[0] != block_id:
            self._refresh_spans(previous[0])
        self._refresh_spans(block_id)

    def clear_highlight(self) -> None:
        previous, self._highlight = self._highlight, None
        if previous:
            self._refresh_spans(previous[0])

    def set_links(self, block_id: str, spans: list[TextSpan]) -> None:
        self._links[block_id] = tuple(spans)
        self._refresh_spans(block_id)

    def _refresh_spans(self, block_id: str) -> None:
        block = self._blocks.get(block_id)
        if block is None or self.look is None:
            return
        spans = list(self._links.get(block_id, ()))
        if self._highlight and self._highlight[0] == block_id:
            spans.append(TextSpan(self._highlight[1], self._highlight[2], "highlight"))
        block.set_spans(spans, self.look.span_colours)

    # --- rows and focus ------------------------------------------------------------------
    def section_top_row(self, index: int) -> ButtonRow:
        return self._top_rows[index]

    def section_end_row(self, index: int) -> ButtonRow:
        return self._end_rows[index]

    def focus_chain(self) -> list[QWidget]:
        """The view itself (arrow keys scroll it), then every focusable widget inside in
        layout order: that is screen order, whatever was added when."""
        chain: list[QWidget] = [self]
        for index in range(self._column.count()):
            item = self._column.itemAt(index)
            widget = item.widget() if item else None
            if isinstance(widget, ButtonRow):
                chain.extend(widget.buttons())
            elif widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                chain.append(widget)
        return chain
