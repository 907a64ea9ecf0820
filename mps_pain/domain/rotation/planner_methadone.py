"""A switch TO methadone: the chosen method, every other method beside it, and its safety rules."""

from __future__ import annotations

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import DrugUse, switch_factor_warnings
from mps_pain.domain.results import Amount, ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.breakthrough import breakthrough_for_methadone
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.methadone import MethadoneDose, dose_for, method_value
from mps_pain.domain.rotation.models import (
    DoseRange,
    MethadoneOption,
    PlannedRegimen,
    RotationPlan,
    RotationRequest,
    SpreadRow,
)
from mps_pain.domain.rotation.ome import current_ome
from mps_pain.domain.rotation.patches import patch_pitfalls
from mps_pain.domain.rotation.planner_common import monitoring_lines, ome_steps
from mps_pain.domain.rotation.planner_steps import reduction_range_warning
from mps_pain.domain.rotation.reduction import check_user_reduction
from mps_pain.domain.rotation.rounding import (
    LiquidStep,
    form_market_warning,
    liquid_form,
    liquid_step,
    loss_percent,
    market_fallback_warning,
    market_for,
    strengths_for,
)
from mps_pain.domain.rotation.schedule import keep_co_infusions, methadone_schedule
from mps_pain.errors import InputError, NoConversionFactorError, PlanningError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_methadone import MethadoneMethod
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import strengths_in
from mps_pain.units import format_number, tidy

__all__ = ["plan_methadone"]


def _option(tables: TableIndex, dose: MethadoneDose) -> MethadoneOption:
    method = dose.method
    as_needed = dose.doses_per_day is None
    cap = None
    if method.cap is not None:
        cap = Amount(value=method.cap.mg, unit="mg" if method.cap.per == "dose" else "mg/day")
    return MethadoneOption(
        method=method.id,
        name=method.name,
        source=_method_sources(tables, method),
        daily_dose=Amount(value=dose.daily_mg, unit="mg/day") if dose.daily_mg else None,
        per_dose=Amount(value=dose.per_dose_mg, unit="mg") if dose.per_dose_mg else None,
        frequency="as needed" if as_needed else method.frequency.code,
        cap=cap,
        capped=dose.capped,
        near_edge=dose.value.near_edge,
        neighbours=[
            Amount(value=tidy(v), unit="mg" if as_needed else "mg/day")
            for v in dose.value.neighbours_mg
        ],
        note=dose.value.refused or dose.value.explanation,
    )


def _step_text(step: LiquidStep | None) -> str:
    return f"{format_number(step.mg)} mg [{step.citation}]" if step else "none known"


def _method_sources(tables: TableIndex, method: MethadoneMethod) -> str:
    """The method's citation, and its frequency's where that is another place."""
    cites = (tables.cite(method.citation), tables.cite(method.frequency.citation))
    return "; ".join(dict.fromkeys(cites))


def plan_methadone(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    items: list[DailyItem],
    prn: str,
    prn_stated: bool,
    target: Target,
) -> RotationPlan:
    md = rules.methadone
    method, schedule_kind, from_patch = _choose_method(rules, request, items)
    if request.reduction is not None:
        check_user_reduction(tables, rules, request.reduction)
    ome = current_ome(tables, set_, rules, items, prn)  # type: ignore[arg-type]
    steps = ome_steps(ome, prn, prn_stated, set_.output_label)
    market = market_for(request.market, set_)
    strengths_choice = strengths_for(tables, target.drug, target.form, market)
    strengths = strengths_in(strengths_choice, "mg")

    def reduction_for(m: MethadoneMethod) -> float:
        return request.reduction if request.reduction is not None else m.reduction.default

    step = liquid_step(tables, target.drug, rules.rounding.oral_solution_step)
    step_mg = step.mg if step else None
    doses = {
        m.id: dose_for(md, m, ome.total_mg_per_day, reduction_for(m), strengths, step_mg)
        for m in md.methods
    }
    chosen = doses[method.id]
    if chosen.value.value_mg is None or chosen.per_dose_mg is None:
        others = [
            f"{d.method.id}: {format_number(d.daily_mg or d.per_dose_mg or 0)} mg"
            for d in doses.values()
            if d.per_dose_mg is not None
        ]
        why = chosen.value.refused or (
            "the dose rounds down to less than the smallest tablet and the smallest measurable "
            f"amount of oral solution ({_step_text(step)})"
        )
        raise PlanningError(
            f"{method.name} gives no methadone dose at {format_number(ome.total_mg_per_day)} "
            "mg/day OME: "
            f"{why}." + (f" Other methods: {'; '.join(others)}." if others else ""),
            location="methadone_method",
        )
    as_needed = chosen.doses_per_day is None
    unit = "mg" if as_needed else "mg/day"
    value = chosen.value.value_mg
    ends = [method_value(md, method, x).value_mg for x in (ome.low_mg_per_day, ome.high_mg_per_day)]
    known = [v for v in (*ends, value) if v is not None]
    fraction = reduction_for(method)
    reason = (
        f"{format_number(fraction * 100)}% as set by the user"
        if request.reduction is not None
        else f"the method's own rule: {method.reduction.reason}"
    )
    reduction_source = tables.cite(method.reduction.citation)
    steps.append(
        f"2. Methadone by {method.name} [{tables.cite(method.citation)}]: "
        f"{chosen.value.explanation}"
    )
    reduced = tidy(value * (1 - fraction))
    steps.append(
        f"3. Reduction {format_number(fraction * 100)}% ({reason}) [{reduction_source}]: "
        f"{format_number(value)} × (1 − {format_number(fraction)}) = {format_number(reduced)} "
        f"{unit}"
    )
    given = f"given {method.frequency.code} [{tables.cite(method.frequency.citation)}]"
    steps.append(f"4–5. Methadone {given}: {chosen.rounding_note}")
    if strengths_choice is not None:
        steps.append(
            f"   Strengths: {', '.join(format_number(v) for v in strengths_choice.values)} "
            f"{strengths_choice.unit} ({strengths_choice.market}; {strengths_choice.note}) "
            f"[{strengths_choice.source}]"
        )
    rounded = chosen.per_dose_mg if as_needed else chosen.daily_mg
    assert rounded is not None
    loss = loss_percent(reduced, rounded)
    if method.cap is not None:
        cap_cite = tables.cite(method.cap.citation)
        steps.append(
            f"   Cap {format_number(method.cap.mg)} mg per {method.cap.per} [{cap_cite}]"
            f"{' — applied after rounding' if chosen.capped else ' — not reached'}"
        )
    frequency = "as needed" if as_needed else method.frequency.code
    form = target.form
    if chosen.liquid:
        form = liquid_form(target.drug) or form
        steps.append(
            f"   Below the smallest tablet: the dose is measured as oral solution in steps of "
            f"{_step_text(step)}."
        )
    regimen = PlannedRegimen(
        drug=target.drug.id,
        route="oral",
        form=form,
        dose=Amount(value=chosen.per_dose_mg, unit="mg"),
        frequency=None if as_needed else frequency,
        rate=None,
        prn=as_needed,
        daily_dose=Amount(value=chosen.daily_mg, unit="mg/day") if chosen.daily_mg else None,
    )
    breakthrough = breakthrough_for_methadone(
        tables,
        rules.breakthrough,
        target.drug,
        target.form,
        chosen.daily_mg,
        chosen.per_dose_mg if as_needed else None,
        market,
        liquid_form(target.drug),
        step,
    )
    schedule = methadone_schedule(
        tables,
        schedule_kind,
        md.three_step,
        items,
        per_dose_mg=chosen.per_dose_mg,
        doses_per_day=chosen.doses_per_day,
        frequency=frequency,
        strengths=strengths,
        start_after_patch=rules.transitions.from_patch_start if from_patch else None,
    ) + keep_co_infusions(items)
    titration, titration_text = _titration(tables, method)
    warnings = _methadone_warnings(tables, rules, method, chosen, request)
    new = [DrugUse(target.drug, target.route)]
    warnings += switch_factor_warnings(tables, request.patient, items, new)
    warnings += ome.warnings
    if strengths_choice is not None and strengths_choice.fallback:
        warnings.append(market_fallback_warning(tables, rules, strengths_choice))
    if chosen.liquid and form is not None:
        missing = form_market_warning(tables, rules, target.drug, form, market)
        warnings += [missing] if missing else []
    outside = reduction_range_warning(
        fraction, (method.reduction.low, method.reduction.high), reduction_source
    )
    warnings += [outside] if outside else []
    if from_patch:
        warnings += patch_pitfalls(
            tables, rules.patches, request.patient, to_patch=False, from_patch=True
        )
    monitoring = [titration_text, *monitoring_lines(tables, rules)]
    bt_cite = f" [{breakthrough.source}]" if breakthrough.source else ""
    steps.append(f"6. Breakthrough: {breakthrough.note}{bt_cite}")
    steps.append("7. Schedule: " + " | ".join(f"{e.when}: {e.action}" for e in schedule))
    steps.append("8. Monitoring: " + " ".join(monitoring))
    spread = _spread(tables, rules, items, prn, method, fraction, unit)
    return RotationPlan(
        ome_per_day=ome.total_mg_per_day,
        ome_low=ome.low_mg_per_day,
        ome_high=ome.high_mg_per_day,
        prn=prn,
        prn_stated=prn_stated,
        table=tables.ref(set_.id),
        table_name=set_.name,
        equianalgesic_daily_dose=DoseRange(
            value=tidy(value), unit=unit, low=tidy(min(known)), high=tidy(max(known))
        ),
        reduction=fraction,
        reduction_low=method.reduction.low,
        reduction_high=method.reduction.high,
        reduction_reason=reason,
        reduction_source=reduction_source,
        target_daily_dose=Amount(value=reduced, unit=unit),
        regimen=regimen,
        regimen_detail=regimen.detail,
        switch_kind="to_methadone",
        switch=f"Switch: to methadone by {method.name}, with the method's own reduction",
        rounded_daily_dose=Amount(value=rounded, unit=unit),
        rounding_loss_percent=loss,
        breakthrough=breakthrough,
        schedule=schedule,
        steps=steps,
        spread=spread,
        warnings=sort_warnings(warnings),
        monitoring=monitoring,
        current=ome.lines,
        methadone_options=[_option(tables, d) for d in doses.values()],
        titration_interval_days=titration,
    )


def _methadone_warnings(
    tables: TableIndex,
    rules: RotationRules,
    method: MethadoneMethod,
    chosen: MethadoneDose,
    request: RotationRequest,
) -> list[ClinicalWarning]:
    md = rules.methadone
    warnings: list[ClinicalWarning] = []
    source = tables.cite(method.citation)
    if chosen.value.near_edge:
        pair = " and ".join(f"{format_number(v)} mg/day" for v in chosen.value.neighbours_mg)
        warnings.append(
            ClinicalWarning(
                code="methadone-band-edge",
                severity="caution",
                message=f"The OME is within {format_number(md.near_edge.fraction * 100)}% of a "
                "band "
                f"edge of {method.name}: the neighbouring bands give {pair}; the lower is used. "
                "Check the current dose and consider specialist advice.",
                source=tables.cite(md.near_edge.citation),
            )
        )
    if chosen.capped and method.cap is not None:
        warnings.append(
            ClinicalWarning(
                code="methadone-cap",
                severity="caution",
                message=f"The {method.name} dose was limited to its cap of "
                f"{format_number(method.cap.mg)} mg per {method.cap.per}. "
                f"{md.start_cap.message}",
                source=f"{tables.cite(method.cap.citation)}; {tables.cite(md.start_cap.citation)}",
            )
        )
    warnings.append(
        ClinicalWarning(
            code="methadone-specialist",
            severity="caution",
            message=f"Methadone has a long, variable half-life: the dose keeps rising for days. "
            f"{method.note or ''}".strip(),
            source=source,
        )
    )
    return warnings


def _choose_method(
    rules: RotationRules, request: RotationRequest, items: list[DailyItem]
) -> tuple[MethadoneMethod, str, bool]:
    """The method and schedule asked for (or the defaults), refused with the field named."""
    md = rules.methadone
    methods = {m.id: m for m in md.methods}
    method_id = request.methadone_method or md.default_method
    method = methods.get(method_id)
    if method is None:
        raise InputError(
            f"unknown methadone method '{method_id}'; choose {', '.join(methods)}",
            location="methadone_method",
        )
    schedule_kind = request.methadone_schedule or method.schedules[0]
    if schedule_kind not in method.schedules:
        raise InputError(
            f"{method.name} is used with the {' or '.join(method.schedules)} schedule, not "
            f"{schedule_kind}",
            location="methadone_schedule",
        )
    from_patch = any(d.is_opioid and d.item.route == "transdermal" for d in items)
    if from_patch and schedule_kind == "three-step":
        raise InputError(
            "the three-step schedule lowers the previous opioid gradually, which a patch's skin "
            "depot does not allow: choose the immediate schedule (the patch comes off and "
            "methadone starts after the depot has fallen)",
            location="methadone_schedule",
        )
    return method, schedule_kind, from_patch


def _titration(tables: TableIndex, method: MethadoneMethod) -> tuple[tuple[float, float], str]:
    titration = (method.titration_interval.days_low, method.titration_interval.days_high)
    days = format_number(titration[0]) + (
        f"–{format_number(titration[1])}" if titration[1] != titration[0] else ""
    )
    return titration, (
        f"Do not increase methadone more often than every {days} days "
        f"[{tables.cite(method.titration_interval.citation)}]."
    )


def _spread(
    tables: TableIndex,
    rules: RotationRules,
    items: list[DailyItem],
    prn: str,
    method: MethadoneMethod,
    fraction: float,
    unit: str,
) -> list[SpreadRow]:
    """The chosen method under every equianalgesic set's OME."""
    spread = []
    for other in tables.tables.reference_sets:
        if other.purpose != "equianalgesic":
            continue
        try:
            other_ome = current_ome(tables, other, rules, items, prn)  # type: ignore[arg-type]
        except NoConversionFactorError as exc:
            spread.append(
                SpreadRow(
                    table=other.id, name=other.name, target_daily_dose=None, missing=exc.message
                )
            )
            continue
        v = method_value(rules.methadone, method, other_ome.total_mg_per_day)
        spread.append(
            SpreadRow(
                table=other.id,
                name=other.name,
                ome_per_day=other_ome.total_mg_per_day,
                target_daily_dose=Amount(value=tidy(v.value_mg * (1 - fraction)), unit=unit)
                if v.value_mg
                else None,
                missing=v.refused,
            )
        )
    return spread
