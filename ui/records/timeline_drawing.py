"""Drawing the OME timeline's marks, steps and title (QPainter), apart from the widget that
holds the data and answers the mouse and keys (``timeline_chart``).

Every function here draws what it is given in pixels already placed: times and values are
turned into pixels by the chart (``x_of``, ``y_of``); no clinical number is computed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QPolygonF

__all__ = [
    "DOTS_DRAWN",
    "EVENT_COLOURS",
    "Mark",
    "draw_marks",
    "draw_steps",
    "place_values",
    "step_dots",
    "title_lines",
]

EVENT_COLOURS = {
    "radiotherapy": QColor(220, 120, 20),
    "chemotherapy": QColor(140, 70, 180),
    "procedure": QColor(20, 140, 140),
    "nrs": QColor(200, 40, 40),
    "note": QColor(110, 110, 110),
}
OTHER_COLOUR = QColor(100, 100, 100)
DENSE_MARKS = 60  # more events than this: short ticks on the axis, no labels
DOTS_DRAWN = 200  # a longer history is drawn as a line, without dots or values


@dataclass(frozen=True)
class Mark:
    """One clinical event as drawn: its kind, start and end (seconds since the epoch)."""

    kind: str
    start: float
    end: float | None
    label: str
    score: int | None = None


def title_lines(metrics: QFontMetrics, title: str, room: int, most: int = 2) -> list[str]:
    """``title`` wrapped at spaces into lines of at most ``room`` pixels; the last of ``most``
    lines is elided when the title needs more (the whole title is the chart's tooltip)."""
    lines: list[str] = []
    for word in title.split(" "):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(joined) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines]


def draw_marks(
    painter: QPainter,
    rect: QRectF,
    marks: Sequence[Mark],
    x_of: Callable[[float], float],
    labels: Sequence[tuple[Mark, float, float, str]],
) -> None:
    """Events as dashed lines (bands for a span) and the labels placed by the chart; many
    events become ticks on the axis. Pain scores are not drawn here: they have their own strip
    and 0–10 scale above the plot (``timeline_pain``; a bar of NRS 7 read as ~60 OME, review 5,
    and a marker at the plot's top as ~110, review 15 #16)."""
    few = len([m for m in marks if m.kind != "nrs"]) <= DENSE_MARKS
    lines: dict[str, list[QLineF]] = {}
    bands: dict[str, list[QRectF]] = {}
    top, bottom = rect.top(), rect.bottom()
    rug = bottom - 10  # dense events: short ticks above the time axis
    for mark in marks:
        if mark.kind == "nrs" and mark.score is not None:
            continue
        x = x_of(mark.start)
        if mark.end is not None and mark.end > mark.start:
            width = max(x_of(mark.end) - x, 2.0)
            bands.setdefault(mark.kind, []).append(QRectF(x, top, width, rect.height()))
        lines.setdefault(mark.kind, []).append(QLineF(x, top if few else rug, x, bottom))
    for kind, rects in bands.items():
        band = QColor(EVENT_COLOURS.get(kind, OTHER_COLOUR))
        band.setAlpha(45)
        for r in rects:
            painter.fillRect(r, band)
    for kind, kind_lines in lines.items():
        colour = QColor(EVENT_COLOURS.get(kind, OTHER_COLOUR))
        dashed = few and kind != "nrs"
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        painter.setPen(QPen(colour, 1.5 if dashed else 1.0, style))
        painter.drawLines(kind_lines)
    for mark, left, y, text in labels:
        painter.setPen(EVENT_COLOURS.get(mark.kind, OTHER_COLOUR))
        painter.drawText(QPointF(left, y), text)


def draw_steps(
    painter: QPainter,
    steps: Sequence[tuple[float, float | None]],
    xs: Sequence[float],
    x_end: float,
    y_of: Callable[[float], float],
    colour: QColor,
    bottom: float,
) -> None:
    """The daily OME as a step line (a gap where it was not computable, said in words), with
    dots and values on a short history. ``xs``: where each step starts (``step_dots``)."""
    pen = QPen(colour, 2.5)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    segment: list[QPointF] = []
    unknown: list[float] = []
    for i, (_t, value) in enumerate(steps):
        x, x_next = xs[i], xs[i + 1] if i + 1 < len(steps) else max(x_end, xs[i])
        if value is None:
            unknown.append(x)
            if segment:
                painter.drawPolyline(QPolygonF(segment))
                segment = []
            continue
        y = y_of(value)
        segment += (QPointF(x, y), QPointF(x_next, y))
    if segment:
        painter.drawPolyline(QPolygonF(segment))
    dots = step_dots(steps, xs, y_of)
    if len(dots) <= DOTS_DRAWN:
        painter.setBrush(colour)
        for dot, _value in dots:
            painter.drawEllipse(dot, 3.5, 3.5)
        for at, text in place_values(dots, painter.fontMetrics()):
            painter.drawText(at, text)
    painter.setPen(QColor(200, 40, 40))
    for x in unknown:
        painter.drawText(QPointF(x + 2, bottom - 4), "OME not computable")


def step_dots(
    steps: Sequence[tuple[float, float | None]],
    xs: Sequence[float],
    y_of: Callable[[float], float],
) -> list[tuple[QPointF, float]]:
    """(where, value) of the dot of each step with a known OME."""
    return [
        (QPointF(x, y_of(value)), value)
        for x, (_t, value) in zip(xs, steps, strict=True)
        if value is not None
    ]


def place_values(
    dots: Sequence[tuple[QPointF, float]], metrics: QFontMetrics
) -> list[tuple[QPointF, str]]:
    """Where each dot's value is written: above right of it, else below right, never over a
    value already written (review 5: "20" and "30" a few days apart overlapped at scale 2); a
    value with no room is left to the versions table below the chart."""
    placed: list[tuple[QPointF, str]] = []
    taken: list[QRectF] = []
    # the latest first: the current value is always written (review 5: it was left out)
    for dot, value in reversed(dots):
        text = f"{value:g}"
        for offset in (QPointF(5, -6), QPointF(5, 6 + metrics.ascent())):
            at = dot + offset
            box = QRectF(at.x(), at.y() - metrics.ascent(), metrics.horizontalAdvance(text), 0)
            box.setHeight(metrics.height())
            if not any(box.intersects(other) for other in taken):
                placed.append((at, text))
                taken.append(box)
                break
    return placed[::-1]
