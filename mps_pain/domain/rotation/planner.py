"""The rotation planner: a pipeline of small steps, each a typed record with its explanation.

classify (``classify_switch``) → 1 total OME → 2 equianalgesic amount (cited route ratio, or the
set's factors) → 3 reduction → 4–5 per-dose amount, rate or patches by the rounding policy →
6 breakthrough → 7 schedule → 8 monitoring. The same plan is computed under every equianalgesic
set (the spread, with each set's rounded dose). Methadone targets go to ``planner_methadone``.

Modules, each importing only those after it: planner → planner_methadone → planner_spread →
planner_output, planner_steps (steps 0–3) → the rules they call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import DrugUse, switch_factor_warnings, tolerance_warnings
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.results import Amount, ClinicalWarning, sort_warnings
from mps_pain.domain.rotation import breakthrough_alternative as alternatives
from mps_pain.domain.rotation.band_factor import patch_ome_notes
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.context import (
    Target,
    equianalgesic_set,
    resolve_current,
    resolve_target,
    rotation_rules,
)
from mps_pain.domain.rotation.counted_ends import finished_plan
from mps_pain.domain.rotation.dose_change_rule import dose_change_refusal
from mps_pain.domain.rotation.from_methadone import off_methadone, refuse_on_methadone
from mps_pain.domain.rotation.gate import gate_breakthrough
from mps_pain.domain.rotation.gate_given import gate_given
from mps_pain.domain.rotation.interval_alternative import (
    asked_interval,
    interval_alternative_warnings,
    nothing_within_words,
    other_interval,
)
from mps_pain.domain.rotation.label_start import label_notes, planned_label_reading
from mps_pain.domain.rotation.mixed import FirstPart
from mps_pain.domain.rotation.models import (
    Breakthrough,
    IntervalAlternative,
    RotationPlan,
    SpreadRow,
)
from mps_pain.domain.rotation.ome import CurrentOme, current_ome, ome_steps
from mps_pain.domain.rotation.patches import patch_pitfalls, worn_patch
from mps_pain.domain.rotation.planner_methadone import plan_methadone
from mps_pain.domain.rotation.planner_output import (
    BreakthroughStep,
    RoundingStep,
    breakthrough_step,
    first_part_step,
    rounding_step,
)
from mps_pain.domain.rotation.planner_record import breakthrough_line, monitoring_line, plan_header
from mps_pain.domain.rotation.planner_schedule import ScheduleStep, schedule_step
from mps_pain.domain.rotation.planner_spread import SetRun, spread_rows
from mps_pain.domain.rotation.planner_steps import (
    EquianalgesicStep,
    ReductionStep,
    classify_request,
    monitoring_lines,
    through_reduction,
)
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.rescue_above import regimen_rescue_warnings
from mps_pain.domain.rotation.rounding import one_market_fallback
from mps_pain.domain.rotation.rounding_notes import held_option, rounding_options
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.domain.rotation.shaped import Amounts
from mps_pain.domain.warnings import total_plausibility_warnings
from mps_pain.numbers import dose_text
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
        said = switch.explanation(tables)
        raise dose_change_refusal(said, target.drug, target.route, items, switch.rescues)
    if switch.kind == "to_methadone":
        refuse_on_methadone(tables, rules, items)  # not bidirectional: no dose from methadone's OME
        made = plan_methadone(tables, rules, set_, request, items, prn, prn_stated, target)
    else:
        standard = _Switch(tables, rules, set_, request, items, prn, prn_stated, target, switch)
        made = off_methadone(rules, _plan_standard(standard))  # specialist only: no dose
    far = total_plausibility_warnings(tables, set_, made.ome_per_day)
    far += regimen_rescue_warnings(tables, set_.id, request.market, items, prn)  # as mme's
    if far:  # the same danger as mme gives for this regimen
        made = made.model_copy(update={"warnings": sort_warnings([*made.warnings, *far])})
    return finished_plan(tables, gate_given(tables, request, items, made, target.form))


@dataclass(frozen=True)
class _Switch:
    """What a standard switch is planned from: ``plan`` resolved and classified it."""

    tables: TableIndex
    rules: RotationRules
    set_: ReferenceSet
    request: RotationRequest
    items: list[DailyItem]
    prn: PrnPolicy
    prn_stated: bool
    target: Target
    switch: SwitchClass


@dataclass(frozen=True)
class _Made:
    """Steps 1–8 of a standard switch, each a typed record with its explanation and warnings."""

    switch: SwitchClass  # as applied (off a patch chart: a different opioid, patch_chart)
    ome: CurrentOme
    eq: EquianalgesicStep
    red: ReductionStep
    rounded: RoundingStep
    alternative: IntervalAlternative | None
    breakthrough: BreakthroughStep  # with the warnings of a dose the patient's factors rule out
    first: FirstPart | None
    first_warnings: list[ClinicalWarning]
    schedule: ScheduleStep
    monitoring: list[str]
    own: SetRun | None  # steps 0–5 as the spread's row for this set takes them (a patch proposed)


def _plan_standard(s: _Switch) -> RotationPlan:
    made = _steps(s)
    steps = _explanation(s, made)
    warnings = _warnings(s, made)
    spread = spread_rows(s.tables, s.rules, s.items, s.prn, s.target, s.request, made.own)
    return _record(s, made, steps, warnings, spread)


def _steps(s: _Switch) -> _Made:
    """The pipeline: 1 OME → 2–3 equianalgesic and reduction → 4–5 rounding (and the nearest
    interval that keeps the range) → 6 breakthrough → first part → 7 schedule → 8 monitoring."""
    tables, rules, set_, request, target = s.tables, s.rules, s.set_, s.request, s.target
    ome = current_ome(tables, set_, rules, s.items, s.prn)
    switch, eq, red = through_reduction(tables, rules, set_, s.switch, target, ome, request)
    not_tolerant = _patch_refused(tables, rules, request, target, s.items)
    rounded = rounding_step(tables, rules, set_, request, target, red.amounts, not_tolerant)
    rounded, alternative = _interval_that_fits(s, rounded, red.amounts, not_tolerant)
    breakthrough = _gated_breakthrough(
        tables, rules, request, target, rounded, eq.unit, s.items, set_.id
    )
    valued = (eq.valued or ome).lines  # the OME as the switch values it (``own_ratio``)
    first, first_warnings = first_part_step(
        tables, rules, set_, request, s.items, target, rounded, (eq.value, eq.unit), valued
    )
    bt = breakthrough.breakthrough
    schedule = schedule_step(tables, rules, s.items, target, rounded, bt, first)
    monitoring = monitoring_lines(tables, rules)
    own = None if not_tolerant else SetRun(set_.id, switch, ome, eq, red, rounded.shaped)
    return _Made(
        switch,
        ome,
        eq,
        red,
        rounded,
        alternative,
        breakthrough,
        first,
        first_warnings,
        schedule,
        monitoring,
        own,
    )


def _interval_that_fits(
    s: _Switch, rounded: RoundingStep, amounts: Amounts, not_tolerant: str | None
) -> tuple[RoundingStep, IntervalAlternative | None]:
    """The rounding at the nearest other cited interval when none at the one asked for lies
    within the sourced range and one there does, with the interval asked for as the other
    option (``interval_alternative``); else the rounding as it is."""
    tables, rules, set_, request, target = s.tables, s.rules, s.set_, s.request, s.target
    other = other_interval(tables, rules, set_, request, target, amounts, rounded.shaped)
    if other is None or request.to.frequency is None:
        return rounded, None
    asked = asked_interval(tables, target, request.to.frequency, amounts, rounded.shaped)
    fitted = rounding_step(tables, rules, set_, other[0], target, amounts, not_tolerant)
    nothing = nothing_within_words(request.reduction is not None)
    said = (
        f"   Interval: {other[1].regimen.frequency}, not the {asked.requested_frequency} asked "
        f"for: at {asked.requested_frequency} {nothing} (see the note)"
    )
    lines = [*fitted.explanation[:1], said, *fitted.explanation[1:]]
    return replace(fitted, explanation=lines), asked


def _explanation(s: _Switch, made: _Made) -> list[str]:
    ome = made.ome
    notes = patch_ome_notes(s.tables, s.rules, s.set_, ome, s.request.patch_table)
    return [
        *ome_steps(ome, s.prn, s.prn_stated, s.set_.output_label, notes),
        *made.eq.explanation,
        *made.red.explanation,
        *made.rounded.explanation,
        *made.breakthrough.explanation,
        *made.schedule.explanation,
        monitoring_line(made.monitoring),
    ]


def _warnings(s: _Switch, made: _Made) -> list[ClinicalWarning]:
    alternative = made.alternative
    bt = made.breakthrough.breakthrough
    return [
        *made.ome.warnings,
        *made.eq.warnings,
        *made.red.warnings,
        *_inferred_form(s.target),
        *made.rounded.warnings,
        *interval_alternative_warnings(
            alternative, made.rounded.shaped, made.red.amounts, s.request.reduction is not None
        ),
        *made.first_warnings,
        *made.breakthrough.warnings,
        *_switch_warnings(s.tables, s.rules, s.request, s.items, s.target, bt),
        *label_notes(s.tables, s.rules, s.set_, s.items, s.target, made),
    ]


def _record(
    s: _Switch,
    made: _Made,
    steps: list[str],
    warnings: list[ClinicalWarning],
    spread: list[SpreadRow],
) -> RotationPlan:
    eq, red, shaped = made.eq, made.red, made.rounded.shaped
    rounded = shaped.rounded_per_unit
    return RotationPlan(
        **plan_header(s.tables, s.set_, made.ome, s.prn, s.prn_stated, eq, shaped.regimen),
        reduction=red.reduction.fraction,
        reduction_case=made.switch.case_id,
        reduction_low=red.bounds[0],
        reduction_high=red.bounds[1],
        reduction_range=red.bounds,
        band_dose=red.band,
        reduction_reason=red.reduction.reason,
        reduction_source=red.reduction.source,
        target_daily_dose=Amount(value=tidy(red.amounts.target), unit=eq.unit),
        switch_kind=made.switch.kind,
        switch=made.switch.explanation(s.tables),
        rounded_daily_dose=None if rounded is None else Amount(value=rounded, unit=eq.unit),
        rounding_loss_percent=made.rounded.loss_percent,
        breakthrough=made.breakthrough.breakthrough,
        schedule=made.schedule.entries,
        steps=steps,
        spread=spread,
        warnings=sort_warnings(one_market_fallback(s.rules, warnings)),
        monitoring=made.monitoring,
        first_part=None if made.first is None else made.first.staged,
        patch_label=planned_label_reading(s.tables, s.rules, s.set_, s.items, s.target, made),
        interval_alternative=made.alternative,
        dose_measured=shaped.dose_measured,
        rounding_options=rounding_options(shaped),
        held_option=held_option(shaped),
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
    set_id: str,
) -> BreakthroughStep:
    """Step 6, with the warnings of a breakthrough dose the patient's factors rule out."""
    breakthrough = breakthrough_step(tables, rules, target, rounded, unit, set_id)
    shaped = rounded.shaped
    new = regimen_text(shaped.regimen, shaped.detail)
    bt, bt_avoided = gate_breakthrough(
        tables, request.patient, breakthrough.breakthrough, items, new_regimen=new
    )
    computed = breakthrough.breakthrough
    alternative = _patch_alternative(tables, rules, request, items, target, rounded, set_id)
    avoided = any(w.code == "breakthrough-avoided" for w in bt_avoided)
    no_source = any(w.code == "breakthrough-no-source" for w in breakthrough.warnings)
    if alternative is not None and computed is not None and (avoided or no_source):
        found = alternative(computed.drug if avoided else None)
        gated = gate_breakthrough(tables, request.patient, found[0], items) if found else None
        if found is not None and gated == (found[0], []):  # a sourced dose (review 5b, D8)
            alt, caution = found
            kept = [w for w in breakthrough.warnings if w.code != "breakthrough-no-source"]
            return BreakthroughStep(alt, [breakthrough_line(_bt_line(alt))], [*kept, caution])
        if avoided and bt is not None:  # none of the alternatives in the set: said (18, L4)
            bt, bt_avoided = alternatives.said_none_in_set(
                tables, rules, set_id, computed.drug, (bt, bt_avoided)
            )
    if bt is not None and computed is not None and bt.note != computed.note:  # withheld: why
        return BreakthroughStep(bt, [breakthrough_line(f"{bt.note}")], bt_avoided)
    return replace(breakthrough, breakthrough=bt, warnings=[*breakthrough.warnings, *bt_avoided])


def _patch_alternative(
    tables: TableIndex,
    rules: RotationRules,
    request: RotationRequest,
    items: list[DailyItem],
    target: Target,
    rounded: RoundingStep,
    set_id: str,
) -> Callable[[str | None], tuple[Breakthrough, ClinicalWarning] | None] | None:
    """For a patch: the sourced alternative breakthrough, given the avoided linked opioid."""
    rate = rounded.shaped.regimen.rate
    if not target.is_patch or rate is None:
        return None
    set_ = tables.reference_set(set_id)
    return lambda avoided: alternatives.patch_breakthrough_alternative(
        tables, rules, set_, request.patient, items, (target.drug, rate), rounded.market, avoided
    )


def _bt_line(bt: Breakthrough) -> str:
    dose = dose_text(bt.dose.value, bt.dose.unit) if bt.dose else "no dose"
    return f"{bt.drug} {bt.route} {dose} {bt.frequency} — {bt.note} [{bt.source}]"


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
    to_patch = target.drug.id if target.is_patch else None
    warnings = patch_pitfalls(
        tables,
        rules.patches,
        to_patch=to_patch,
        from_patch=worn_patch(rules.patches, items),
    )
    new = [DrugUse(target.drug, target.route)] + (
        [DrugUse(tables.drugs[bt.drug], bt.route, prn=True)] if bt and bt.dose else []
    )
    factors = switch_factor_warnings(tables, request.patient, items, new, note_stopped_patch=True)
    return warnings + factors
