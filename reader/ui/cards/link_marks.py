"""Inline links to topic cards, made usable without colour vision and without a mouse.

A TextBlock draws a link as underlined text in the link colour (text_block.py). This
adds, from outside the block (an event filter, so the text widget stays simple):
- a small round marker with an arrow after each link, so a link differs from plain
  text by shape as well as by colour and underline;
- the keyboard: a block holding links becomes a Tab stop; Enter opens its current
  link, Left/Right choose another one, and a thick focus frame (the theme's focus
  colour, the same width as on buttons) shows which one Enter will open;
- words for screen readers: the block's accessible description names its links and
  says which key opens them (its accessible name stays the paragraph's text).

Clicks need nothing extra: TextBlock already turns a click on a link into
`link_activated`, and Enter here emits the same signal, so every way of opening a
card goes through one path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextLine,
)
from PySide6.QtWidgets import QScrollArea

from reader.core.look import Look
from reader.core.text_style import TextSpan
from reader.core.theme import FOCUS_PX
from reader.ui.widgets.text_block import LINK_MARK_EM, TextBlock

MARKER_EM = 0.56  # marker diameter, in the block's font size (fits in LINK_MARK_EM)
IDEOGRAPH_MIDDLE_EM = 0.38  # a CJK character's middle, above the baseline


@dataclass
class _BlockLinks:
    spans: list[TextSpan]
    titles: list[str]  # card titles in the displayed script, one per span
    current: int = 0


class LinePiece(NamedTuple):
    rect: QRectF  # the characters' box on one line, in the block's coordinates
    baseline: float


def span_rects(block: TextBlock, start: int, end: int) -> list[QRectF]:
    """The rectangles (one per line) that characters [start, end) of `block` occupy,
    in the block's own coordinates."""
    return [piece.rect for piece in span_pieces(block, start, end)]


def span_pieces(block: TextBlock, start: int, end: int) -> list[LinePiece]:
    """Like span_rects, with each line's baseline."""
    doc = block.document()  # laid out for the block's width
    style = block.style_()
    origin = QPointF(style.indent_px if style else 0, style.gap_px if style else 0)
    rects: list[LinePiece] = []
    position = start
    while position < end:
        text_block = doc.findBlock(position)
        if not text_block.isValid():
            break
        top = doc.documentLayout().blockBoundingRect(text_block).top()  # also lays it out
        layout = text_block.layout()
        line = layout.lineForTextPosition(position - text_block.position())
        if not line.isValid():
            break
        line_end = text_block.position() + line.textStart() + line.textLength()
        stop = min(end, line_end)
        if stop <= position:  # past the end of a paragraph of the document
            position += 1
            continue
        x1 = _x_of(line, position - text_block.position())
        x2 = _x_of(line, stop - text_block.position())
        rect = QRectF(x1, top + line.y(), x2 - x1, line.height()).translated(origin)
        rects.append(LinePiece(rect, rect.top() + line.ascent()))
        position = stop
    return rects


def _x_of(line: QTextLine, position: int) -> float:
    x = line.cursorToX(position)  # PySide gives (x, position)
    return float(x[0] if isinstance(x, tuple) else x)  # type: ignore[arg-type]


class LinkMarks(QObject):
    """Decorates the linked blocks of one article view (see the module docstring)."""

    def __init__(self, view: QScrollArea) -> None:
        super().__init__(view)
        self.view = view
        self.look: Look | None = None
        self._links: dict[TextBlock, _BlockLinks] = {}

    # --- which blocks have links ---------------------------------------------------------
    def set_block_links(self, block: TextBlock, spans: list[TextSpan],
                        titles: list[str], look: Look) -> None:
        """`spans` are the block's link spans in reading order, `titles` the card each
        one opens (in the displayed script)."""
        self.look = look
        state = self._links.get(block)
        if state is None:
            block.installEventFilter(self)
            block.destroyed.connect(lambda _=None, b=block: self._links.pop(b, None))
            state = self._links[block] = _BlockLinks(spans, titles)
        state.spans, state.titles = list(spans), list(titles)
        state.current = min(state.current, len(spans) - 1)
        block.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._describe(block, state)
        block.update()

    def clear(self) -> None:
        """Before another article is shown (its blocks are new widgets)."""
        for block in list(self._links):
            block.removeEventFilter(self)
            block.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            block.setAccessibleDescription("")
        self._links.clear()

    def linked_blocks(self) -> list[TextBlock]:
        return list(self._links)

    def current_target(self, block: TextBlock) -> str:
        state = self._links.get(block)
        return state.spans[state.current].target if state else ""

    def _describe(self, block: TextBlock, state: _BlockLinks) -> None:
        if self.look is None:
            return
        titles = list(dict.fromkeys(state.titles))
        block.setAccessibleDescription(self.look.t(
            "card.links_in_block", titles="、".join(titles), current=state.titles[state.current]))

    # --- events -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, TextBlock) or watched not in self._links:
            return False
        kind = event.type()
        if kind == QEvent.Type.Paint:
            # the block paints its text, then the markers and focus frame go on top
            watched.paintEvent(event)  # type: ignore[arg-type]
            self._paint(watched, event)  # type: ignore[arg-type]
            return True
        if kind == QEvent.Type.KeyPress:
            return self._key(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.FocusIn:
            state = self._links[watched]
            if isinstance(event, QFocusEvent) and \
                    event.reason() == Qt.FocusReason.BacktabFocusReason:
                state.current = len(state.spans) - 1  # Shift+Tab arrives at the last link
            elif isinstance(event, QFocusEvent) and \
                    event.reason() == Qt.FocusReason.TabFocusReason:
                state.current = 0
            self._describe(watched, state)
            self._show_current(watched)
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            watched.update()
        return False

    def _key(self, block: TextBlock, event: QKeyEvent) -> bool:
        state = self._links[block]
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if not event.isAutoRepeat():
                block.link_activated.emit(state.spans[state.current].target)
            return True
        step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}.get(Qt.Key(key))
        if step is not None and len(state.spans) > 1:
            state.current = (state.current + step) % len(state.spans)
            self._describe(block, state)
            self._show_current(block)
            block.update()
            return True
        return False

    def _show_current(self, block: TextBlock) -> None:
        """Scroll just enough that the link Enter would open is on screen."""
        state = self._links[block]
        span = state.spans[state.current]
        rects = span_rects(block, span.start, span.end)
        if rects:
            centre = rects[0].center().toPoint()
            margin = round(rects[0].height())
            self.view.ensureVisible(block.x() + centre.x(), block.y() + centre.y(),
                                    0, margin)

    # --- drawing --------------------------------------------------------------------------------
    def _paint(self, block: TextBlock, event: QPaintEvent) -> None:
        look = self.look
        style = block.style_()
        if look is None or style is None:
            return
        state = self._links[block]
        em = style.pt * block.logicalDpiY() / 72
        link = QColor(look.theme.link)
        paper = QColor(look.theme.background)
        # Inside the sentence being read the marker takes the highlight's colours: the
        # link colour on the highlight is too faint there (1.45:1 in 高对比, measured).
        lit = [h for h in block.spans() if h.kind == "highlight"]
        lit_ink = QColor(look.span_colours.highlight_text)
        lit_paper = QColor(look.span_colours.highlight)
        painter = QPainter(block)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, span in enumerate(state.spans):
            pieces = span_pieces(block, span.start, span.end)
            if not pieces:
                continue
            if any(h.start <= span.end - 1 < h.end for h in lit):
                _draw_marker(painter, pieces[-1], em, lit_ink, lit_paper)
            else:
                _draw_marker(painter, pieces[-1], em, link, paper)
            if index == state.current and block.hasFocus():
                pen = QPen(QColor(look.theme.focus), FOCUS_PX)
                pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                pad = FOCUS_PX / 2 + 1
                for piece in pieces:
                    painter.drawRect(piece.rect.adjusted(-pad, 0, pad, 0))
        painter.end()


def _draw_marker(painter: QPainter, last: LinePiece, em: float, ink: QColor,
                 paper: QColor) -> None:
    """A filled circle with an arrow (→) in it, in the room TextBlock leaves after the
    link's last character, level with the middle of the characters."""
    room = em * LINK_MARK_EM
    r = em * MARKER_EM / 2
    centre = QPointF(last.rect.right() - room / 2, last.baseline - em * IDEOGRAPH_MIDDLE_EM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    painter.drawEllipse(centre, r, r)
    arrow = QPainterPath()  # →: "go to", not ▶ (that would look like a play button)
    arrow.moveTo(centre + QPointF(-r * 0.55, 0))
    arrow.lineTo(centre + QPointF(r * 0.5, 0))
    arrow.moveTo(centre + QPointF(r * 0.05, -r * 0.45))
    arrow.lineTo(centre + QPointF(r * 0.5, 0))
    arrow.lineTo(centre + QPointF(r * 0.05, r * 0.45))
    pen = QPen(paper, max(1.5, r * 0.28))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(arrow)
