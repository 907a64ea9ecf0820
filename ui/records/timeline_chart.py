"""Daily OME over time as a step chart, with the clinical events marked (QPainter; no QtCharts).

The chart draws what the service computed (``Timeline``): it converts times and values to pixels
and never computes a clinical number. Geometry is prepared once per timeline (``set_timeline``);
``paintEvent`` only draws prepared polygons, so a five-year daily timeline repaints quickly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from mps_pain.persistence.records import SavedPlan
from mps_pain.services.timeline import Timeline
from ui.plain_language import set_name, set_short
from ui.records.record_words import NO_PATIENT, NO_SAVED_PLANS, kind_words
from ui.records.time_axis import axis_range, nice_step, place_labels, time_ticks
from ui.records.timeline_drawing import (
    DENSE_MARKS,
    DOTS_DRAWN,
    EVENT_COLOURS,
    Mark,
    draw_marks,
    draw_steps,
    place_values,
    step_dots,
    title_lines,
)
from ui.records.timeline_events import EventMarks
from ui.records.timeline_layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    label_lanes,
    legend_places,
    spread_apart,
)
from ui.records.timeline_pain import PAIN_ROOM, draw_pain
from ui.records.timeline_plans import PLAN_COLOUR

__all__ = ["MIN_VALUE_HEIGHT", "PLAN_COLOUR", "TimelineChart"]

MIN_VALUE_HEIGHT = 120  # px of the OME scale, below the event labels (review 5: ~60 px)
DOT_GAP = 10.0  # px between the dots of two versions, however close in time (review 5)


class TimelineChart(EventMarks):
    """Step chart of ``Timeline.points``; events as coloured lines/bands with their titles (whole
    on hover); pain scores in their own 0–10 strip above the plot; saved plans and checks as
    diamonds on the time axis: a click on one, or Left/Right to choose one and Enter, emits
    ``planActivated`` with it (the records window reopens it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Daily OME timeline with events and saved plans")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # the legend wraps to a second line when narrow (legend_places); the height follows
        # the event labels' lanes (minimumSizeHint)
        self.setMinimumWidth(MARGIN_LEFT + MARGIN_RIGHT + 200)
        self.setAutoFillBackground(True)
        self._timeline: Timeline | None = None
        self._steps: list[tuple[float, float | None]] = []
        self._marks: list[Mark] = []
        self._events = []
        self._time_basis = "calendar"
        self._t0 = self._t1 = 0.0
        self._line_end = 0.0  # where the step line stops: today on a calendar, never beyond
        self._y_max = 1.0
        self._label_band = 0.0
        self._message = NO_PATIENT
        self._title_lines: tuple[tuple[str, str, int], list[str]] | None = None
        # what the layout asks again and again (see minimumSizeHint): kept with what it was
        # measured from; a new timeline (set_timeline) forgets them
        self._hint: tuple[object, QSize] | None = None
        self._legend: tuple[object, list[tuple[float, int, str, QColor]]] | None = None

    def sizeHint(self) -> QSize:
        return QSize(820, max(360, self.minimumSizeHint().height()))

    def minimumSizeHint(self) -> QSize:
        """Tall enough for the title, the event labels' lanes, ``MIN_VALUE_HEIGHT`` of OME
        scale, the time axis, the saved plans' strip and the legend. Every layout pass asks
        (~75 times per records window shown): measured again only when the chart's size or
        font or the timeline changed."""
        key = (self.font().key(), self.width(), self.height())
        if self._hint is None or self._hint[0] != key:
            band = self._label_band_for(self._plot_rect()) if self._timeline is not None else 0.0
            height = self._top_margin() + int(band) + MIN_VALUE_HEIGHT + self._bottom_margin()
            self._hint = (key, QSize(MARGIN_LEFT + MARGIN_RIGHT + 200, height))
        return QSize(self._hint[1])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # the labels' lanes and the legend's lines follow the width

    # --- data ----------------------------------------------------------------------------------
    def set_timeline(
        self,
        timeline: Timeline | None,
        message: str | None = None,
        *,
        plans: Sequence[SavedPlan] = (),
    ) -> None:
        self._timeline = timeline
        self._hint = None  # the labels' lanes and the title follow the timeline
        self._plans = sorted(plans, key=lambda p: p.created_at) if timeline is not None else []
        self._plan_times = []
        self._chosen = None
        self._message = message or NO_PATIENT
        self._steps = []
        self._marks = []
        self._events = list(timeline.events) if timeline is not None else []
        if timeline is not None:
            self._time_basis = timeline.time_basis
            self._steps = [
                (p.effective_from.timestamp(), p.ome_mg_per_day) for p in timeline.points
            ]
            self._marks = [
                Mark(
                    e.kind,
                    e.occurred_at.timestamp(),
                    e.ends_at.timestamp() if e.ends_at else None,
                    f"NRS {e.nrs}" if e.kind == "nrs" else e.title,
                    e.nrs,
                )
                for e in timeline.events
            ]
            times = [t for t, _ in self._steps] + [m.start for m in self._marks]
            times += [m.end for m in self._marks if m.end is not None]
            # a save's clock time is no day of a relative record: there its diamond marks the
            # record's last day (it stretched the axis to "day 20000"; review 5)
            calendar = timeline.time_basis == "calendar"
            last_day = max(times, default=0.0)
            self._plan_times = [
                p.created_at.timestamp() if calendar else last_day for p in self._plans
            ]
            times += self._plan_times
            if times:
                last = max(times)
                self._t0, self._t1 = axis_range(times, timeline.time_basis)
                self._line_end = self._t1
                if timeline.time_basis == "calendar":  # the regimen is known until today
                    self._line_end = min(self._t1, max(last, time.time()))
            values = [v for _, v in self._steps if v is not None]
            self._y_max = max(values, default=0.0) * 1.12 or 10.0
            if not self._steps:
                self._message = "No regimen versions recorded yet."
        self.updateGeometry()  # the minimum height follows the event labels' lanes
        self.setToolTip(self.whole_title())  # the set's whole name
        self.setAccessibleDescription(
            "; ".join(self.plan_text(p) for p in self._plans) or NO_SAVED_PLANS
        )
        self.update()

    @property
    def point_count(self) -> int:
        return len(self._steps)

    # --- geometry ------------------------------------------------------------------------------
    def _plot_rect(self) -> QRectF:
        top = self._top_margin()
        return QRectF(
            MARGIN_LEFT,
            top,
            max(self.width() - MARGIN_LEFT - MARGIN_RIGHT, 10),
            max(self.height() - top - self._bottom_margin(), 10),
        )

    def _bottom_margin(self) -> int:
        """Room for the time axis and the legend (more when the legend wraps)."""
        lines = max((line for _x, line, _text, _col in self.legend_places()), default=0) + 1
        return MARGIN_BOTTOM + 16 * (lines - 1)

    def _x(self, t: float, rect: QRectF) -> float:
        span = (self._t1 - self._t0) or 1.0
        return rect.left() + (t - self._t0) / span * rect.width()

    def _y(self, value: float, rect: QRectF) -> float:
        """Values use the plot below the event-label lanes."""
        height = max(rect.height() - self._label_band, 10.0)
        return rect.bottom() - value / self._y_max * height

    def time_labels(self, metrics: QFontMetrics) -> list[tuple[float, float, str]]:
        """(x of the tick, x where its label starts, label): each label inside the widget (the
        last is never cut) and none overlapping the one before (that one is left out)."""
        assert self._timeline is not None
        rect = self._plot_rect()
        ticks = time_ticks(self._t0, self._t1, rect.width(), self._timeline.time_basis)
        xs = [(self._x(t, rect), text) for t, text in ticks]
        return place_labels(xs, metrics.horizontalAdvance, self.width())

    # --- Qt overrides --------------------------------------------------------------------------
    def title(self) -> str:
        """The chart's title: the set by its short name, never its id (review D7); the whole
        name is in the tooltip."""
        return self._title(set_short)

    def whole_title(self) -> str:
        """The title with the set's whole name (the tooltip)."""
        return self._title(set_name)

    def _title(self, name_of: Callable[[str], str]) -> str:
        if self._timeline is None:
            return ""
        table = self._timeline.table
        return f"Daily OME, mg/day ({name_of(table.id)}, tables v{table.version})"

    def title_lines(self) -> list[str]:
        """The title as drawn: on one line, or two on a narrow chart (never "tables v…";
        review L1); elided only when two lines are not enough. Remembered for the last font,
        title and width: every size hint asks (~100 times per records window opened)."""
        title = self.title()
        if not title:
            return []
        room = max(int(self.width() - MARGIN_LEFT - 4), 40)
        key = (self.font().key(), title, room)
        if self._title_lines is None or self._title_lines[0] != key:
            bold = QFont(self.font())
            bold.setBold(True)
            self._title_lines = (key, title_lines(QFontMetrics(bold), title, room))
        return list(self._title_lines[1])

    def title_shown(self) -> str:
        return " ".join(self.title_lines())

    def _top_margin(self) -> int:
        """The title's lines, and the pain scores' strip when there is a score."""
        extra_lines = max(len(self.title_lines()) - 1, 0)
        pain = PAIN_ROOM if self.has_pain() else 0
        return MARGIN_TOP + extra_lines * QFontMetrics(self.font()).lineSpacing() + pain

    def elided_texts(self) -> list[tuple[str, str]]:
        """(as drawn, whole) of the title when it is drawn shortened."""
        shown = self.title_shown()
        return [(shown, self.title())] if shown != self.title() else []

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text_colour = palette.windowText().color()
        painter.fillRect(self.rect(), palette.base())
        # saved plans alone still draw their diamonds on the time axis (review 5)
        if self._timeline is None or not (self._steps or self._marks or self._plans):
            painter.setPen(text_colour)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._message)
            painter.end()
            return
        rect = self._plot_rect()
        labels = self._layout_labels(painter, rect)
        self._draw_axes(painter, rect, text_colour)
        self._draw_marks(painter, rect, labels)
        strip = self.pain_rect()
        if strip is not None:
            draw_pain(painter, strip, self.pain_points(), text_colour)
        # vertical and horizontal lines need no antialiasing; a short history gets smooth dots
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(self._steps) <= 200)
        self._draw_steps(painter, rect, palette.highlight().color())
        self._draw_plans(painter, rect)
        if not self._steps:  # plans or events only: say why there is no OME line
            painter.setPen(text_colour)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._message)
        painter.end()

    # --- drawing -------------------------------------------------------------------------------
    def _draw_axes(self, painter: QPainter, rect: QRectF, colour: QColor) -> None:
        assert self._timeline is not None
        grid = QColor(colour)
        grid.setAlpha(40)
        metrics = QFontMetrics(painter.font())
        step = nice_step(self._y_max, 5)
        value = 0.0
        while value <= self._y_max:
            y = self._y(value, rect)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(colour)
            painter.drawText(
                QRectF(0, y - 8, MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{value:g}",
            )
            value += step
        for x, left, label in self.time_labels(metrics):
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            painter.setPen(colour)
            painter.drawText(QPointF(left, rect.bottom() + 16), label)
        painter.setPen(QPen(colour, 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.topLeft())
        bold = QFont(painter.font())
        bold.setBold(True)
        painter.setFont(bold)
        spacing = QFontMetrics(bold).lineSpacing()
        for number, title_line in enumerate(self.title_lines()):
            y = MARGIN_TOP - 10 + number * spacing
            painter.drawText(QPointF(rect.left(), y), title_line)
        painter.setFont(QFont(self.font()))
        for x, line, text, col in self.legend_places():
            top = self.height() - 20 - 16 * line
            painter.fillRect(QRectF(x, top, 10, 10), col)
            painter.setPen(colour)
            painter.drawText(QPointF(x + 14, top + 9), text)

    def legend_places(self) -> list[tuple[float, int, str, QColor]]:
        """(x, line counted from the bottom, text, colour) of each legend entry (the entries are
        fixed: measured again only for another font or width)."""
        key = (self.font().key(), self.width())
        if self._legend is None or self._legend[0] != key:
            entries = [(kind_words(kind), col) for kind, col in EVENT_COLOURS.items()]
            entries.append(("saved plan or check (click or Enter opens)", PLAN_COLOUR))
            places = legend_places(QFontMetrics(self.font()), entries, MARGIN_LEFT, self.width())
            self._legend = (key, places)
        return list(self._legend[1])

    def _layout_labels(
        self, painter: QPainter, rect: QRectF
    ) -> list[tuple[Mark, float, float, str]]:
        """(mark, x of text, y of text, text): labels in lanes above the values, never clipped
        at the right edge and never overlapping each other (``EventMarks._lanes``)."""
        places, self._label_band = self._lanes(rect)
        return [(mark, *place) for mark, place in zip(self._labelled(), places, strict=False)]

    def _draw_marks(
        self, painter: QPainter, rect: QRectF, labels: list[tuple[Mark, float, float, str]]
    ) -> None:
        draw_marks(painter, rect, self._marks, lambda t: self._x(t, rect), labels)

    def _draw_steps(self, painter: QPainter, rect: QRectF, colour: QColor) -> None:
        draw_steps(
            painter,
            self._steps,
            self._step_xs(rect),
            self._x(self._line_end, rect),
            lambda value: self._y(value, rect),
            colour,
            rect.bottom(),
        )

    def _step_xs(self, rect: QRectF) -> list[float]:
        """Where each version's step starts: at its time, spread apart when versions are closer
        than a dot (a short history; a long one is a line without dots)."""
        xs = [self._x(t, rect) for t, _value in self._steps]
        return spread_apart(xs, DOT_GAP, rect.right()) if len(xs) <= DOTS_DRAWN else xs

    def dot_positions(self) -> list[QPointF]:
        """Where each version with a known OME has its dot, as drawn."""
        rect = self._plot_rect()
        self._label_band = self._label_band_for(rect)
        dots = step_dots(self._steps, self._step_xs(rect), lambda v: self._y(v, rect))
        return [dot for dot, _value in dots]

    def value_labels(self) -> list[tuple[QPointF, str]]:
        """The values written beside the dots (where, text), in time order."""
        rect = self._plot_rect()
        self._label_band = self._label_band_for(rect)
        dots = step_dots(self._steps, self._step_xs(rect), lambda v: self._y(v, rect))
        return place_values(dots, self.fontMetrics())

    def value_height(self) -> float:
        """The height of the OME scale: the plot below the event labels' lanes."""
        rect = self._plot_rect()
        return rect.height() - self._label_band_for(rect)

    def _lanes(self, rect: QRectF) -> tuple[list[tuple[float, float, str]], float]:
        """The labelled events' labels in lanes (``label_lanes``) and the lanes' height."""
        marks = self._labelled()
        if len(marks) > DENSE_MARKS:  # too many to label: marks only
            return [], 0.0
        xs = [self._x(mark.start, rect) for mark in marks]
        return label_lanes(self.fontMetrics(), [m.label for m in marks], xs, rect)

    def _label_band_for(self, rect: QRectF) -> float:
        return self._lanes(rect)[1]
