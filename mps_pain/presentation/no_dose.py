"""What a plan with no dose shows in the place of its working towards one (pharmacist review
5b, N3: the spread "fpm-2021 12 mg / uk-palliative 12 mg / jspm-2010 12 mg" and "Reduction 0%"
were printed under a plan that proposes no dose; every number of it could be copied as if it
were a dose). ``--json`` keeps the plan's record as computed."""

from __future__ import annotations

from mps_pain.domain.rotation.models import MethadoneOption, RotationPlan
from mps_pain.domain.rotation.no_dose_cause import reason_only

__all__ = [
    "NO_DOSE_AMOUNT",
    "NO_DOSE_METHOD",
    "NO_DOSE_REDUCTION",
    "NO_DOSE_SPREAD",
    "proposes_no_dose",
    "shown_steps",
    "without_amount",
]

NO_DOSE_REDUCTION = "not applied: no dose is proposed"
NO_DOSE_AMOUNT = "not shown: no dose is proposed"
NO_DOSE_SPREAD = "no dose (none is proposed under this plan)"
NO_DOSE_METHOD = (
    "not shown: no dose is proposed under this plan (a method's dose is shown, with its own "
    "checks and warnings, when it is the method chosen)"
)


def proposes_no_dose(plan: RotationPlan) -> bool:
    """The plan proposes no regular dose (a safety gate, or no form that can give it)."""
    return plan.regimen.no_dose is not None


def without_amount(option: MethadoneOption) -> MethadoneOption:
    """A methadone method's row beside a plan with no dose: its amounts are not shown (a row
    with none keeps its own note: a method that refuses says why, unless the note works an
    amount out, e.g. MSD's "10 ÷ 2 = 5 mg/day" beside a Morley-Makin NO DOSE)."""
    worked = "=" in (option.note or "")
    if option.daily_dose is None and option.per_dose is None and not worked:
        return option
    hidden = {"daily_dose": None, "per_dose": None, "band_dose": None, "note": NO_DOSE_METHOD}
    return option.model_copy(update=hidden)


def shown_steps(plan: RotationPlan) -> list[str]:
    """The plan's steps; where it proposes no dose, step 1 (the current regimen's OME), the
    reason in the place of the working towards a dose (steps 2–6: every number of it could be
    copied, N3), then the schedule and monitoring steps."""
    if not proposes_no_dose(plan):
        return plan.steps
    first = next(
        (i for i, step in enumerate(plan.steps) if step.lstrip().startswith("2.")),
        len(plan.steps),
    )
    # the schedule (step 7: a heading, then a line per entry) and the monitoring (step 8)
    later, step = [], ""
    for line in plan.steps[first:]:
        step = line.split(".", 1)[0] if line[:1].isdigit() else step
        if step in ("7", "8"):
            later.append(line)
    reason = reason_only(plan.regimen.no_dose or "")
    return [*plan.steps[:first], f"2–6. Not shown, as no dose is proposed: {reason}", *later]
