"""Whether a plan gives its new opioid at the interval asked for, in words (no Qt).

The planner may propose another interval than the one asked for (a cited interval of the form
where a marketed strength lies within the sourced range, a methadone method's own schedule) and
says why among its notes. A one-line answer shows the dose beside its interval, so it says the
change there too: a target frequency is never changed silently (clinician review 19, H1: "10
mg/day" to morphine q4h answered "2 mg q6h", the q4h asked for gone without a word).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.domain.frequency import parse_frequency

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["interval_not_kept"]


def _doses_per_day(text: str) -> float | None:
    try:
        return parse_frequency(text).doses_per_day
    except ValueError:
        return None


def interval_not_kept(plan: RotationPlan, asked: str) -> str | None:
    """ "q6h, not the q4h asked for" when the plan's regular regimen is given at another
    interval than ``asked`` (None: as asked, nothing asked, or no dose at all). Two spellings of
    one interval (bd, q12h) are the same interval."""
    given = plan.regimen.frequency
    if not asked.strip() or plan.regimen.no_dose:
        return None
    if given is None:
        return f"not {asked.strip()} as asked for"
    if _doses_per_day(given) == _doses_per_day(asked):
        return None
    return f"{given}, not the {asked.strip()} asked for"
