"""Where the timeline's texts go, so that none is cut on a narrow chart (issue 10 §3): event
labels in lanes inside the plot, elided when they fit neither side of their line, and the
legend wrapped to more lines instead of running off the right edge."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics

__all__ = [
    "label_lanes",
    "label_place",
    "legend_places",
    "nearest_within",
    "spread_apart",
    "stack_lane",
]

# the chart's margins around the plot (px): the OME scale's numbers at the left, the time axis,
# the saved plans' strip and the legend below
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 24, 28, 82
# letters of an event's title shown on the chart where it has room (clinician review 15 #16: at
# 32, "Pain still uncontrolled, unplea…" was cut with the chart half empty); a longer title, or
# one cut to the room a narrow chart has, is whole on hover and in the Events tab
LONGEST_LABEL = 60


def legend_places(
    metrics: QFontMetrics, entries: Sequence[tuple[str, QColor]], left: float, width: float
) -> list[tuple[float, int, str, QColor]]:
    """(x, line counted from the bottom, text, colour) of each entry: an entry that does not
    fit on the line starts the next one."""
    places: list[tuple[float, int, str, QColor]] = []
    x, line = left, 0
    for text, colour in entries:
        room = 24 + metrics.horizontalAdvance(text)
        if x > left and x + room > width:
            x, line = left, line + 1
        places.append((x, line, text, colour))
        x += room
    lines = places[-1][1] + 1 if places else 1
    return [(x, lines - 1 - line, text, colour) for x, line, text, colour in places]


def label_lanes(
    metrics: QFontMetrics, labels: Sequence[str], xs: Sequence[float], rect: QRectF
) -> tuple[list[tuple[float, float, str]], float]:
    """(x of text, y of text, text) of each label, in lanes so that none overlaps another, and
    the height of the band the lanes take."""
    lanes: list[float] = []  # right edge of the last label in each lane
    placed = []
    for label, x in zip(labels, xs, strict=True):
        text = label if len(label) <= LONGEST_LABEL else label[: LONGEST_LABEL - 1] + "…"
        text, left, width = label_place(metrics, text, x, rect)
        lane = next((i for i, right in enumerate(lanes) if right < left), len(lanes))
        if lane == len(lanes):
            lanes.append(0.0)
        lanes[lane] = left + width
        y = rect.top() + metrics.ascent() + 2 + lane * (metrics.height() + 2)
        placed.append((left, y, text))
    return placed, len(lanes) * (metrics.height() + 2) + 8


def label_place(
    metrics: QFontMetrics, text: str, x: float, rect: QRectF
) -> tuple[str, float, float]:
    """(text, left, width) of a mark's label inside the plot: right of its line, else left of
    it, else elided to the wider side (a narrow chart never draws over the axis)."""
    width = metrics.horizontalAdvance(text) + 6
    right_room, left_room = rect.right() - x - 3, x - 3 - rect.left()
    if width <= right_room:
        return text, x + 3, width
    if width <= left_room:
        return text, x - width - 3, width
    room = max(right_room, left_room)
    text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(max(room - 6, 0)))
    width = metrics.horizontalAdvance(text) + 6
    return (text, x + 3, width) if right_room >= left_room else (text, x - width - 3, width)


def stack_lane(xs: list[float], index: int, apart: float = 10.0) -> int:
    """How many earlier diamonds sit within ``apart`` px of this one (it is drawn above them)."""
    return sum(1 for x in xs[:index] if abs(x - xs[index]) < apart)


def nearest_within(
    points: list[tuple[float, float]], x: float, y: float | None, reach: float
) -> int | None:
    """The index of the point within ``reach`` px of ``x``; among stacked ones, the nearest
    to ``y`` (a click anywhere in a diamond's column still finds it)."""
    near = [
        (0.0 if y is None else abs(py - y), abs(px - x), i)
        for i, (px, py) in enumerate(points)
        if abs(px - x) <= reach
    ]
    return min(near)[2] if near else None


def spread_apart(xs: Sequence[float], gap: float, right: float) -> list[float]:
    """``xs`` (in time order) moved right just enough that each is ``gap`` px after the one
    before, never past ``right``: versions a minute apart get a marker each instead of one
    over another (clinician review 5). A history too dense to spread keeps its positions."""
    if len(xs) < 2 or (len(xs) - 1) * gap > right - xs[0]:
        return list(xs)
    spread = [xs[0]]
    for x in xs[1:]:
        spread.append(max(x, spread[-1] + gap))
    spread[-1] = min(spread[-1], right)  # pushed past the edge: the run moves back left
    for i in range(len(spread) - 2, -1, -1):
        spread[i] = min(spread[i], spread[i + 1] - gap)
    return spread
