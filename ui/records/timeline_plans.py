"""The saved plans and checks on the timeline: diamonds in a strip below the time axis (saves are
times, never OME values; review 4), stacked when close in time; a click on one, or Left/Right to
choose one and Enter, emits ``planActivated`` with it (the records window reopens it).

``PlanMarks`` is the chart's base: the chart gives the plot's geometry (``_plot_rect``, ``_x``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QToolTip, QWidget

from mps_pain.persistence.records import SavedPlan
from ui.records.local_time import local_text
from ui.records.saved_words import saved_heading
from ui.records.time_axis import diamond_offsets
from ui.records.timeline_layout import MARGIN_LEFT, nearest_within, stack_lane

__all__ = ["PLAN_COLOUR", "PLAN_LANES", "PLAN_STRIP", "PlanMarks"]

PLAN_STRIP = 28  # px below the time axis: saved plans are times, never OME values (review 4)
PLAN_LANES = 3  # diamonds close in time stack downwards in the strip, then side by side
PLAN_COLOUR = QColor(30, 80, 170)


class PlanMarks(QWidget):
    """The saved plans' diamonds and their keys, mouse and tooltips."""

    planActivated = Signal(object)  # SavedPlan

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plans: list[SavedPlan] = []
        self._plan_times: list[float] = []  # where each diamond sits on the time axis
        self._chosen: int | None = None

    def _plot_rect(self) -> QRectF:
        raise NotImplementedError

    def _x(self, t: float, rect: QRectF) -> float:
        raise NotImplementedError

    # --- saved plans and checks ------------------------------------------------------------------
    @property
    def plans(self) -> list[SavedPlan]:
        return list(self._plans)

    @property
    def chosen_plan(self) -> SavedPlan | None:
        return None if self._chosen is None else self._plans[self._chosen]

    def plan_text(self, plan: SavedPlan) -> str:
        kind = "check" if plan.kind == "check" else "plan"
        return f"Saved {kind} {local_text(plan.created_at)}: {saved_heading(plan)} (Enter opens it)"

    def plan_x(self, plan: SavedPlan) -> float:
        return self._x(self._plan_times[self._plans.index(plan)], self._plot_rect())

    def plan_point(self, plan: SavedPlan) -> QPointF:
        """Where its diamond is drawn: in a strip below the time axis, never on the OME scale
        (review 4: near 0 it read as an OME of 0); saves close in time sit side by side."""
        xs = [self.plan_x(p) for p in self._plans]
        index = self._plans.index(plan)
        lane = stack_lane(xs, index)
        down, aside = min(lane, PLAN_LANES - 1), max(lane - PLAN_LANES + 1, 0)
        return QPointF(xs[index] + 9.0 * aside, self._plot_rect().bottom() + PLAN_STRIP + 10 * down)

    def plan_at(self, x: float, y: float | None = None) -> int | None:
        """The saved plan whose diamond is within 8 px of ``x`` (stacked: nearest to ``y``)."""
        points = [(p.x(), p.y()) for p in map(self.plan_point, self._plans)]
        return nearest_within(points, x, y, 8.0)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        chosen = self.plan_at(event.position().x(), event.position().y())
        if chosen is None:
            super().mousePressEvent(event)
            return
        self._chosen = chosen
        self.update()
        self.planActivated.emit(self._plans[chosen])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._plans and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            start = len(self._plans) if self._chosen is None and step < 0 else self._chosen
            start = -1 if start is None else start
            self._chosen = max(0, min(len(self._plans) - 1, start + step))
            self.setToolTip(self.plan_text(self._plans[self._chosen]))
            self.update()
            return
        if self._chosen is not None and key in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            self.planActivated.emit(self._plans[self._chosen])
            return
        super().keyPressEvent(event)

    def hover_text(self, x: float, y: float | None = None) -> str | None:
        """The saved plan under the pointer: in the strip below the time axis (or anywhere in
        its column when ``y`` is not given)."""
        if y is not None and y <= self._plot_rect().bottom():
            return None
        chosen = self.plan_at(x, y)
        return None if chosen is None else self.plan_text(self._plans[chosen])

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.hover_text(event.pos().x(), event.pos().y())
            if text is not None:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _draw_plans(self, painter: QPainter, rect: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._plans:
            painter.setPen(PLAN_COLOUR)
            painter.drawText(
                QRectF(0, rect.bottom() + PLAN_STRIP - 8, MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                "saved",
            )
        for i, plan in enumerate(self._plans):
            point = self.plan_point(plan)
            x, y = point.x(), point.y()
            size = 8.0 if i == self._chosen else 6.0
            diamond = QPolygonF([QPointF(x + dx, y + dy) for dx, dy in diamond_offsets(size)])
            painter.setPen(QPen(QColor(0, 0, 0) if i == self._chosen else PLAN_COLOUR, 1.5))
            painter.setBrush(PLAN_COLOUR)
            painter.drawPolygon(diamond)
