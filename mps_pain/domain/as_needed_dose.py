"""The one as-needed dose of each drug that a regimen orders with no count of doses taken (0,
'not reported' or none): the dose the maximum-dose rule states the headroom for
(``max_dose.proposal_max_dose_warnings``). One reading for rotate's plan, the check of a
proposal and the lines a plan continues (pharmacist re-check 21b, N-1: tramadol 200 mg q12h,
the 400 mg/day maximum, with tramadol 50 mg as needed was a danger in rotate and silent in
check, whose as-needed line had no count).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.units import Dimension, dimension_of, scale

__all__ = ["one_dose", "uncounted_as_needed_mg"]


def _one_dose_mg(daily: DailyItem) -> float | None:
    """The line's one dose in mg, when its dose is a mass (a volume is read by its count)."""
    dose = daily.item.dose
    if dose is None or dimension_of(dose.unit) is not Dimension.MASS:
        return None
    return float(dose.value) * scale(dose.unit, "mg")


def _uncounted(daily: DailyItem) -> bool:
    """An as-needed line whose daily total holds no dose: none counted, or the count unknown."""
    count = daily.item.doses_per_day
    return daily.prn and (not isinstance(count, float | int) or count == 0)


def uncounted_as_needed_mg(items: Sequence[DailyItem]) -> dict[str, float]:
    """Each drug's largest uncounted as-needed dose in mg (the worst case the headroom is
    stated for)."""
    found: dict[str, float] = {}
    for daily in items:
        one = _one_dose_mg(daily) if _uncounted(daily) else None
        if one is not None and one > 0:
            found[daily.drug.id] = max(one, found.get(daily.drug.id, 0.0))
    return found


def one_dose(measured: Sequence[DailyItem]) -> dict[str, float]:
    """Each drug's largest as-needed dose in mg among lines measured as one dose (the check's
    'not reported' lines, ``per_dose_proposal``: their daily total is one dose)."""
    found: dict[str, float] = {}
    for daily in measured:
        if daily.prn and daily.daily_mg_per_day > 0:
            found[daily.drug.id] = max(daily.daily_mg_per_day, found.get(daily.drug.id, 0.0))
    return found
