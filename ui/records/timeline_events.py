"""The timeline's clinical events as a person reads them (clinician review 15, #16): each label
placed where it is drawn (``event_labels``), the pain scores in their own strip on a 0–10 scale
(``timeline_pain``), and on hover the whole title of an event, its kind and time, or a pain
score, or a saved plan (``hover_text``): a label cut on a narrow chart is read whole there and
in the Events tab.

``EventMarks`` is the chart's base (after ``PlanMarks``): the chart gives the events
(``_marks``, ``_events``), the plot (``_plot_rect``, ``_x``) and the timeline's time basis.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from mps_pain.persistence.records import ClinicalEvent
from ui.records.local_time import record_time
from ui.records.record_words import NRS_LABEL, kind_words
from ui.records.timeline_drawing import Mark
from ui.records.timeline_pain import PAIN_SCALE, pain_points, pain_rect, scored
from ui.records.timeline_plans import PlanMarks

__all__ = ["EventMarks"]

_REACH = 6.0  # px around a pain dot or an event's line that hovering finds it


class EventMarks(PlanMarks):
    """Event labels, the pain strip's geometry and every hover text of the chart."""

    _marks: list[Mark]
    _events: list[ClinicalEvent]
    _time_basis: str

    # --- events with a label -------------------------------------------------------------------
    def _labelled(self) -> list[Mark]:
        """The events labelled in lanes (a pain score is written at its dot in the strip)."""
        return [m for m in self._marks if not (m.kind == "nrs" and m.score is not None)]

    def _lanes(self, rect: QRectF) -> tuple[list[tuple[float, float, str]], float]:
        """(x, y, text) of each ``_labelled`` event's label and the lanes' height (the chart's)."""
        raise NotImplementedError

    def event_labels(self) -> list[tuple[Mark, QRectF, str]]:
        """(mark, box, text as drawn) of each labelled event, as the chart lays them out."""
        rect = self._plot_rect()
        metrics = self.fontMetrics()
        places, _band = self._lanes(rect)
        height, ascent = metrics.height(), metrics.ascent()
        return [
            (mark, QRectF(x, y - ascent, metrics.horizontalAdvance(text), height), text)
            for mark, (x, y, text) in zip(self._labelled(), places, strict=False)
        ]

    # --- pain scores ---------------------------------------------------------------------------
    def has_pain(self) -> bool:
        return bool(scored(self._marks))

    def pain_rect(self) -> QRectF | None:
        """The pain scores' strip (0 at its bottom, 10 at its top), or None without a score."""
        return pain_rect(self._plot_rect()) if self.has_pain() else None

    def pain_points(self) -> list[tuple[QPointF, int]]:
        strip = self.pain_rect()
        if strip is None:
            return []
        rect = self._plot_rect()
        return pain_points(self._marks, strip, lambda t: self._x(t, rect))

    def pain_scale(self) -> list[str]:
        return list(PAIN_SCALE) if self.has_pain() else []

    # --- hover ---------------------------------------------------------------------------------
    def hover_text(self, x: float, y: float | None = None) -> str | None:
        """What the chart says at (x, y): a saved plan, a pain score, an event (its label or its
        line), or None."""
        plan = super().hover_text(x, y)
        if plan is not None or y is None:
            return plan
        for point, score in self.pain_points():
            if abs(point.x() - x) <= _REACH and abs(point.y() - y) <= _REACH:
                return f"{NRS_LABEL}: {score}, {self._when(self._event_of(point.x()))}"
        for mark, box, _text in self.event_labels():
            if box.adjusted(-2, -2, 2, 2).contains(QPointF(x, y)):
                return self._event_words(mark)
        rect = self._plot_rect()
        if rect.top() <= y <= rect.bottom():
            near = [m for m in self._labelled() if abs(self._x(m.start, rect) - x) <= _REACH / 2]
            if near:
                return "\n".join(self._event_words(m) for m in near)
        return None

    def _event_words(self, mark: Mark) -> str:
        """ "note, day 21: Pain still uncontrolled, unpleasant sleepiness" (whole)."""
        event = self._events[self._marks.index(mark)]
        until = f" to {record_time(event.ends_at, self._time_basis)}" if event.ends_at else ""
        return f"{kind_words(event.kind)}, {self._when(event)}{until}: {event.title}"

    def _event_of(self, x: float) -> ClinicalEvent | None:
        rect = self._plot_rect()
        scores = scored(self._marks)
        best = min(scores, key=lambda m: abs(self._x(m.start, rect) - x), default=None)
        return None if best is None else self._events[self._marks.index(best)]

    def _when(self, event: ClinicalEvent | None) -> str:
        return "" if event is None else record_time(event.occurred_at, self._time_basis)
