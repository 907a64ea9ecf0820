"""The three-step methadone switch's first days are no order the check judges (pharmacist review
19, L7: B02's "days 1–3" order, morphine ER 130 mg q12h + methadone 5 mg tid, was refused by
``check`` as "methadone beside another opioid", and the plan did not say so).

Decided (docs/rotation.md, "Methadone"): the check does not read a step as the plan's split; no
source gives a range for methadone beside the previous opioid, and a step's doses are the
printed shares of two orders, each of which is checked on its own terms. The plan says, as a
caution naming the days, that they cannot be checked as one order and how to check them. A
caution, not words in each step: the steps travel in an applied row's note, which holds at most
2,000 characters and already came close with several current lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.numbers import format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_methadone import StepSchedule

__all__ = [
    "NOT_ONE_ORDER",
    "NOT_STEPPED",
    "STEPS_NOT_ONE_ORDER",
    "not_stepped_reason",
    "stepped",
    "steps_not_one_order",
]

#: what the plan says of the days that give the previous opioid beside methadone
NOT_ONE_ORDER = "cannot be checked as one order"
STEPS_NOT_ONE_ORDER = "three-step-not-one-order"
#: why a three-step schedule became stop and go (pharmacist re-check 19b, L1: it was silent)
NOT_STEPPED = (
    "The three-step schedule is not applied: three steps need a regular opioid to step down; "
    "from as-needed doses alone the switch is stop and go."
)


def steps_not_one_order(
    tables: TableIndex, schedule: str, steps: StepSchedule, *, doses_per_day: float | None,
    from_patch: bool, items: Sequence[DailyItem],
) -> list[ClinicalWarning]:  # fmt: skip
    """The three steps' days that give the previous opioid beside methadone cannot be checked
    as one order (pharmacist review 19, L7): the check judges one switch, and no source gives a
    range for their combined exposure. The plan says so and how to check them: through the
    last step's order (methadone alone, which the check judges) and the shares each step
    prints."""
    if not stepped(schedule, doses_per_day, from_patch=from_patch, items=items):
        return []
    mixed = [s for s in steps.steps if s.previous_fraction > 0]
    if not mixed:
        return []
    days = f"Days {format_span(str(mixed[0].from_day), str(mixed[-1].to_day))}"
    last = steps.steps[-1].from_day
    return [
        ClinicalWarning(
            code=STEPS_NOT_ONE_ORDER,
            severity="caution",
            message=f"{days} of the three-step switch {NOT_ONE_ORDER}: they give the previous "
            f"opioid beside methadone, and the check judges one switch. Check the day {last}+ "
            "order (methadone alone) against the current regimen, and that each step gives at "
            "most its printed shares of that order and of the current doses.",
            source=tables.cite(steps.citation),
        )
    ]


def stepped(
    schedule: str, doses_per_day: float | None, *, from_patch: bool, items: Sequence[DailyItem]
) -> bool:
    """The schedule is the three steps (neither stop and go nor a start after a patch), and
    there is a regular opioid to step down: from as-needed doses alone the steps had nothing to
    give ("at 66.7% of the current doses (…as needed…): give ;", found on the merged state of
    session 18), so the switch is stop and go."""
    regular = any(d.is_opioid and not d.item.prn for d in items)
    return schedule != "immediate" and doses_per_day is not None and not from_patch and regular


def not_stepped_reason(
    schedule: str, doses_per_day: float | None, *, from_patch: bool, items: Sequence[DailyItem]
) -> str:
    """Why the three steps (the schedule asked for or the method's own) give way to stop and
    go ("" when they do not): from as-needed doses alone there is nothing to step down. The
    other ways out of ``stepped`` are refused where they arise (from a patch; methadone as
    needed), so they need no words here."""
    if schedule == "immediate" or doses_per_day is None or from_patch:
        return ""
    if stepped(schedule, doses_per_day, from_patch=from_patch, items=items):
        return ""
    return NOT_STEPPED
