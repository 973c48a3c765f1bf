"""One block of reading text (title, paragraph, caption, heading…) as a widget.

The article view is a column of these rather than one QTextBrowser because the later
features need real widgets *between* the text: a 朗读这一段 button under each heading
and a row of ≥ 64 px card buttons after each section, which a text document cannot hold.
Each block still draws itself with a QTextDocument, which gives what a plain QLabel
cannot: exact fixed line heights, wrapping anywhere (a long web address never widens
the page), a cached height per width (a 简/繁 switch of a long article stays well under
50 ms), and char formats for the read-aloud highlight and for inline links.

It is a QLabel underneath only for accessibility: the plain text is the label's text, so
screen readers (AT-SPI, UI Automation) read each block as a label with its words.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from reader.core.text_style import BlockStyle, SpanColours, TextSpan

LINK_MARK_EM = 0.75  # space left after each link for its marker, in font sizes


class TextBlock(QLabel):
    clicked = Signal(str)  # block id: the reader clicked this block (not on a link)
    link_activated = Signal(str)  # a link's target

    def __init__(self, block_id: str, kind: str, parent: QWidget | None = None,
                 min_height: int = 0) -> None:
        """`min_height`: for blocks the reader can click (a one-line title at the
        smallest size would otherwise be a target under 64 px tall)."""
        super().__init__(parent)
        self.block_id = block_id
        self._expected_width = 0  # see expect_width
        self.kind = kind
        self.min_height = min_height
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)
        self._doc.setUndoRedoEnabled(False)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._doc.setDefaultTextOption(option)
        self._plain = ""
        self._style: BlockStyle | None = None
        self._spans: tuple[TextSpan, ...] = ()
        self._colours: SpanColours | None = None
        self._laid_out_width = -1  # width the document is laid out for right now
        self._heights: dict[int, int] = {}  # width -> height; layouts ask for several
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # --- content -------------------------------------------------------------------
    def set_content(self, text: str, style: BlockStyle) -> None:
        if text == self._plain and style == self._style:
            return
        self._plain = text
        self._style = style
        QLabel.setText(self, text)  # what screen readers read
        self._rebuild()

    def set_spans(self, spans: tuple[TextSpan, ...] | list[TextSpan],
                  colours: SpanColours | None = None) -> None:
        self._spans = tuple(spans)
        if colours is not None:
            self._colours = colours
        self._rebuild()

    def set_span_colours(self, colours: SpanColours) -> None:
        if colours != self._colours:
            self._colours = colours
            if self._spans:
                self._rebuild()

    def spans(self) -> tuple[TextSpan, ...]:
        return self._spans

    def plain_text(self) -> str:
        return self._plain

    def style_(self) -> BlockStyle | None:
        return self._style

    def document(self) -> QTextDocument:
        """The laid-out text (tests measure line heights and glyphs from it)."""
        self._lay_out(self.width() if self.width() > 0 else 600)
        return self._doc

    def _rebuild(self) -> None:
        style = self._style
        if style is None:
            return
        font = QFont(style.family)
        font.setPointSizeF(style.pt)
        font.setWeight(QFont.Weight.Bold if style.bold else QFont.Weight.Normal)
        self._doc.setDefaultFont(font)
        self._doc.setPlainText(self._plain)
        cursor = QTextCursor(self._doc)
        cursor.select(QTextCursor.SelectionType.Document)
        block_format = QTextBlockFormat()
        block_format.setLineHeight(float(style.line_px),
                                   QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        if style.centre:
            block_format.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        cursor.mergeBlockFormat(block_format)
        for span in self._spans:
            self._apply_span(span)
        self._laid_out_width = -1
        self._heights.clear()
        self.updateGeometry()
        self.update()

    def _apply_span(self, span: TextSpan) -> None:
        colours = self._colours
        end = min(span.end, len(self._plain))
        if colours is None or not 0 <= span.start < end:
            return
        cursor = QTextCursor(self._doc)
        cursor.setPosition(span.start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        if span.kind == "highlight":
            # background AND weight, so the place is visible without seeing colour
            fmt.setBackground(QColor(colours.highlight))
            fmt.setForeground(QColor(colours.highlight_text))
            fmt.setFontWeight(QFont.Weight.Bold)
        elif span.kind == "link":
            fmt.setForeground(QColor(colours.link))
            fmt.setFontUnderline(True)
            fmt.setAnchor(True)
            fmt.setAnchorHref(span.target)
        cursor.mergeCharFormat(fmt)
        if span.kind == "link" and self._style is not None:
            # room after a link's last character for its marker (drawn by link_marks.py):
            # spacing, not a character, so the text and its offsets stay the same
            cursor.setPosition(end - 1)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            room = QTextCharFormat()
            room.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            room.setFontLetterSpacing(self._style.pt * self.logicalDpiY() / 72 * LINK_MARK_EM)
            cursor.mergeCharFormat(room)

    # --- geometry ------------------------------------------------------------------
    def _text_origin(self) -> QPoint:
        style = self._style
        return QPoint(style.indent_px if style else 0, style.gap_px if style else 0)

    def _height_for(self, width: int) -> int:
        # Qt's layouts ask for the height at several widths while settling (with and
        # without the scroll bar, before and after margins change); laying a long
        # paragraph out again for each is most of the cost of a switch, so keep them.
        height = self._heights.get(width)
        if height is None:
            self._lay_out(width)
            height = self._heights[width] = max(self.min_height, self._text_origin().y() + int(
                self._doc.size().height() + 0.999))
            if len(self._heights) > 8:
                self._heights.pop(next(iter(self._heights)))
        return height

    def _lay_out(self, width: int) -> None:
        if width != self._laid_out_width:
            self._doc.setTextWidth(max(1, width - self._text_origin().x()))
            self._laid_out_width = width

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height_for(width)

    def sizeHint(self) -> QSize:
        # A scroll area lays the text out at the hint's width before it gives the block
        # its real width (and a block not yet placed is 640 px wide): a wasted layout
        # of every paragraph at start-up, measured. So the hint is the width the block
        # will get when its page said so (`expect_width`), and costs nothing otherwise.
        width = self._expected_width or (self.width() if self.width() > 0 else 600)
        height = self._heights.get(width)
        if height is None and self._heights:
            height = self._heights[next(reversed(self._heights))]  # the latest width
        if height is None:
            height = self.estimated_height(width)
        return QSize(width, height)

    def expect_width(self, width: int) -> None:
        """The width the page is about to give this block (see sizeHint)."""
        self._expected_width = width

    def estimated_height(self, width: int) -> int:
        """Lines of square CJK characters at this width, without laying anything out."""
        style = self._style
        if style is None or not self._plain:
            return self.min_height
        em = max(1, round(style.pt * self.logicalDpiY() / 72))
        per_line = max(1, (width - style.indent_px) // em)
        lines = sum(1 + len(part) // per_line for part in self._plain.split("\n"))
        return max(self.min_height, style.gap_px + lines * style.line_px)

    def minimumSizeHint(self) -> QSize:
        # narrow on purpose: the column, not the longest word, decides the width
        return QSize(40, 0)

    def line_top(self, position: int) -> int:
        """y (in this widget) of the top of the line holding character `position`."""
        self._lay_out(self.width())
        block = self._doc.findBlock(position)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position())
        top = self._doc.documentLayout().blockBoundingRect(block).top()
        return self._text_origin().y() + int(top + (line.y() if line.isValid() else 0))

    # --- painting and clicks ---------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self._lay_out(self.width())
        painter = QPainter(self)
        style = self._style
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        if style and style.bar_px:
            top = style.gap_px
            painter.fillRect(0, top, style.bar_px, self.height() - top, ink)
        origin = self._text_origin()
        painter.translate(origin)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Text, ink)
        context.palette = palette
        context.clip = QRectF(event.rect().translated(-origin))
        self._doc.documentLayout().draw(painter, context)

    def _anchor_at(self, pos: QPointF) -> str:
        self._lay_out(self.width())
        local = pos - QPointF(self._text_origin())
        return self._doc.documentLayout().anchorAt(local)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.rect().contains(
                event.position().toPoint()):
            return super().mouseReleaseEvent(event)
        target = self._anchor_at(event.position())
        if target:
            self.link_activated.emit(target)
        else:
            self.clicked.emit(self.block_id)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._spans:
            over_link = bool(self._anchor_at(event.position()))
            self.setCursor(Qt.CursorShape.PointingHandCursor if over_link
                           else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)
