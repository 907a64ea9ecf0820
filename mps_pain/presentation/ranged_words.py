"""A total beside its span over its lines' cited factor ranges (clinician review 21, N2): every
output that prints a regimen's total (``mme`` text, the Regimen tab, the regimen PDF) prints this
line under it, from the result's typed ``ranged_total`` (``domain.ranged_total``)."""

from __future__ import annotations

from mps_pain.domain.factor_end import range_end
from mps_pain.domain.results import MmeResult
from mps_pain.numbers import format_span
from mps_pain.presentation.wording import number

__all__ = ["ranged_total_words"]

#: why a plan's figure can differ (a plan sizes a switch TO such a line at the other end)
_SIZED = (
    "A switching plan can size a dose of such a line at another point of its range (less of "
    "that opioid), so the plan's figure for the line can be higher than this total's."
)


def ranged_total_words(result: MmeResult) -> str:
    """``80 OME/day at the set's point; 80–120 OME/day across the cited factor range of row 1
    (…)``, or "" where no counted line's factor is a range."""
    span = result.ranged_total
    if span is None:
        return ""
    unit = f"{result.output_label}/day"
    rows = ", ".join(str(index + 1) for index in span.items)
    whose = f"row {rows}" if len(span.items) == 1 else f"rows {rows}"
    ranges = "range" if len(span.items) == 1 else "ranges"
    said = (
        f"{number(result.total_mme_per_day)} {unit} at the set's point; "
        f"{format_span(number(span.low), number(span.high), unit)} across the cited factor "
        f"{ranges} of {whose}."
    )
    return f"{said} {_SIZED}" if _sized_otherwise(result) else said


def _sized_otherwise(result: MmeResult) -> bool:
    """A ranged line a switch TO would read at another end (``factor_end.range_end``: not an
    oral or patch row, whose point is used each way)."""
    span = result.ranged_total
    ranged = set(span.items) if span is not None else set()
    return any(
        range_end(line.factor, line.factor_range, "to", line.route) != line.factor
        for line in result.items
        if line.index in ranged and line.factor is not None
    )
