"""The current regimen's total as the plan shows it (clinician review 14 #5): where a current
methadone line is valued only by Lawlor 1998's cohort median (no equianalgesic set has a
methadone row), no total that sums it is shown, in the planner's facts, the spread's "Each set's
current total" column or the plan's JSON record; the other lines' OME is given by itself. The
rule is ``ome_apart`` (step 1 of the plan says the same)."""

from __future__ import annotations

from typing import Any

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.ome import not_summed, not_summed_text, ome_apart
from mps_pain.presentation.wording import quantity

__all__ = ["NOT_SUMMED_BASIS", "current_total_text", "not_summed_record", "sums_methadone"]

#: the spread's "Each set's current total" cell where the current regimen holds methadone
NOT_SUMMED_BASIS = "not summed (methadone)"


def sums_methadone(plan: RotationPlan) -> bool:
    """The plan's current total would sum methadone by the cohort ratio."""
    return ome_apart(plan.current) is not None


def current_total_text(plan: RotationPlan) -> str:
    """ "270 OME/day", or "not summed: …; the other lines by themselves: 22.5 mg/day OME"."""
    apart = ome_apart(plan.current)
    if apart is None:
        return quantity(plan.ome_per_day, f"{plan.ome_label}/day")
    return not_summed_text(apart, plan.ome_label)


def not_summed_record(plan: RotationPlan, payload: dict[str, Any]) -> dict[str, Any]:
    """The JSON record with no summed total: ``ome_per_day``/``ome_low``/``ome_high`` null, the
    spread rows' ``ome_per_day`` null, the methadone lines' ``mme_per_day`` null, and
    ``ome_not_summed`` saying why, with the other lines' OME (null: methadone only); a plan
    without such a line is unchanged (such a plan gives no dose, so nothing reads it back)."""
    apart = ome_apart(plan.current)
    if apart is None:
        return payload  # no new key: the record reads back as a RotationPlan (fhir export)
    payload = payload | dict.fromkeys(("ome_per_day", "ome_low", "ome_high"))
    payload["spread"] = [row | {"ome_per_day": None} for row in payload["spread"]]
    payload["current"] = [
        line | {"mme_per_day": None} if line["index"] in apart.methadone_lines else line
        for line in payload["current"]
    ]
    payload["ome_not_summed"] = {
        "reason": not_summed(plan.ome_label),
        "methadone_lines": list(apart.methadone_lines),
        "other_lines_ome_per_day": apart.others_mg_per_day,
        "other_lines_ome_low": apart.others_low,
        "other_lines_ome_high": apart.others_high,
    }
    return payload
