"""The rotation planner: a pipeline of small steps, each a typed record with its explanation.

classify (``classify_switch``) → 1 total OME → 2 equianalgesic amount (cited route ratio, or the
set's factors) → 3 reduction → 4–5 per-dose amount, rate or patches by the rounding policy →
6 breakthrough → 7 schedule → 8 monitoring. The same plan is computed under every equianalgesic
set (the spread, with each set's rounded dose). Methadone targets go to ``planner_methadone``.

Modules, each importing only those after it: planner → planner_methadone → planner_spread →
planner_output, planner_steps (steps 0–3) → the rules they call.
"""

from __future__ import annotations

from dataclasses import replace

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import (
    DrugUse,
    switch_factor_warnings,
    tolerance_warnings,
)
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.results import Amount, ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.band_factor import patch_ome_notes
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.context import (
    Target,
    equianalgesic_set,
    resolve_current,
    resolve_target,
    rotation_rules,
)
from mps_pain.domain.rotation.gate import gate_breakthrough, gate_maximum, gate_plan
from mps_pain.domain.rotation.interval_alternative import (
    interval_alternative,
    interval_alternative_warning,
)
from mps_pain.domain.rotation.models import Breakthrough, DoseRange, RotationPlan
from mps_pain.domain.rotation.ome import current_ome
from mps_pain.domain.rotation.patches import patch_pitfalls
from mps_pain.domain.rotation.planner_methadone import plan_methadone
from mps_pain.domain.rotation.planner_output import (
    BreakthroughStep,
    RoundingStep,
    breakthrough_step,
    first_part_step,
    rounding_step,
    schedule_step,
)
from mps_pain.domain.rotation.planner_spread import spread_rows
from mps_pain.domain.rotation.planner_steps import (
    classify_request,
    monitoring_lines,
    ome_steps,
    through_reduction,
)
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.warnings import total_plausibility_warnings
from mps_pain.errors import PlanningError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import tidy

__all__ = ["plan"]


def plan(tables: TableIndex, request: RotationRequest) -> RotationPlan:
    rules = rotation_rules(tables)
    set_ = equianalgesic_set(tables, rules, request.table)
    items, prn, prn_stated = resolve_current(tables, request.from_, "from")
    target = resolve_target(tables, request, rules.methadone.drug)
    switch = classify_request(rules, set_, request, items, prn, target)
    if switch.kind == "dose_change":
        raise PlanningError(
            f"{switch.explanation(tables)}: the regimen is already {target.drug.name} by the "
            f"{target.route} route. Change the dose by the drug's titration rules (a change of "
            "release form keeps the same total daily amount), or choose another drug or route",
            location="to",
        )
    if switch.kind == "to_methadone":
        made = plan_methadone(tables, rules, set_, request, items, prn, prn_stated, target)
    else:
        made = _plan_standard(tables, rules, set_, request, items, prn, prn_stated, target, switch)
    far = total_plausibility_warnings(tables, set_, made.ome_per_day)
    if far:  # the same danger as mme gives for this regimen
        made = made.model_copy(update={"warnings": sort_warnings([*made.warnings, *far])})
    gated = gate_plan(tables, request.patient, items, made)
    return gate_maximum(tables, request.patient, request.market, gated)


def _plan_standard(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    items: list[DailyItem],
    prn: PrnPolicy,
    prn_stated: bool,
    target: Target,
    switch: SwitchClass,
) -> RotationPlan:
    ome = current_ome(tables, set_, rules, items, prn)
    eq, red = through_reduction(tables, rules, set_, switch, target, ome, request)
    not_tolerant = _patch_refused(tables, rules, request, target, items)
    rounded = rounding_step(tables, rules, set_, request, target, red.amounts, not_tolerant)
    alternative = interval_alternative(
        tables, rules, set_, request, target, red.amounts, rounded.shaped
    )
    breakthrough, bt_avoided = _gated_breakthrough(
        tables, rules, request, target, rounded, eq.unit, items
    )
    bt = breakthrough.breakthrough
    first, first_warnings = first_part_step(
        tables, rules, set_, request, switch, target, rounded, (eq.value, eq.unit), ome.lines
    )
    schedule = schedule_step(tables, rules, items, target, rounded, bt, first)
    monitoring = monitoring_lines(tables, rules)
    steps = [
        *ome_steps(
            ome,
            prn,
            prn_stated,
            set_.output_label,
            patch_ome_notes(tables, rules, set_, ome, request.patch_table),
        ),
        *eq.explanation,
        *red.explanation,
        *rounded.explanation,
        *breakthrough.explanation,
        *schedule.explanation,
        "8. Monitoring: " + " ".join(monitoring),
    ]
    warnings = [
        *ome.warnings,
        *eq.warnings,
        *red.warnings,
        *_inferred_form(target),
        *rounded.warnings,
        *([interval_alternative_warning(alternative)] if alternative else []),
        *first_warnings,
        *breakthrough.warnings,
        *bt_avoided,
        *_switch_warnings(tables, rules, request, items, target, bt),
    ]
    spread = spread_rows(tables, rules, items, prn, target, request)
    shaped = rounded.shaped
    return RotationPlan(
        ome_per_day=ome.total_mg_per_day,
        ome_low=ome.low_mg_per_day,
        ome_high=ome.high_mg_per_day,
        prn=prn,
        prn_stated=prn_stated,
        table=tables.ref(set_.id),
        table_name=set_.name,
        equianalgesic_daily_dose=DoseRange(
            value=tidy(eq.value), unit=eq.unit, low=tidy(eq.low), high=tidy(eq.high)
        ),
        reduction=red.reduction.fraction,
        reduction_case=switch.case_id,
        reduction_low=red.bounds[0],
        reduction_high=red.bounds[1],
        reduction_range=red.bounds,
        band_dose=red.band,
        reduction_reason=red.reduction.reason,
        reduction_source=red.reduction.source,
        target_daily_dose=Amount(value=tidy(red.amounts.target), unit=eq.unit),
        regimen=shaped.regimen,
        regimen_detail=shaped.regimen.detail,
        switch_kind=switch.kind,
        switch=switch.explanation(tables),
        rounded_daily_dose=None
        if shaped.rounded_per_unit is None
        else Amount(value=shaped.rounded_per_unit, unit=eq.unit),
        rounding_loss_percent=rounded.loss_percent,
        breakthrough=bt,
        schedule=schedule.entries,
        steps=steps,
        spread=spread,
        warnings=sort_warnings(warnings),
        monitoring=monitoring,
        current=ome.lines,
        first_part=None if first is None else first.staged,
        interval_alternative=alternative,
    )


def _patch_refused(
    tables: TableIndex,
    rules: RotationRules,
    request: RotationRequest,
    target: Target,
    items: list[DailyItem],
) -> str | None:
    """Why no patch is proposed (not opioid-tolerant by the label), else None."""
    if not target.is_patch:
        return None
    tolerance = tolerance_warnings(  # the gate; the warning comes from the engine
        tables,
        rules.patches.tolerance,
        request.patient,
        [DrugUse(target.drug, "transdermal")],
        items,
    )
    codes = {w.code for w in tolerance}
    if "opioid-tolerance-conflict" in codes:
        return (
            "the patient is recorded as not opioid-tolerant although the current regimen meets "
            "the label definition, so no patch is proposed until the record is confirmed (see "
            "the danger warning)."
        )
    if "patch-not-opioid-tolerant" not in codes:
        return None
    return (
        "the patient is not opioid-tolerant by the label definition, so no patch is "
        "proposed (see the danger warning): keep or choose a titratable route."
    )


def _gated_breakthrough(
    tables: TableIndex,
    rules: RotationRules,
    request: RotationRequest,
    target: Target,
    rounded: RoundingStep,
    unit: str,
    items: list[DailyItem],
) -> tuple[BreakthroughStep, list[ClinicalWarning]]:
    """Step 6, and the warnings of a breakthrough dose the patient's factors rule out."""
    breakthrough = breakthrough_step(tables, rules, target, rounded, unit)
    bt, bt_avoided = gate_breakthrough(tables, request.patient, breakthrough.breakthrough, items)
    computed = breakthrough.breakthrough
    if bt is not None and computed is not None and bt.note != computed.note:  # withheld: why
        return BreakthroughStep(bt, [f"6. Breakthrough: {bt.note}"]), bt_avoided
    return replace(breakthrough, breakthrough=bt), bt_avoided


def _inferred_form(target: Target) -> list[ClinicalWarning]:
    if target.inferred is None:
        return []
    return [
        ClinicalWarning(code="form-inferred", severity="info", message=target.inferred.explanation)
    ]


def _switch_warnings(
    tables: TableIndex,
    rules: RotationRules,
    request: RotationRequest,
    items: list[DailyItem],
    target: Target,
    bt: Breakthrough | None,
) -> list[ClinicalWarning]:
    """Patch pitfalls of a switch to or from a patch, and the patient-factor rules for the new
    drugs (the target, and the breakthrough drug when a dose is given)."""
    warnings: list[ClinicalWarning] = []
    from_patch = any(d.item.route == "transdermal" and d.is_opioid for d in items)
    if target.is_patch or from_patch:
        warnings += patch_pitfalls(
            tables, rules.patches, request.patient, to_patch=target.is_patch, from_patch=from_patch
        )
    new = [DrugUse(target.drug, target.route)] + (
        [DrugUse(tables.drugs[bt.drug], bt.route)] if bt and bt.dose is not None else []
    )
    return warnings + switch_factor_warnings(tables, request.patient, items, new)
