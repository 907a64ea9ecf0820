"""A plan from an amount its own danger says to verify first gives no dose (pharmacist review 21,
M-3): SC alfentanil 2 mg/h (48 mg/day) carried "far above the doses usually given … Verify the dose
and its unit before using any number here" and still printed 450 mcg/h of fentanyl patches and an
alfentanil bolus, while its siblings (fentanyl IV 2 mg/h, hydromorphone IV 20 mg/h) are refused as
implausible.

One rule for every plan (standard and methadone, the app's planner and the practice exercises,
which keep only plans with a dose): when a line of the current regimen carries that danger
(``plausibility.FAR_ABOVE_USUAL``), every target gets no dose, with the reason and a danger saying
the plan waits for the confirmed dose. No override exists (no "confirmed" field or option): a
dose that really is that high is planned with the specialist, and a slip is corrected and
planned again. The other "verify" danger, a patch rate above the largest single patch
(``ABOVE_LARGEST_UNIT``), is not read here: several patches worn together are an ordinary
regimen (150 mcg/h is 100 + 50), so that danger offers two readings, not a dose to withhold.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.per_hour_rate import PER_HOUR_SLIP, read_over_24_hours
from mps_pain.domain.plausibility import FAR_ABOVE_USUAL
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.no_dose_cause import cause_of, reason_only
from mps_pain.domain.rotation.withhold import withhold

__all__ = ["UNVERIFIED", "gate_unverified", "per_hour_rows", "unverified_rows"]

UNVERIFIED = "plan-waits-for-confirmed-dose"
"""The code of the danger: the current regimen has an amount to verify, so no dose is planned."""


def unverified_rows(items: Sequence[DailyItem]) -> list[int]:
    """The current regimen's lines (0-based) that carry the "verify the dose and its unit"
    danger."""
    return [d.index for d in items if any(n.code == FAR_ABOVE_USUAL for n in d.notes)]


def per_hour_rows(items: Sequence[DailyItem]) -> list[DailyItem]:
    """The current regimen's lines whose rate per hour may be a 24-h amount (the "check the
    unit" caution), that the far-above danger does not already hold."""
    far = set(unverified_rows(items))
    return [
        d for d in items if d.index not in far and any(n.code == PER_HOUR_SLIP for n in d.notes)
    ]


def _rows_text(rows: Sequence[int]) -> str:
    shown = [str(r + 1) for r in rows]
    return ("row " if len(shown) == 1 else "rows ") + " and ".join(shown)


def _far_reason(rows: Sequence[int]) -> str:
    return (
        f"the current regimen's amount on {_rows_text(rows)} is far above the doses usually "
        "given and is to be verified first, so the plan waits for the confirmed dose."
    )


def _per_hour_reason(lines: Sequence[DailyItem]) -> str:
    """'the current rate on row 1, 1 mg/h, is read as 24 mg over 24 h … (24 mg/24 h) …'"""
    read = [read_over_24_hours(d.item, d.daily_mg_per_day) for d in lines]
    rates = "; ".join(
        f"on row {d.index + 1}, {written}, is read as {per_24_h.replace('/24 h', ' over 24 h')}"
        for d, (written, per_24_h) in zip(lines, read, strict=True)
    )
    confirm = " and ".join(per_24_h for _, per_24_h in read)
    return (
        f"the current rate {rates}, and may be a syringe driver's 24-h amount written per hour "
        "(24 times the dose), so the plan waits for the confirmed dose. Writing the same amount "
        f"per 24 h ({confirm}) confirms it and is planned."
    )


def _reason(far: Sequence[int], per_hour: Sequence[DailyItem]) -> str:
    parts = ([_far_reason(far)] if far else []) + ([_per_hour_reason(per_hour)] if per_hour else [])
    return " Also: ".join(parts)


def gate_unverified(items: Sequence[DailyItem], plan: RotationPlan) -> RotationPlan:
    """The plan, or (a current line carries the danger to verify, or a rate per hour the
    "check the unit" caution) the plan with no dose for its target: any reason the plan already
    has first (the patient's, the plausibility bound's), then this one."""
    far, per_hour = unverified_rows(items), per_hour_rows(items)
    rows = sorted([*far, *(d.index for d in per_hour)])
    if not rows:
        return plan
    reason = _reason(far, per_hour)
    own = plan.regimen.no_dose  # a reason of the plan's own (the patient's, a bound) comes first
    said = reason if own is None else f"{reason_only(own)} Also: {reason}"
    cause = "other" if own is None else (cause_of(own) or "other")
    danger = ClinicalWarning(
        code=UNVERIFIED,
        severity="danger",
        message=f"No dose is proposed for any opioid or route: {reason} Verify the current "
        "regimen's dose and its unit; if it was a slip, correct it and plan again; if the dose "
        "is right, plan the switch with the specialist.",
        item=rows[0] if len(rows) == 1 else None,
        items=tuple(rows) if len(rows) > 1 else (),
    )
    # no conversion either (steps 2–3); a plan withheld already has its steps cut at 4
    return withhold(plan, said, [danger], cause, cut_from="2" if own is None else "4")
