"""Turning a rotation plan into regimen rows ("Apply plan"), and the request the planner sends.

No number is computed here: the planned doses are copied from the plan into RegimenItem fields
and validated by the domain model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import RotationPlan
    from ui.editing import EditorState

__all__ = ["apply_plan", "planned_items"]


def _amount(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        return f"{value['value']:.10g} {value['unit']}"
    return f"{value.value:.10g} {value.unit}"


def planned_items(plan: RotationPlan) -> list[dict[str, Any]]:
    """The new opioid rows, as the editor's raw fields (the breakthrough row as needed)."""
    regimen, detail = plan.regimen, plan.regimen_detail
    note = f"from the switching plan ({plan.table.id} v{plan.table.version})"
    base = {"drug": regimen.drug, "route": regimen.route, "form": regimen.form or "", "note": note}
    rows: list[dict[str, Any]] = []
    if detail.no_dose:
        return rows  # nothing to apply: the panel disables Apply for such a plan
    if detail.dose_units and len(detail.dose_units) > 1:
        base["note"] += "; each dose as " + " + ".join(_amount(u) or "" for u in detail.dose_units)
    if detail.patches:
        for patch in detail.patches:
            rows.append({**base, "rate": _amount(patch)})
    elif regimen.rate is not None:
        rows.append({**base, "rate": _amount(regimen.rate)})
    elif regimen.dose is not None and regimen.frequency:
        rows.append({**base, "dose": _amount(regimen.dose), "frequency": regimen.frequency})
    elif regimen.dose is not None and regimen.prn:
        rows.append({**base, "prn": True, "dose": _amount(regimen.dose), "doses_per_day": "0"})
    breakthrough = plan.breakthrough
    if breakthrough is not None and breakthrough.dose is not None:
        rows.append(
            {
                "drug": breakthrough.drug,
                "route": breakthrough.route,
                "form": breakthrough.form or "",
                "prn": True,
                "dose": _amount(breakthrough.dose),
                "doses_per_day": "0",
                "note": f"breakthrough {breakthrough.frequency}; enter the doses taken per 24 h",
            }
        )
    return rows


def apply_plan(state: EditorState, plan: RotationPlan, opioid_rows: set[int]) -> EditorState:
    """Replace the opioid rows with the planned ones; adjuvants and unfinished rows stay.

    A plan without a dose changes nothing: removing the current opioid with no replacement
    would silently stop the patient's analgesia.
    """
    from ui.editing import with_row_inserted, with_row_removed

    if plan.regimen_detail.no_dose:
        return state
    first = min(opioid_rows) if opioid_rows else len(state.rows)
    for row in sorted(opioid_rows, reverse=True):
        state = with_row_removed(state, row)
    for offset, raw in enumerate(planned_items(plan)):
        state = with_row_inserted(state, first + offset, raw)
    return state
