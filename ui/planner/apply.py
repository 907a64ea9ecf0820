"""Turning a rotation plan into regimen items ("Apply plan").

No number is computed here: the planned amounts are handed to ``RegimenItem`` as quantities
(``ParsedQuantity``), never written out as text and parsed back; the domain model validates them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.domain.kept_words import kept_words
from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.domain.staged_start import StopsAfter
from mps_pain.fields import MAX_TEXT_CHARS
from mps_pain.numbers import written_dose
from mps_pain.presentation.applied_glance import staged_note, staged_start
from mps_pain.presentation.applied_plan import applied_start
from mps_pain.presentation.applied_steps import breakthrough_steps, regular_steps, rescue_row
from mps_pain.presentation.set_names import named
from mps_pain.presentation.staged_cell import FROM_PLAN
from mps_pain.units import ParsedQuantity
from ui.editing import EditorState, with_item_inserted, with_row_removed

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["apply_plan", "kept_items", "opioid_rows", "planned_items"]


def _quantity(amount: Amount) -> ParsedQuantity:
    return ParsedQuantity(amount.value, amount.unit)


def _item(**fields: object) -> RegimenItem:
    return RegimenItem.model_validate(fields)


def _as_written(item: RegimenItem) -> RegimenItem:
    """The row's dose in the unit the plan prints it in (``written_dose``: 0.65 mg is 650 mcg,
    clinician review 19, M6), the same amount."""
    dose = item.dose
    if dose is None:
        return item
    value, unit = written_dose(dose.value, dose.unit)
    if unit == dose.unit:
        return item
    return item.model_copy(update={"dose": ParsedQuantity(value, unit)})


def planned_items(plan: RotationPlan) -> list[RegimenItem]:
    """The new opioid items (and the breakthrough item as needed, 0 doses taken so far)."""
    regimen = plan.regimen
    if regimen.no_dose:
        return []  # nothing to apply: the panel disables Apply for such a plan
    # the set by its name, by the one rule (clinician review 18 #9: "(uk-palliative v2026.12.9)")
    # its first part first, seen when the Note is cut (clinician review 19, M2)
    note = staged_note(plan) + named(
        plan, f"{FROM_PLAN} {plan.table.id}, tables v{plan.table.version}"
    )
    if regimen.dose_units and len(regimen.dose_units) > 1:
        note += "; each dose as " + " + ".join(str(_quantity(u)) for u in regimen.dose_units)
    start = applied_start(plan)  # from a patch: when each part starts (review 18 #2)
    note += f"; {start}" if start else ""
    # every timed step of the plan's schedule travels with the rows (re-check 18d, D2)
    note += _then(regular_steps(plan, _room(note)))
    # the order's lines by the one rule (a patch plan as its patches: re-check 18b, after M1)
    items = order_lines(plan, note)
    staged = staged_start(plan)  # the first part as typed data, for every page (re-check 20c M1)
    if staged is not None:
        items = [item.model_copy(update={"first_part": staged}) for item in items]
    breakthrough = plan.breakthrough
    if rescue_row(plan):  # the one rule of a breakthrough row (its step goes on it)
        assert breakthrough is not None and breakthrough.dose is not None
        rescue_note = f"breakthrough {breakthrough.frequency}; enter the doses taken per 24 h"
        items.append(
            _item(
                drug=breakthrough.drug,
                route=breakthrough.route,
                form=breakthrough.form,
                prn=True,
                dose=_quantity(breakthrough.dose),
                doses_per_day=0,
                note=rescue_note + _then(breakthrough_steps(plan, _room(rescue_note))),
            )
        )
    return [_as_written(item) for item in items]


def _then(words: str) -> str:
    return f"; {words}" if words else ""


def _room(note: str) -> int:
    """What a row's note has left for the plan's steps after ``note`` and "; "."""
    return MAX_TEXT_CHARS - len(note) - len("; ")


def opioid_rows(state: EditorState, plan: RotationPlan) -> set[int]:
    """Editor rows of the opioids the plan converted (its ``current`` lines' ``kind``)."""
    rows = (state.row_of_item(line.index) for line in plan.current if line.kind == "opioid")
    return {row for row in rows if row is not None}


def kept_items(state: EditorState, plan: RotationPlan) -> list[RegimenItem]:
    """The current lines the plan keeps going after the new patch goes on, each with when it
    stops (clinician review 21, N1: Apply dropped the infusion the plan keeps for 12 h, so the
    regimen, the check and the signed order gave the patch alone). Their order is the current
    one; an earlier plan's first part or timing is not this plan's, so it goes."""
    kept = []
    for step in plan.schedule:
        row = None if step.keeps is None else state.row_of_item(step.keeps.index)
        item = None if row is None else state.rows[row].item
        if item is None or step.keeps is None:
            continue
        stop = StopsAfter.model_validate({"hours": step.keeps.hours})
        note = (
            f"Kept by the switching plan while the new patch takes effect, {kept_words(stop.hours)}"
        )
        update = {"stops_after": stop, "first_part": None, "changed_from_plan": None, "note": note}
        kept.append(item.model_copy(update=update))
    return kept


def apply_plan(state: EditorState, plan: RotationPlan, opioids: set[int]) -> EditorState:
    """Replace the opioid rows with the planned items; adjuvants and unfinished rows stay.

    A plan without a dose changes nothing: removing the current opioid with no replacement
    would silently stop the patient's analgesia.
    """
    if plan.regimen.no_dose:
        return state
    first = min(opioids) if opioids else len(state.rows)
    kept = kept_items(state, plan)  # read before their rows go (review 21, N1)
    for row in sorted(opioids, reverse=True):
        state = with_row_removed(state, row)
    for offset, item in enumerate([*planned_items(plan), *kept]):
        state = with_item_inserted(state, first + offset, item)
    return state
