"""A total's span over its lines' cited factor RANGES (clinician review 21, N2).

A total reads every line at the set's cited point (``factor_end.range_end``, "from"); a switch TO
a ranged parenteral row is sized at the end giving less of the new opioid. So after Apply an SC
oxycodone infusion the plan valued at × 3 (120 OME/day) is counted at × 2 (80): the total alone
read as a 44% fall where the plan said 15.8%. ``ranged_total`` gives the same total with every
counted line whose row cites a range read at the range's low end, and at its high end (each line
tidied as its worked line is, added in item order, tidied: ``mme_totals``'s rule), so every
output can print the span beside the total. None where no counted line has a range.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.results import MmeLine, RangedTotal
from mps_pain.units import tidy

__all__ = ["ranged_lines", "ranged_total"]


def ranged_lines(lines: Sequence[MmeLine]) -> tuple[MmeLine, ...]:
    """The counted opioid lines whose row cites a factor range (two different ends), other than
    a line of 0 (an as-needed line with none taken: the same at either end)."""
    return tuple(
        line
        for line in lines
        if line.counted
        and line.mme_per_day is not None
        and line.dose_basis is not None
        and line.dose_basis.value > 0
        and line.factor_range is not None
        and line.factor_range[0] != line.factor_range[1]
    )


def _at(lines: Sequence[MmeLine], ranged: Sequence[MmeLine], end: int) -> float:
    """The counted lines' total, each ranged line read at its range's ``end`` (0 low, 1 high)."""
    at_end = {id(line) for line in ranged}
    total = 0.0
    for line in lines:
        if not line.counted or line.mme_per_day is None:
            continue
        if id(line) in at_end:
            assert line.dose_basis is not None and line.factor_range is not None
            total += tidy(line.dose_basis.value * line.factor_range[end])
        else:
            total += line.mme_per_day
    return tidy(total)


def ranged_total(lines: Sequence[MmeLine]) -> RangedTotal | None:
    """The total of ``lines`` (a result's, in item order) at each end of their cited factor
    ranges, or None where no counted line has one."""
    ranged = ranged_lines(lines)
    if not ranged:
        return None
    return RangedTotal(
        low=_at(lines, ranged, 0),
        high=_at(lines, ranged, 1),
        items=tuple(line.index for line in ranged),
    )
