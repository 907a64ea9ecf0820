"""A switch away from methadone (``rotation.methadone.from_methadone``): no dose.

No cited source gives a starting dose for one patient switched away from methadone: the
reference says "reverse conversion not established" (closedi.jp) and "not bi-directional"
(GlobalRPh); Lawlor 1998's methadone→morphine 8.25 is a cohort median of 20 rotations, and CDC's
MME factors are explicitly not for converting (clinical-sources §3(a), §3(c)). Pharmacist review 5
(D2) found 8.25 used as a per-patient factor: methadone 30 mg/day → morphine 180 mg/day from the
next dose. The plan keeps the danger, shows the other lines' OME by itself (the methadone is not
summed: ``ome.ome_apart``, clinician review 14 #5), and gives no dose and no amount after step 1:
a specialist writes the start.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.gate import withhold_plan
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import PlanningError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["ON_METHADONE", "off_methadone", "refuse_off_methadone", "refuse_on_methadone"]

ON_METHADONE = "methadone-target-on-methadone"


def refuse_off_methadone(rules: RotationRules, switch_kind: str) -> None:
    """``check`` of a proposal away from methadone: no sourced range to call it within, so it
    is refused with the planner's reason (never "within" a cohort median's range)."""
    if switch_kind == "from_methadone":
        raise PlanningError(
            "a proposal away from methadone cannot be checked: "
            + rules.methadone.from_methadone.no_dose_reason,
            location="proposed.items",
        )


def off_methadone(rules: RotationRules, plan: RotationPlan) -> RotationPlan:
    """The plan of a switch from methadone, withheld (specialist only)."""
    if plan.switch_kind != "from_methadone" or (
        plan.regimen.dose is None and plan.regimen.rate is None
    ):
        return plan
    reason = rules.methadone.from_methadone.no_dose_reason
    withheld = withhold_plan(plan, reason, [], "other", cut_from="2")
    spread = [
        row.model_copy(
            update={"target_daily_dose": None, "rounded": None, "missing": "no dose (specialist)"}
        )
        for row in plan.spread
    ]
    return withheld.model_copy(
        update={
            "spread": spread,
            "first_part": None,
            "interval_alternative": None,
        }
    )


def refuse_on_methadone(
    tables: TableIndex, rules: RotationRules, items: Sequence[DailyItem]
) -> None:
    """No switch TO methadone from a regimen that already has methadone (a regular or an
    as-needed line): a method would convert the methadone to OME by a cohort median and back by
    its bands (not bidirectional), and "stop methadone, start methadone" is no switch. The
    methadone dose change is for a specialist; ``check`` judges a proposed one (session 12)."""
    if any(d.is_opioid and d.drug.id == rules.methadone.drug for d in items):
        rule = rules.methadone.on_methadone
        raise PlanningError(
            f"{rule.message} [{tables.cite(rule.citation)}]",
            location="to.drug",
            reason=ON_METHADONE,
        )
