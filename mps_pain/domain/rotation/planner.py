"""The rotation planner: from any regimen to any target, every step with its arithmetic and row.

Steps (docs/rotation.md): 1 total OME (PRN choice stated) → 2 equianalgesic target under the
chosen equianalgesic set (point + range) → 3 cross-tolerance reduction → 4 per-dose amount or
rate → 5 rounding DOWN to strengths / patch combinations → 6 breakthrough dose → 7 schedule →
8 monitoring. The same plan is computed under every equianalgesic set (the spread). Methadone
targets go to ``planner_methadone``.
"""

from __future__ import annotations

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import (
    DrugUse,
    patch_tolerance_warnings,
    switch_factor_warnings,
)
from mps_pain.domain.results import Amount, ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.breakthrough import breakthrough_for_drug, breakthrough_for_patch
from mps_pain.domain.rotation.context import (
    Target,
    equianalgesic_set,
    resolve_current,
    resolve_target,
    rotation_rules,
)
from mps_pain.domain.rotation.convert import equianalgesic
from mps_pain.domain.rotation.models import (
    Breakthrough,
    DoseRange,
    RotationPlan,
    RotationRequest,
)
from mps_pain.domain.rotation.ome import current_ome
from mps_pain.domain.rotation.patches import (
    band_for,
    choose_band_table,
    patch_pitfalls,
)
from mps_pain.domain.rotation.planner_common import ome_steps, reduction_case_id, spread_rows
from mps_pain.domain.rotation.reduction import choose_reduction, find_case
from mps_pain.domain.rotation.rounding import (
    MarketChoice,
    loss_percent,
    market_fallback_warning,
    market_for,
    strengths_for,
)
from mps_pain.domain.rotation.schedule import keep_co_infusions, switch_schedule
from mps_pain.domain.rotation.shape import regimen_text, shape_regimen
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["ome_steps", "plan", "reduction_case_id", "spread_rows"]


def plan(tables: TableIndex, request: RotationRequest) -> RotationPlan:
    rules = rotation_rules(tables)
    set_ = equianalgesic_set(tables, rules, request.table)
    items, prn, prn_stated = resolve_current(tables, request.from_, "from")
    target = resolve_target(tables, request, rules.methadone.drug)
    if target.drug.id == rules.methadone.drug:
        from mps_pain.domain.rotation.planner_methadone import plan_methadone

        return plan_methadone(tables, rules, set_, request, items, prn, prn_stated, target)
    return _plan_standard(tables, rules, set_, request, items, prn, prn_stated, target)


def _plan_standard(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    items: list[DailyItem],
    prn: str,
    prn_stated: bool,
    target: Target,
) -> RotationPlan:
    ome = current_ome(tables, set_, rules, items, prn)  # type: ignore[arg-type]
    steps = ome_steps(ome, prn, prn_stated, set_.output_label)
    eq = equianalgesic(
        tables,
        set_,
        target.drug.id,
        target.route,
        target.form,
        ome.total_mg_per_day,
        ome.low_mg_per_day,
        ome.high_mg_per_day,
    )
    steps.append(f"2. Equianalgesic target: {eq.explanation}")
    same_drug = {d.drug.id for d in items if d.is_opioid} == {target.drug.id}
    band_table = (
        choose_band_table(rules.patches, target.drug.id, set_.id, request.patch_table)
        if target.is_patch and not same_drug
        else None
    )
    case_id = reduction_case_id(
        rules, items, target.drug.id, band_table=band_table is not None, to_patch=target.is_patch
    )
    red = choose_reduction(
        tables,
        rules,
        find_case(rules, case_id),
        user_value=request.reduction,
        patient=request.patient,
        pain_controlled=request.pain_controlled,
    )
    reduced = tidy(eq.value * (1 - red.fraction))
    steps.append(
        f"3. Cross-tolerance reduction {format_number(red.fraction * 100)}% ({red.reason}) "
        f"[{red.source}]: {format_number(eq.value)} × (1 − {format_number(red.fraction)}) = "
        f"{format_number(reduced)} {eq.unit}"
    )
    warnings: list[ClinicalWarning] = list(ome.warnings)
    if target.inferred is not None:
        warnings.append(
            ClinicalWarning(
                code="form-inferred", severity="info", message=target.inferred.explanation
            )
        )
    if request.pain_controlled is False:
        note = rules.reduction.uncontrolled_pain
        warnings.append(
            ClinicalWarning(
                code="pain-uncontrolled",
                severity="info",
                message=note.message,
                source=tables.cite(note.source, note.locator),
            )
        )
    target_amount = reduced
    if band_table is not None:
        band = band_for(band_table, ome.total_mg_per_day * (1 - red.fraction))
        cite = tables.cite(band_table.source, band_table.locator)
        if band is None:
            warnings.append(
                ClinicalWarning(
                    code="patch-band-none",
                    severity="caution",
                    message=f"{format_number(ome.total_mg_per_day * (1 - red.fraction))} mg/day "
                    f"is outside {band_table.name}; the set's factor is used instead.",
                    source=cite,
                )
            )
        else:
            target_amount = min(band.patch_mcg_per_h, reduced)
            steps.append(
                f"   Patch band table {band_table.name} [{cite}]: "
                f"{format_number(ome.total_mg_per_day * (1 - red.fraction))} mg/day OME → "
                f"{format_number(band.patch_mcg_per_h)} mcg/h; the lower of the band and the "
                f"factor result is used: {format_number(target_amount)} mcg/h"
            )
    not_tolerant = None
    if target.is_patch:
        tolerance = patch_tolerance_warnings(  # the gate; the warning comes from the engine below
            tables,
            rules.patches.tolerance,
            request.patient,
            [DrugUse(target.drug, "transdermal")],
            items,
        )
        if any(w.code == "patch-not-opioid-tolerant" for w in tolerance):
            not_tolerant = (
                "the patient is not opioid-tolerant by the label definition, so no patch is "
                "proposed (see the danger warning): keep or choose a titratable route."
            )
    market = market_for(request.market, set_)
    strengths = strengths_for(tables, target.drug, target.form, market)
    usable = (
        strengths.values
        if strengths is not None and strengths.unit in (eq.mass_unit, eq.unit)
        else None
    )
    shaped = shape_regimen(
        request,
        target,
        eq.unit,
        eq.mass_unit,
        target_amount,
        usable,
        rules.rounding,
        not_proposed=not_tolerant,
    )
    regimen, rounded_per_unit = shaped.regimen, shaped.rounded_per_unit
    steps += shaped.steps
    if strengths is not None and usable and not_tolerant is None:
        steps.append(
            f"   Strengths: {', '.join(format_number(v) for v in strengths.values)} "
            f"{strengths.unit} ({strengths.market}; {strengths.note}) [{strengths.source}]"
        )
        if strengths.fallback:
            warnings.append(market_fallback_warning(tables, rules, strengths))
    loss = None if rounded_per_unit is None else loss_percent(target_amount, rounded_per_unit)
    if rounded_per_unit is None:
        steps.append("5. Rounded down: no dose (see step 4)")
    else:
        steps.append(
            f"5. Rounded down: {format_number(rounded_per_unit)} {eq.unit} "
            f"(rounding loss {format_number(loss or 0.0, 3)}%; never above the reduced target)"
        )
    if regimen.no_dose is not None and not_tolerant is None:
        advice = (
            rules.rounding.below_smallest_patch
            if target.is_patch
            else (rules.rounding.below_smallest_oral)
        )
        warnings.append(
            ClinicalWarning(
                code="no-dose-in-form",
                severity="danger",
                message=regimen.no_dose,
                source=tables.cite(advice.source, advice.locator),
            )
        )
    if shaped.measured_liquid:
        liquid = rules.rounding.measured_liquid
        warnings.append(
            ClinicalWarning(
                code="measured-as-liquid",
                severity="caution",
                message=liquid.message,
                source=tables.cite(liquid.source, liquid.locator),
            )
        )
    breakthrough = None
    if rounded_per_unit is not None:
        breakthrough = _breakthrough(
            tables,
            rules,
            target,
            eq.to_mg_per_day(rounded_per_unit),
            eq.mass_unit,
            rounded_per_unit,
            market,
        )
    if breakthrough is not None:
        dose = (
            f"{format_number(breakthrough.dose.value)} {breakthrough.dose.unit}"
            if breakthrough.dose
            else "see note"
        )
        steps.append(
            f"6. Breakthrough: {breakthrough.drug} {breakthrough.route} {dose} "
            f"{breakthrough.frequency} — "
            f"{breakthrough.note} [{breakthrough.source}]"
        )
    bt_text = None
    if breakthrough is not None and breakthrough.dose is not None:
        bt_text = (
            f"{breakthrough.drug} {breakthrough.route} {format_number(breakthrough.dose.value)} "
            f"{breakthrough.dose.unit} {breakthrough.frequency}"
        )
    schedule = switch_schedule(
        tables,
        rules.transitions,
        items,
        new_text=regimen_text(regimen),
        to_patch=target.is_patch,
        to_infusion=target.is_continuous and not target.is_patch,
        breakthrough_text=bt_text,
        no_dose=regimen.no_dose,
    ) + keep_co_infusions(items)
    steps.append("7. Schedule: " + " | ".join(f"{e.when}: {e.action}" for e in schedule))
    from_patch = any(d.item.route == "transdermal" and d.is_opioid for d in items)
    if target.is_patch or from_patch:
        warnings += patch_pitfalls(
            tables, rules.patches, request.patient, to_patch=target.is_patch, from_patch=from_patch
        )
    new = [DrugUse(target.drug, target.route)] + (
        [DrugUse(tables.drugs[breakthrough.drug], breakthrough.route)] if breakthrough else []
    )
    warnings += switch_factor_warnings(tables, request.patient, items, new)
    spread = spread_rows(tables, items, prn, target, red.fraction, rules)
    monitoring = [m.message for m in rules.monitoring]
    steps.append("8. Monitoring: " + " ".join(monitoring))
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
        reduction=red.fraction,
        reduction_reason=red.reason,
        reduction_source=red.source,
        reduction_range=(red.case.low, red.case.high) if red.case is not None else None,
        target_daily_dose=Amount(value=target_amount, unit=eq.unit),
        regimen=regimen,
        rounded_daily_dose=None
        if rounded_per_unit is None
        else Amount(value=rounded_per_unit, unit=eq.unit),
        rounding_loss_percent=loss,
        breakthrough=breakthrough,
        schedule=schedule,
        steps=steps,
        spread=spread,
        warnings=sort_warnings(warnings),
        monitoring=monitoring,
        current=ome.lines,
    )


def _breakthrough(
    tables: TableIndex,
    rules: RotationRules,
    target: Target,
    new_mg_per_day: float,
    mass_unit: str,
    rounded_per_unit: float,
    market: MarketChoice,
) -> Breakthrough | None:
    if rounded_per_unit <= 0:
        return None
    max_units = rules.rounding.max_units_per_dose
    if target.is_patch:
        return breakthrough_for_patch(
            tables, rules.breakthrough, rounded_per_unit, market, max_units
        )
    return breakthrough_for_drug(
        tables,
        rules.breakthrough,
        target.drug,
        target.route,
        target.form,
        new_mg_per_day,
        mass_unit,
        market,
        max_units,
    )
