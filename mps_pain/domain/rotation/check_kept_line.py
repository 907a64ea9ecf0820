"""A line kept going must be the current dose (clinician re-check 21b, D1).

A plan to a patch keeps a current line going for its first hours (``RegimenItem.stops_after``)
and leaves it out of the new regimen's total: the total is the regimen once it stops. That holds
only while the kept row is the current line. Typed over at 400 mg/24 h (the plan's was 40), the
row kept its stop, stayed out of the total, and the check signed WITHIN for 1200 OME a day. A
proposed kept row whose daily amount is no current line's of the same drug and route is a danger
naming the row (the order's, so it heads the check): give the current dose, or take the stop off
so the row is a new order, counted.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.kept_words import first_hours_on_patch
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.staged_start import KEPT_NOT_CURRENT
from mps_pain.units import format_number

__all__ = ["kept_line_warnings"]

_SAME = 1e-6  # an amount within this fraction of another is the same


def _same_amount(a: float, b: float) -> bool:
    return abs(a - b) <= _SAME * max(abs(a), abs(b), 1e-12)


def kept_line_warnings(
    current: Sequence[DailyItem], proposed: Sequence[DailyItem]
) -> list[ClinicalWarning]:
    """A danger for each proposed kept row that is not a current line's amount."""
    out = []
    for row in (d for d in proposed if d.kept and d.item.stops_after is not None):
        lines = [c for c in current if (c.drug_id, c.route) == (row.drug_id, row.route)]
        amounts = [c.daily_mg_per_day for c in lines if not c.prn]
        if any(_same_amount(row.daily_mg_per_day, now) for now in amounts):
            continue
        out.append(_not_current(row, amounts))
    return out


def _not_current(row: DailyItem, amounts: Sequence[float]) -> ClinicalWarning:
    name = f"{row.drug.in_sentence} ({row.route})"
    now = " or ".join(f"{format_number(a)} mg/day" for a in amounts)
    current = f"the current {name} is {now}" if amounts else f"there is no current {name} line"
    assert row.item.stops_after is not None
    return ClinicalWarning(
        code=KEPT_NOT_CURRENT,
        severity="danger",
        message=f"Proposed row {row.index + 1}: {format_number(row.daily_mg_per_day)} mg/day of "
        f"{name}, kept going {first_hours_on_patch(format_number(row.item.stops_after.hours))}, "
        f"is not the current dose "
        f"({current}). A line kept going must be the current dose: it is left out of the new "
        "regimen's total, so a new amount here is never counted nor judged. Give the current "
        "dose, or write the row without the stop so it is a new order, counted in the total.",
    )
