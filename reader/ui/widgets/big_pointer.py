"""特大鼠标: an extra-large, high-contrast mouse pointer (arrow, hand over things that can
be pressed, busy) over the whole window.

Residents lose a 16 px pointer on a 1366 px screen. MIIT's 适老化 rules for desktop
sites ask for an extra-large pointer; this one is about four times the usual size,
black with a thick white edge so it shows on the light and the black theme alike.

How: widgets keep asking for Qt's standard shapes (a button asks for the pointing hand,
a link in a text block for the hand, the rest for the arrow); while the big pointer is
on, an application-wide filter swaps each standard shape for the big drawing of it as
the widget sets it, and `set_big_pointer` swaps every shape already set. Turned off, the
standard shapes come back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

POINTER_PX = 64  # drawn size (the usual pointer is 16-32 px)
_EDGE = QColor("#FFFFFF")
_FILL = QColor("#000000")
_STANDARD = "standardShape"  # widget property: the shape the widget asked for

Shape = Qt.CursorShape


def _arrow_path(s: float) -> QPainterPath:
    points = [(0.08, 0.04), (0.08, 0.80), (0.28, 0.62), (0.42, 0.94), (0.56, 0.88),
              (0.42, 0.57), (0.70, 0.57)]
    path = QPainterPath(QPointF(points[0][0] * s, points[0][1] * s))
    for x, y in points[1:]:
        path.lineTo(x * s, y * s)
    path.closeSubpath()
    return path


def _hand_path(s: float) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)  # the parts overlap: one outline round all
    path.addRoundedRect(QRectF(0.30 * s, 0.04 * s, 0.16 * s, 0.52 * s), 0.08 * s, 0.08 * s)
    for left, top in ((0.46, 0.36), (0.60, 0.40), (0.74, 0.44)):  # the bent fingers
        path.addRoundedRect(QRectF(left * s, top * s, 0.14 * s, 0.30 * s), 0.07 * s, 0.07 * s)
    path.addRoundedRect(QRectF(0.30 * s, 0.46 * s, 0.58 * s, 0.46 * s), 0.14 * s, 0.14 * s)
    path.addRoundedRect(QRectF(0.10 * s, 0.46 * s, 0.26 * s, 0.14 * s), 0.07 * s, 0.07 * s)
    return path.simplified()


def _busy_path(s: float) -> QPainterPath:
    path = QPainterPath()
    for x1, x2, y_wide, y_narrow in ((0.18, 0.82, 0.06, 0.50), (0.18, 0.82, 0.94, 0.50)):
        path.moveTo(x1 * s, y_wide * s)
        path.lineTo(x2 * s, y_wide * s)
        path.lineTo(0.54 * s, y_narrow * s)
        path.lineTo(0.46 * s, y_narrow * s)
        path.closeSubpath()
    return path.simplified()


_DRAWINGS = {Shape.ArrowCursor: (_arrow_path, (0.08, 0.04)),
             Shape.PointingHandCursor: (_hand_path, (0.38, 0.04)),
             Shape.WaitCursor: (_busy_path, (0.5, 0.5)),
             Shape.BusyCursor: (_busy_path, (0.5, 0.5))}


def big_cursor(shape: Shape, size: int = POINTER_PX) -> QCursor:
    """The big drawing of a standard shape (the arrow for shapes not drawn here)."""
    draw, (hot_x, hot_y) = _DRAWINGS.get(shape, _DRAWINGS[Shape.ArrowCursor])
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = draw(size * 0.9)
    path.translate(size * 0.05, size * 0.05)
    painter.setPen(QPen(_EDGE, size / 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(_FILL)
    painter.drawPath(path)
    painter.end()
    return QCursor(pixmap, round(size * (0.05 + 0.9 * hot_x)), round(size * (0.05 + 0.9 * hot_y)))


class BigPointer(QObject):
    """Installed once on the application; `set_on` turns the big pointer on or off."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on = False
        self._cursors: dict[Shape, QCursor] = {}
        self._busy = False

    def cursor(self, shape: Shape) -> QCursor:
        if shape not in self._cursors:
            self._cursors[shape] = big_cursor(shape)
        return self._cursors[shape]

    def set_on(self, on: bool, windows: list[QWidget]) -> None:
        if on == self.on:
            return
        self.on = on
        app = QApplication.instance()
        if app is None:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        for window in windows:
            for widget in [window, *window.findChildren(QWidget)]:
                self._swap(widget)

    def _swap(self, widget: QWidget) -> None:
        if not widget.testAttribute(Qt.WidgetAttribute.WA_SetCursor) and not widget.isWindow():
            return  # it shows its parent's pointer
        asked = widget.property(_STANDARD)
        shape = widget.cursor().shape()
        if shape != Shape.BitmapCursor:
            asked = shape
            widget.setProperty(_STANDARD, int(shape.value))
        elif asked is None:
            return  # a drawing of its own (none in this program)
        else:
            asked = Shape(int(asked))
        widget.setCursor(self.cursor(asked) if self.on else QCursor(asked))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        try:
            if event.type() == QEvent.Type.CursorChange and isinstance(watched, QWidget) \
                    and watched.cursor().shape() != Shape.BitmapCursor:
                self._swap(watched)
        except RuntimeError:  # a widget being deleted
            pass
        return False
