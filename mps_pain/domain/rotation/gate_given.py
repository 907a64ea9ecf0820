"""The gates every plan and check meet on what is to be GIVEN: a proposed opioid the patient
rules say to avoid (the check's reading of the planner's gate), and the maximum-dose rule on
the plan's regimen and on the co-medications it continues unchanged."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.max_dose import (
    DOSE_TO_CHECK,
    MAX_DOSE,
    given_market,
    proposal_max_dose_warnings,
)
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import continued_co_medications, uses_of
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.gate import avoided_warning, gate_maximum, gate_plan
from mps_pain.domain.rotation.gate_verify import gate_unverified
from mps_pain.domain.rotation.keep_flagged import keep_flagged
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.schedule_current import co_medication_entry
from mps_pain.tables.index import TableIndex

__all__ = ["continued_maximum", "gate_given", "in_form_asked", "proposal_avoided_warnings"]


def gate_given(
    tables: TableIndex,
    request: RotationRequest,
    items: Sequence[DailyItem],
    made: RotationPlan,
    asked_form: str | None,
) -> RotationPlan:
    """A plan through the patient gate, the maximum-dose gate, the gate of a current amount to
    verify first (``gate_verify``) and the continued co-medications' maximum, in that order, then
    the keep sentences of a plan with no dose (``keep_flagged``); ``asked_form``: the target's
    form (asked, or read from its frequency), which heads a plan the gates leave without a dose
    (``in_form_asked``)."""
    gated = gate_plan(tables, request.patient, items, made)
    market = given_market(tables, request.market, made.table.id)  # the plan's own labels
    gated = gate_maximum(tables, request.patient, market, gated)
    gated = gate_unverified(items, gated)
    gated = in_form_asked(gated, asked_form)
    gated = continued_maximum(tables, request.patient, market, items, gated)
    return keep_flagged(gated)


def in_form_asked(plan: RotationPlan, asked_form: str | None) -> RotationPlan:
    """A plan with no dose, headed by the form asked for: an oral solution chosen only to
    measure the dose is no reason to name it once no dose is given (clinician review 15 #14:
    "morphine oral solution: no dose" when Immediate-release oral was chosen)."""
    regimen = plan.regimen
    if regimen.no_dose is None or not plan.dose_measured or asked_form in (None, regimen.form):
        return plan
    return plan.model_copy(
        update={"regimen": regimen.model_copy(update={"form": asked_form}), "dose_measured": False}
    )


def continued_maximum(
    tables: TableIndex,
    patient: Patient,
    market: str | None,
    items: Sequence[DailyItem],
    plan: RotationPlan,
) -> RotationPlan:
    """The maximum-dose rule for what is given (``proposal_max_dose_warnings``, as the check
    applies it) on the co-medications the plan continues unchanged (pharmacist review 15, D3:
    "Continue acetaminophen … 6000 mg/day unchanged" carried no warning); then no continued
    line a danger names is said "unchanged" (``_reduced``)."""
    continued = continued_co_medications(items, (plan.regimen.drug,))  # the check's rule
    found = proposal_max_dose_warnings(tables, patient, market, continued)
    warnings = sort_warnings([*plan.warnings, *found]) if found else plan.warnings
    return _reduced(plan, continued, warnings).model_copy(update={"warnings": warnings})


def _reduced(
    plan: RotationPlan, continued: Sequence[DailyItem], warnings: Sequence[ClinicalWarning]
) -> RotationPlan:
    """The plan with each continued line of a drug the rule calls above its maximum (a danger
    names the drug's first item; the total is the drug's) said as one to reduce, and each
    continued line another danger names (an NSAID at eGFR < 30) as one to review, in the
    schedule and in step 7: never "unchanged" (pharmacist re-checks 15b #6, 16 #2)."""
    dangers = [w for w in warnings if w.severity == "danger" and w.item is not None]
    over_items = {w.item for w in dangers if w.code == MAX_DOSE}
    over = {d.drug.id for d in continued if d.index in over_items}
    # another danger (avoid it) outranks "reduce it" (re-check 16b, A05: naproxen at eGFR 20)
    named = {w.item for w in dangers if w.code != MAX_DOSE}
    to_check = {w.item for w in warnings if w.code in DOSE_TO_CHECK}  # review 17, H2
    swap = {
        co_medication_entry(d): co_medication_entry(
            d,
            above_maximum=d.drug.id in over and d.index not in named,
            named=d.index in named,
            to_check=d.index in to_check,
        )
        for d in continued
        if d.drug.id in over or d.index in named or d.index in to_check
    }
    lines = {f"{old.when}: {old.action}": f"{new.when}: {new.action}" for old, new in swap.items()}
    return plan.model_copy(
        update={
            "schedule": [swap.get(entry, entry) for entry in plan.schedule],
            "steps": [lines.get(step, step) for step in plan.steps],
        }
    )


def proposal_avoided_warnings(
    tables: TableIndex,
    patient: Patient,
    current: list[DailyItem],
    proposed: list[DailyItem],
    *,
    left_out: bool = False,
) -> list[ClinicalWarning]:
    """Each proposed drug the patient-factor rules say to avoid, once per drug: the check's
    reading of the planner's own gate (a drug the current regimen has is continued). A
    co-medication is read too (pharmacist review 17, M2: ibuprofen at eGFR 20 headlined
    WITHIN beside its own DANGER). ``left_out``: ``proposed`` are the current co-medications
    the order leaves out and so continues (``check_continued``), said so."""
    found, seen = [], set()
    taken = {d.drug.id for d in current}
    for use in uses_of(proposed):
        if use.drug.id in seen:
            continue
        seen.add(use.drug.id)
        continued = use.drug.id in taken
        warning = avoided_warning(
            tables, patient, use, current, continued=continued, left_out=left_out
        )
        found += [warning] if warning is not None else []
    return found
