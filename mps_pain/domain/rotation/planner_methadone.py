"""A switch TO methadone: the chosen method, every other method beside it, and its safety rules.

plan_methadone: choose the method → 1 OME → every method's dose by the market's strengths
(``methadone_dosing``) → 2–3 the method's value and reduction (``_reduced_target``) → 4–5 the
rounded regimen → 6 breakthrough → 7 schedule → 8 monitoring, with the method's own warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import DrugUse, switch_factor_warnings
from mps_pain.domain.regimen import NOT_REPORTED, PrnPolicy
from mps_pain.domain.results import Amount, ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.breakthrough import breakthrough_for_methadone
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.gate import gate_breakthrough, withhold_plan
from mps_pain.domain.rotation.methadone import MethadoneDose, method_value
from mps_pain.domain.rotation.methadone_alternatives import methadone_options, methadone_spread
from mps_pain.domain.rotation.methadone_dosing import (
    MethadoneDosing,
    methadone_dosing,
    method_fraction,
    step_text,
)
from mps_pain.domain.rotation.methadone_method import (
    PRN_OPEN_ENDED,
    choose_method,
    far_below_warning,
    interval_warning,
    methadone_warnings,
    titration_advice,
)
from mps_pain.domain.rotation.models import (
    Breakthrough,
    PlannedRegimen,
    RotationPlan,
    ScheduleEntry,
)
from mps_pain.domain.rotation.ome import CurrentOme, current_ome, ome_steps
from mps_pain.domain.rotation.patches import borrowed_timing, patch_pitfalls, worn_patch
from mps_pain.domain.rotation.planner_record import (
    breakthrough_line,
    monitoring_line,
    plan_header,
    schedule_lines,
)
from mps_pain.domain.rotation.planner_steps import (
    monitoring_lines,
)
from mps_pain.domain.rotation.reduction import check_user_reduction
from mps_pain.domain.rotation.reduction_warnings import reduction_range_warning
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.rounding import (
    form_market_warning,
    liquid_form,
    loss_percent,
    market_fallback_warning,
    one_market_fallback,
)
from mps_pain.domain.rotation.schedule_current import keep_co_infusions
from mps_pain.domain.rotation.schedule_methadone import StepRounding, methadone_schedule
from mps_pain.domain.rotation.schedule_not_one_order import steps_not_one_order
from mps_pain.numbers import format_estimate, format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_methadone import MethadoneMethod
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["plan_methadone"]


def plan_methadone(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    items: list[DailyItem],
    prn: PrnPolicy,
    prn_stated: bool,
    target: Target,
) -> RotationPlan:
    method, schedule_kind, from_patch = choose_method(rules, request, items, set_.market)
    if request.reduction is not None:
        check_user_reduction(tables, rules, request.reduction)
    ome = current_ome(tables, set_, rules, items, prn)
    dosing = methadone_dosing(tables, rules, set_, request, target, ome, method)
    aim = _reduced_target(tables, rules, method, dosing.chosen, ome, request)
    breakthrough, bt_warnings = _breakthrough(tables, rules, request, items, target, dosing)
    ordered = breakthrough.dose is not None  # what the schedule gives until it starts (L4)
    schedule = _schedule(tables, rules, schedule_kind, items, dosing, (from_patch, ordered))
    titration, titration_text = titration_advice(tables, method)
    warnings = _plan_warnings(tables, rules, request, items, target, dosing, aim, ome, from_patch)
    warnings += bt_warnings
    warnings += steps_not_one_order(  # the check judges no step beside methadone (review 19 L7)
        tables,
        schedule_kind,
        rules.methadone.three_step,
        doses_per_day=dosing.chosen.doses_per_day,
        from_patch=from_patch,
        items=items,
    )
    monitoring = [*titration_text, *monitoring_lines(tables, rules)]
    steps = [
        *ome_steps(ome, prn, prn_stated, set_.output_label),
        *aim.explanation,
        *_rounding_lines(tables, dosing),
        breakthrough_line(
            f"{breakthrough.note}" + (f" [{breakthrough.source}]" if breakthrough.source else "")
        ),
        *schedule_lines(schedule),
        monitoring_line(monitoring),
    ]
    made = _Made(ome, dosing, aim, breakthrough, schedule, steps, warnings, monitoring, titration)
    record = _plan_record(
        tables, rules, set_, items, prn, prn_stated, _regimen(target, dosing), made
    )
    return _open_ended_withheld(tables, rules, method, record)


def _open_ended_withheld(
    tables: TableIndex, rules: RotationRules, method: MethadoneMethod, plan: RotationPlan
) -> RotationPlan:
    """No as-needed methadone order without a sourced minimum interval and maximum doses in
    24 h (pharmacist review 5, D1): the plan keeps the method's arithmetic and the other methods
    beside it, and gives no dose, with a danger."""
    if not method.frequency.open_ended:
        return plan
    rule = rules.methadone.as_needed_order
    danger = ClinicalWarning(
        code=PRN_OPEN_ENDED,
        severity="danger",
        message=f"{method.name}: {rule.message}",
        source=tables.cite(rule.citation),
    )
    reason = (
        f"{method.name} is an as-needed-only regime and its minimum interval and maximum "
        "doses in 24 h are not sourced: no open-ended as-needed methadone order is printed."
    )
    return withhold_plan(plan, reason, [danger], "method", keep_options=True)


@dataclass(frozen=True)
class _Made:
    """What the steps of a switch to methadone made, before it becomes a ``RotationPlan``."""

    ome: CurrentOme
    dosing: MethadoneDosing
    aim: _ReducedTarget
    breakthrough: Breakthrough
    schedule: list[ScheduleEntry]
    steps: list[str]
    warnings: list[ClinicalWarning]
    monitoring: list[str]
    titration: tuple[float, float] | None


def _plan_record(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    items: list[DailyItem],
    prn: PrnPolicy,
    prn_stated: bool,
    regimen: PlannedRegimen,
    made: _Made,
) -> RotationPlan:
    ome, dosing, aim, method = made.ome, made.dosing, made.aim, made.dosing.method
    return RotationPlan(
        **plan_header(tables, set_, ome, prn, prn_stated, aim, regimen),
        reduction=aim.fraction,
        reduction_low=method.reduction.low,
        reduction_high=method.reduction.high,
        reduction_reason=aim.reason,
        reduction_source=aim.source,
        target_daily_dose=Amount(value=aim.reduced, unit=aim.unit),
        switch_kind="to_methadone",
        switch=f"Switch: to methadone by {method.name}, with the method's own reduction",
        rounded_daily_dose=Amount(value=dosing.rounded, unit=aim.unit),
        rounding_loss_percent=loss_percent(aim.reduced, dosing.rounded),
        breakthrough=made.breakthrough,
        schedule=made.schedule,
        steps=made.steps,
        spread=methadone_spread(tables, rules, items, prn, method, aim.fraction, aim.unit),
        warnings=sort_warnings(one_market_fallback(rules, made.warnings)),
        monitoring=made.monitoring,
        methadone_options=methadone_options(tables, dosing.doses.values()),
        methadone_method=method.id,
        titration_interval_days=made.titration,
    )


def _breakthrough(
    tables: TableIndex,
    rules: RotationRules,
    request: RotationRequest,
    items: list[DailyItem],
    target: Target,
    dosing: MethadoneDosing,
) -> tuple[Breakthrough, list[ClinicalWarning]]:
    """Step 6 and its gate (``gate_breakthrough``, the same rule as every plan's): a dose that
    rounds to nothing measurable is stated as no breakthrough dose, with a danger."""
    computed = breakthrough_for_methadone(
        tables,
        rules.breakthrough,
        target.drug,
        dosing.form if dosing.as_needed else target.form,  # one form for one as-needed order
        dosing.chosen.daily_mg,
        dosing.chosen.per_dose_mg if dosing.as_needed else None,
        dosing.market,
        liquid_form(target.drug),
        dosing.step,
    )
    daily = dosing.chosen.daily_mg
    new = None if daily is None else f"{target.drug.id} {format_number(daily)} mg/day"
    gated, warnings = gate_breakthrough(tables, request.patient, computed, items, new_regimen=new)
    assert gated is not None  # the gate keeps a record it is given
    if daily is not None and rules.breakthrough.methadone.open_ended:
        no_cover = ClinicalWarning(  # no breakthrough cover is a danger (review 5, D8)
            code="breakthrough-no-source",
            severity="danger",
            message=computed.note or "",
            source=computed.source,
        )
        warnings = [*warnings, no_cover]
    return gated, warnings


@dataclass(frozen=True)
class _ReducedTarget:
    """Steps 2–3: the method's value at the OME (with the range's ends) and its reduction."""

    value: float
    unit: str
    low: float
    high: float
    fraction: float
    reason: str
    source: str
    reduced: float
    explanation: list[str]


def _reduced_target(
    tables: TableIndex,
    rules: RotationRules,
    method: MethadoneMethod,
    chosen: MethadoneDose,
    ome: CurrentOme,
    request: RotationRequest,
) -> _ReducedTarget:
    value = chosen.value.value_mg
    assert value is not None
    unit = "mg" if chosen.doses_per_day is None else "mg/day"
    ends = [
        method_value(rules.methadone, method, x).value_mg
        for x in (ome.low_mg_per_day, ome.high_mg_per_day)
    ]
    known = [v for v in (*ends, value) if v is not None]
    fraction = method_fraction(method, request)
    reason = (
        f"{format_percent(fraction)} as set by the user"
        if request.reduction is not None
        else f"the method's own rule: {method.reduction.reason}"
    )
    source = tables.cite(method.reduction.citation)
    reduced = tidy(value * (1 - fraction))
    # the smoothing is this program's rule, cited as that beside the method's own (review 19, L3)
    held = f" [{tables.cite(rules.methadone.band_edge.citation)}]" if chosen.value.held else ""
    explanation = [
        f"2. Methadone by {method.name} [{tables.cite(method.citation)}]: "
        f"{chosen.value.explanation}{held}",
        f"3. Reduction {format_percent(fraction)} ({reason}) [{source}]: "
        f"{format_number(value)} × (1 − {format_number(fraction)}) = {format_estimate(reduced)} "
        f"{unit}",
    ]
    return _ReducedTarget(
        value, unit, min(known), max(known), fraction, reason, source, reduced, explanation
    )


def _rounding_lines(tables: TableIndex, dosing: MethadoneDosing) -> list[str]:
    """Steps 4–5 as the plan explains them: rounding, strengths, cap, oral solution."""
    chosen, method, strengths = dosing.chosen, dosing.method, dosing.strength_choice
    given = f"given {method.frequency.code} [{tables.cite(method.frequency.citation)}]"
    lines = [f"4–5. Methadone {given}: {chosen.rounding_note}"]
    if strengths is not None:
        lines.append(
            f"   Strengths: {', '.join(format_number(v) for v in strengths.values)} "
            f"{strengths.unit} ({strengths.said}) [{strengths.source}]"
        )
    if method.cap is not None:
        cap_cite = tables.cite(method.cap.citation)
        lines.append(
            f"   Cap {format_number(method.cap.mg)} mg per {method.cap.per} [{cap_cite}]"
            f"{' — applied after rounding' if chosen.capped else ' — not reached'}"
        )
    if chosen.liquid:
        lines.append(
            "   Below the smallest tablet: the dose is measured as oral solution in steps of "
            f"{step_text(dosing.step)}."
        )
    return lines


def _regimen(target: Target, dosing: MethadoneDosing) -> PlannedRegimen:
    chosen = dosing.chosen
    return PlannedRegimen(
        drug=target.drug.id,
        route="oral",
        form=dosing.form,
        dose=Amount(value=dosing.per_dose_mg, unit="mg"),
        frequency=None if dosing.as_needed else dosing.frequency,
        rate=None,
        prn=dosing.as_needed,
        doses_per_day=NOT_REPORTED if dosing.as_needed else None,
        daily_dose=Amount(value=chosen.daily_mg, unit="mg/day") if chosen.daily_mg else None,
    )


def _schedule(
    tables: TableIndex,
    rules: RotationRules,
    schedule_kind: str,
    items: list[DailyItem],
    dosing: MethadoneDosing,
    patch_and_ordered: tuple[bool, bool],
) -> list[ScheduleEntry]:
    from_patch, ordered = patch_and_ordered
    transitions = rules.transitions
    return methadone_schedule(
        tables,
        schedule_kind,
        rules.methadone.three_step,
        items,
        per_dose_mg=dosing.per_dose_mg,
        doses_per_day=dosing.chosen.doses_per_day,
        frequency=dosing.frequency,
        strengths=dosing.strengths,
        start_after_patch=transitions.from_patch_start if from_patch else None,
        borrowed=borrowed_timing(
            tables, rules.patches, [d.drug.id for d in items if d.item.route == "transdermal"]
        ),
        previous=StepRounding(
            dosing.market,
            rules.rounding.max_units_per_dose,
            dosing.step.mg if dosing.step else None,
            rules.rounding.oral_solution_step,
            methadone_as_solution=dosing.chosen.liquid,
        ),
        breakthrough_ordered=ordered,
    ) + keep_co_infusions(items)


def _plan_warnings(
    tables: TableIndex,
    rules: RotationRules,
    request: RotationRequest,
    items: list[DailyItem],
    target: Target,
    dosing: MethadoneDosing,
    aim: _ReducedTarget,
    ome: CurrentOme,
    from_patch: bool,
) -> list[ClinicalWarning]:
    method = dosing.method
    warnings = methadone_warnings(tables, rules, method, dosing.chosen, ome.label)
    warnings += far_below_warning(tables, rules, method, dosing.doses)
    asked = interval_warning(tables, rules, request.to.frequency, used=method)  # not used: said
    warnings += [asked] if asked else []
    new = [DrugUse(target.drug, target.route)]
    warnings += switch_factor_warnings(tables, request.patient, items, new, note_stopped_patch=True)
    warnings += ome.warnings
    if dosing.strength_choice is not None and dosing.strength_choice.fallback:
        warnings.append(market_fallback_warning(tables, rules, dosing.strength_choice))
    if dosing.chosen.liquid and dosing.form is not None:
        missing = form_market_warning(tables, rules, target.drug, dosing.form, dosing.market)
        warnings += [missing] if missing else []
    bounds = (method.reduction.low, method.reduction.high)
    outside = reduction_range_warning(aim.fraction, bounds, aim.source)
    warnings += [outside] if outside else []
    if from_patch:
        worn = worn_patch(rules.patches, items)
        warnings += patch_pitfalls(tables, rules.patches, to_patch=None, from_patch=worn)
    return warnings
