"""The pain scores' own strip above the OME plot, on their own 0–10 scale (clinician review 15,
#16: NRS 7 drawn inside the OME plot at its top read as an OME of ~110; saved plans were given a
strip below the time axis for the same reason). The chart places the strip (``pain_rect``) and
turns times into pixels; this module places each score on 0–10 and draws the strip. No clinical
number is computed: a score is drawn as recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QPolygonF

from ui.records.timeline_drawing import EVENT_COLOURS, Mark

__all__ = [
    "PAIN_CAPTION",
    "PAIN_ROOM",
    "PAIN_SCALE",
    "draw_pain",
    "pain_points",
    "pain_rect",
    "scored",
]

PAIN_STRIP = 40  # px from 0 to 10 on the pain scale
PAIN_GAP = 14  # px between the strip and the OME plot (the plot's frame and first lane)
PAIN_HEAD = 8  # px above 10: the dot of a 10 is whole, its number beside it
PAIN_ROOM = PAIN_HEAD + PAIN_STRIP + PAIN_GAP  # what the strip adds above the plot
PAIN_SCALE = ("0", "10")  # the strip's own scale, written at its left
PAIN_CAPTION = "NRS"  # beside the scale: a pain score, 0–10 (the legend says it in words)
SCORE_MAX = 10.0


def scored(marks: Sequence[Mark]) -> list[Mark]:
    """The pain scores among the events (drawn in the strip, never among the event labels)."""
    return [m for m in marks if m.kind == "nrs" and m.score is not None]


def pain_rect(plot: QRectF) -> QRectF:
    """The strip's 0–10 span: above the OME plot, as wide as it (the times line up)."""
    return QRectF(plot.left(), plot.top() - PAIN_GAP - PAIN_STRIP, plot.width(), PAIN_STRIP)


def pain_points(
    marks: Sequence[Mark], strip: QRectF, x_of: Callable[[float], float]
) -> list[tuple[QPointF, int]]:
    """(where, score) of each pain score, in time order: at its time, at its height on 0–10."""
    points = []
    for mark in sorted(scored(marks), key=lambda m: m.start):
        assert mark.score is not None  # ``scored``
        y = strip.bottom() - mark.score / SCORE_MAX * strip.height()
        points.append((QPointF(x_of(mark.start), y), mark.score))
    return points


def draw_pain(
    painter: QPainter, strip: QRectF, points: Sequence[tuple[QPointF, int]], text: QColor
) -> None:
    """The strip: its frame and scale (0 and 10, "NRS"), the scores joined by a thin line, each
    a dot with its number beside it."""
    grid = QColor(text)
    grid.setAlpha(60)
    painter.setPen(QPen(grid, 1))
    painter.drawRect(strip.adjusted(0, -PAIN_HEAD / 2, 0, PAIN_HEAD / 2))
    metrics = QFontMetrics(painter.font())
    painter.setPen(text)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for value, y in zip(PAIN_SCALE, (strip.bottom(), strip.top()), strict=True):
        painter.drawText(QRectF(0, y - 8, strip.left() - 6, 16), right, value)
    middle = strip.center().y()
    painter.drawText(QRectF(0, middle - 8, strip.left() - 6, 16), right, PAIN_CAPTION)
    colour = QColor(EVENT_COLOURS["nrs"])
    painter.setPen(QPen(colour, 1.0))
    if len(points) > 1:
        painter.drawPolyline(QPolygonF([point for point, _score in points]))
    painter.setBrush(colour)
    for point, score in points:
        painter.drawEllipse(point, 4.0, 4.0)
        painter.drawText(QPointF(point.x() + 6, point.y() + metrics.ascent() / 2 - 1), f"{score}")
    painter.setBrush(Qt.BrushStyle.NoBrush)
