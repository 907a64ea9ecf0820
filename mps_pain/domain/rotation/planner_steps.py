"""Steps 0–3 of a plan as typed records: the switch's class, the OME lines, the equianalgesic
amount and the reduction.

Each step returns its numbers, its lines of explanation and its warnings. A same-drug route
change (or a prodrug) uses the cited route ratio at the end giving the lower new dose, shows the
range and applies no cross-tolerance reduction; every other switch goes through the set's OME
factors and the sourced reduction of its kind (``classify_switch``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from mps_pain.domain.cited import cited_sentence
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import Patient, PrnPolicy
from mps_pain.domain.results import Amount, ClinicalWarning
from mps_pain.domain.rotation.band_factor import band_factor_line
from mps_pain.domain.rotation.classify import (
    SwitchClass,
    SwitchTarget,
    classify_switch,
)
from mps_pain.domain.rotation.context import Target, equianalgesic_only
from mps_pain.domain.rotation.convert import equianalgesic
from mps_pain.domain.rotation.models import BandDose
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.domain.rotation.own_ratio import switch_valued_ome
from mps_pain.domain.rotation.patch_chart import beyond_chart_warning, chart_fraction, chart_switch
from mps_pain.domain.rotation.patches import band_for
from mps_pain.domain.rotation.reduction import (
    Reduction,
    choose_reduction,
    reduction_bounds,
    switch_case,
)
from mps_pain.domain.rotation.reduction_warnings import reduction_warnings
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.shaped import Amounts
from mps_pain.errors import NoConversionFactorError
from mps_pain.numbers import format_percent, format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import mass_unit_of
from mps_pain.units import format_number, format_number_span, scale, tidy

__all__ = [
    "EquianalgesicStep",
    "ReductionStep",
    "applied_switch",
    "band_target",
    "classify_request",
    "equianalgesic_step",
    "monitoring_lines",
    "reduction_step",
    "target_unit",
    "through_reduction",
]


def classify_request(
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    items: Sequence[DailyItem],
    prn: PrnPolicy,
    target: Target,
) -> SwitchClass:
    """The planner's call of the one switch classifier (the plan and every spread row)."""
    return classify_switch(
        rules,
        items,
        prn,
        SwitchTarget(target.drug.id, target.route, target.is_patch, frozenset({target.form})),
        set_id=set_.id,
        patch_table=request.patch_table,
    )


def monitoring_lines(tables: TableIndex, rules: RotationRules) -> list[str]:
    """Step 8: the monitoring advice after any switch, each sentence with its citation."""
    return [cited_sentence(tables, m) for m in rules.monitoring]


@dataclass(frozen=True)
class EquianalgesicStep:
    """The target's equianalgesic daily amount (before any reduction), in ``unit``."""

    unit: str
    value: float
    low: float
    high: float
    explanation: list[str]
    warnings: list[ClinicalWarning] = field(default_factory=list)
    valued: CurrentOme | None = None  # the OME as the switch values it (``own_ratio``)


@dataclass(frozen=True)
class ReductionStep:
    reduction: Reduction
    bounds: tuple[float, float]
    amounts: Amounts
    explanation: list[str]
    warnings: list[ClinicalWarning] = field(default_factory=list)
    band: BandDose | None = None  # the patch band table that gave the target


def target_unit(tables: TableIndex, set_: ReferenceSet, target: Target) -> str:
    """The unit of the set's row for the target, else mcg/h for a patch, else mcg or mg/day."""
    try:
        return tables.find_factor(
            set_.id, target.drug.id, target.route, target.form, 1.0, location="to.drug"
        ).factor.per
    except NoConversionFactorError:
        if target.is_patch:
            return "mcg/h"
        micro = any(mass_unit_of(s.unit) == "mcg" for f in target.drug.forms for s in f.strengths)
        return "mcg/day" if micro else "mg/day"


def _ratio_lines(tables: TableIndex, switch: SwitchClass) -> list[str]:
    return [
        f"line {r.index + 1}: {format_number(r.daily_mg_per_day)} mg/day "
        f"{r.conversion.source[0]} {r.conversion.source[1]} "
        f"{r.conversion.applied(tables, r.set_id)}"
        for r in switch.ratios
    ]


def _ratio_step(
    tables: TableIndex, set_: ReferenceSet, switch: SwitchClass, target: Target
) -> EquianalgesicStep:
    """Step 2 of a same-drug route change (or a prodrug): the set's own route ratio where it
    has one, else the end of the cited range giving the lower new dose; the range shown. A set
    with no row for the target does not cover the switch (pharmacist review 12, #4: fpm-2021,
    without diamorphine, gave SC morphine 40 → diamorphine 40 mg/day, its own parenteral 3:1
    chained with another set's oral:diamorphine 3:1)."""
    try:
        unit = tables.find_factor(
            set_.id, target.drug.id, target.route, target.form, 1.0, location="to.drug"
        ).factor.per
    except NoConversionFactorError as exc:
        raise equianalgesic_only(tables, exc) from None
    to_unit = scale("mg/day", unit)
    low_mg, high_mg = switch.ratio_range_mg_per_day
    low, high = tidy(low_mg * to_unit), tidy(high_mg * to_unit)
    used = tidy(switch.used_mg_per_day * to_unit)
    owned = any(step.own(set_.id) for r in switch.ratios for step in r.conversion.steps)
    if owned:  # the words of the row used (pharmacist review 5, D9)
        which = f"{set_.id}'s own ratio gives {format_number(used)} {unit}, which is used"
    else:
        which = f"the end giving the lower new dose, {format_number(low)} {unit}, is used"
    below = (
        f", {format_number((1 - used / high) * 100, 2)}% below the other end of the cited "
        "range (no cross-tolerance reduction is added)"
        if high > used
        else " (no cross-tolerance reduction is added)"
    )
    text = (
        "2. Equianalgesic amount by the cited ratio: "
        f"{format_number_span(low, high, unit)}; {which}{below} "
        f"({'; '.join(_ratio_lines(tables, switch))})"
    )
    return EquianalgesicStep(unit, used, low, high, [text])


def equianalgesic_step(
    tables: TableIndex,
    set_: ReferenceSet,
    switch: SwitchClass,
    target: Target,
    ome: CurrentOme,
) -> EquianalgesicStep:
    if switch.uses_route_ratio:
        return _ratio_step(tables, set_, switch, target)
    eq = equianalgesic(
        tables,
        set_,
        target.drug.id,
        target.route,
        target.form,
        ome.total_mg_per_day,
        ome.low_mg_per_day,
        ome.high_mg_per_day,
        own=ome.own_span,
    )
    lines = [f"2. Equianalgesic target: {eq.explanation}"]
    warnings = []
    if switch.uncited_route is not None:
        warnings.append(
            ClinicalWarning(
                code="route-ratio-not-cited",
                severity="caution",
                message=f"No source found gives a {target.drug.id} route ratio for this change: "
                f"the set's two {set_.output_label} factors are used. Check the dose against a "
                "local chart.",
            )
        )
    return EquianalgesicStep(eq.unit, eq.value, eq.low, eq.high, lines, warnings)


def reduction_step(
    tables: TableIndex,
    rules: RotationRules,
    switch: SwitchClass,
    eq: EquianalgesicStep,
    ome: CurrentOme,
    *,
    user_value: float | None,
    patient: Patient,
    pain_controlled: bool | None,
) -> ReductionStep:
    assert switch.case_id is not None
    case = switch_case(tables, rules, switch, ome.lines, ome.label)
    red = choose_reduction(
        tables, rules, case, user_value=user_value, patient=patient, pain_controlled=pain_controlled
    )
    r_low, r_high = reduction_bounds(rules, case, patient, pain_controlled)
    lines: list[str] = []
    warnings = reduction_warnings(
        tables, rules, red, (r_low, r_high), pain_controlled, switch.form_change_only
    )
    if switch.uses_route_ratio:  # the cited range is the range; the set's ratio the target
        amounts = Amounts(eq.value, eq.low, eq.high, eq.value, eq.unit)
        lines.append(f"3. No cross-tolerance reduction ({red.reason}) [{red.source}]")
        if red.fraction > 0:
            reduced = tidy(eq.value * (1 - red.fraction))
            lowered = reduced < eq.low
            amounts = Amounts(reduced, min(reduced, eq.low), eq.high, eq.value, eq.unit, lowered)
            lines[-1] = (
                f"3. Reduction {format_percent(red.fraction)} ({red.reason}): "
                f"{format_number(eq.value)} × (1 − {format_number(red.fraction)}) = "
                f"{format_number(reduced)} {eq.unit}"
            )
        return ReductionStep(red, (r_low, r_high), amounts, lines, warnings)
    reduced = tidy(eq.value * (1 - red.fraction))
    lines.append(
        f"3. Cross-tolerance reduction {format_percent(red.fraction)} ({red.reason}) "
        f"[{red.source}]: {format_number(eq.value)} × (1 − {format_number(red.fraction)}) = "
        f"{format_number(reduced)} {eq.unit} (sourced range "
        f"{format_percent_span(r_low, r_high)}: "
        f"{format_number_span(tidy(eq.value * (1 - r_high)), tidy(eq.value * (1 - r_low)))} "
        f"{eq.unit})"
    )
    amounts = Amounts(reduced, eq.value * (1 - r_high), eq.value * (1 - r_low), eq.value, eq.unit)
    band = None
    if switch.band_table is not None:
        usual = choose_reduction(tables, rules, case, user_value=None, patient=patient,
                                 pain_controlled=pain_controlled).fraction  # fmt: skip
        at = chart_fraction(switch.band_table, ome.total_mg_per_day, red.fraction, usual)
        amounts, band_lines, band = _band(tables, switch, ome, at, amounts)
        lines += band_lines
    warnings += beyond_chart_warning(tables, rules, switch, ome.total_mg_per_day, ome.label)
    return ReductionStep(red, (r_low, r_high), amounts, lines, warnings, band)


def band_target(
    tables: TableIndex, switch: SwitchClass, ome: CurrentOme, fraction: float, reduced: float
) -> tuple[float | None, str]:
    """The band table's patch for the reduced OME, and the lower of it and the factor result."""
    ome_mg_per_day = ome.total_mg_per_day
    table = switch.band_table
    assert table is not None
    band = band_for(table, ome_mg_per_day * (1 - fraction))
    if band is None:
        return None, ""
    chosen = min(band.patch_mcg_per_h, reduced)
    cite = tables.cite(table.citation)
    return chosen, (
        f"   Patch band table {table.name} [{cite}]: "
        f"{daily_amount(ome_mg_per_day * (1 - fraction), ome.label)} → "
        f"{format_number(band.patch_mcg_per_h)} mcg/h; the lower of the band and the factor "
        f"result is used: {format_number(chosen)} mcg/h"
    )


def _band(
    tables: TableIndex, switch: SwitchClass, ome: CurrentOme, fraction: float, amounts: Amounts
) -> tuple[Amounts, list[str], BandDose | None]:
    chosen, line = band_target(tables, switch, ome, fraction, amounts.target)
    table = switch.band_table
    looked_up = tidy(ome.total_mg_per_day * (1 - fraction))
    band = None if table is None else band_for(table, ome.total_mg_per_day * (1 - fraction))
    # applied_switch took an OME the table does not cover off the chart (patch_chart)
    assert table is not None and band is not None and chosen is not None
    record = BandDose(
        table=table.name,
        citation=tables.cite(table.citation),
        ome_mg_per_day=looked_up,
        band=Amount(value=band.patch_mcg_per_h, unit="mcg/h"),
        chosen=Amount(value=chosen, unit=amounts.unit),
    )
    new = Amounts(chosen, chosen, chosen, amounts.equianalgesic, amounts.unit)
    return new, [line], record


def through_reduction(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    switch: SwitchClass,
    target: Target,
    ome: CurrentOme,
    request: RotationRequest,
) -> tuple[SwitchClass, EquianalgesicStep, ReductionStep]:
    """The switch as applied (``applied_switch``), the equianalgesic and the reduction steps,
    as the plan and every spread row take them."""
    switch = applied_switch(tables, rules, switch, ome, request)
    valued = switch_valued_ome(tables, set_, switch, target.form, ome)
    eq = equianalgesic_step(tables, set_, switch, target, valued.ome)
    if valued.words:
        said = [f"   {w}" for w in valued.words]
        eq = replace(eq, explanation=[*eq.explanation, *said], valued=valued.ome)
    red = reduction_step(
        tables,
        rules,
        switch,
        eq,
        valued.ome,
        user_value=request.reduction,
        patient=request.patient,
        pain_controlled=request.pain_controlled,
    )
    if red.band is not None:
        extra = band_factor_line(tables, set_, switch, target, red.band)
        red = replace(red, explanation=[*red.explanation, *extra])
    return switch, eq, red


def applied_switch(
    tables: TableIndex,
    rules: RotationRules,
    switch: SwitchClass,
    ome: CurrentOme,
    request: RotationRequest,
) -> SwitchClass:
    """A to-patch switch read against its band table at the band case's default reduction, as
    the check reads it, never a stated one (``patch_chart.chart_fraction``): off the chart it is
    a switch between different opioids (``patch_chart.chart_switch``, clinician review 4, D1)."""
    if switch.band_table is None or switch.case_id is None:
        return switch
    fraction = choose_reduction(
        tables,
        rules,
        switch_case(tables, rules, switch, ome.lines, ome.label),
        user_value=None,
        patient=request.patient,
        pain_controlled=request.pain_controlled,
    ).fraction
    return chart_switch(rules, switch, ome.total_mg_per_day, fraction)
