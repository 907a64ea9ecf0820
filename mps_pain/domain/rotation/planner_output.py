"""Steps 4–7 of a plan as typed records: rounding, breakthrough and schedule.

``rounding_step`` applies the rounding policy to the reduced target and says in a caution when
no marketed strength lies within the sourced reduction range (both options, with their effective
reductions). ``breakthrough_step`` picks the cited breakthrough rule for the target: the
patch-linked table for a patch, the 1-hour amount for a fentanyl infusion (the 1/6 rule's source
excludes fentanyl), no number where no fentanyl rule is found, else the 1/6–1/10 rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning, MmeLine
from mps_pain.domain.rotation.breakthrough import (
    breakthrough_for_drug,
    breakthrough_for_infusion,
    breakthrough_for_patch,
    breakthrough_not_given,
)
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.mixed import first_part
from mps_pain.domain.rotation.models import Breakthrough, ScheduleEntry
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.rounding import (
    MarketChoice,
    StrengthChoice,
    form_market_warning,
    liquid_step,
    loss_percent,
    market_fallback_warning,
    market_for,
    strengths_for,
)
from mps_pain.domain.rotation.rounding_policy import describe_options, effective_reduction
from mps_pain.domain.rotation.schedule import keep_co_infusions, switch_schedule
from mps_pain.domain.rotation.shape import Amounts, Shaped, regimen_text, shape_regimen
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import mass_unit_of
from mps_pain.units import format_number, scale

__all__ = [
    "BreakthroughStep",
    "RoundingStep",
    "ScheduleStep",
    "breakthrough_step",
    "rounding_step",
    "schedule_step",
    "shape_for_set",
]


@dataclass(frozen=True)
class RoundingStep:
    shaped: Shaped
    market: MarketChoice
    loss_percent: float | None
    explanation: list[str]
    warnings: list[ClinicalWarning] = field(default_factory=list)


@dataclass(frozen=True)
class BreakthroughStep:
    breakthrough: Breakthrough | None
    explanation: list[str]
    warnings: list[ClinicalWarning] = field(default_factory=list)


@dataclass(frozen=True)
class ScheduleStep:
    entries: list[ScheduleEntry]
    explanation: list[str]


def shape_for_set(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    target: Target,
    amounts: Amounts,
    not_proposed: str | None = None,
) -> tuple[Shaped, MarketChoice, StrengthChoice | None]:
    """The rounding policy for ``target`` with the strengths of the set's (or request's) market."""
    market = market_for(request.market, set_)
    strengths = strengths_for(tables, target.drug, target.form, market)
    usable = (
        strengths.values
        if strengths is not None and strengths.unit in (amounts.mass_unit, amounts.unit)
        else None
    )
    shaped = shape_regimen(
        target,
        request.to.frequency,
        amounts,
        usable,
        rules.rounding,
        not_proposed=not_proposed,
        stated=request.reduction is not None,
    )
    return shaped, market, strengths if usable else None


def rounding_step(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    target: Target,
    amounts: Amounts,
    not_tolerant: str | None,
) -> RoundingStep:
    shaped, market, strengths = shape_for_set(
        tables, rules, set_, request, target, amounts, not_tolerant
    )
    lines = list(shaped.steps)
    warnings: list[ClinicalWarning] = []
    if strengths is not None and not_tolerant is None:
        lines.append(
            f"   Strengths: {', '.join(format_number(v) for v in strengths.values)} "
            f"{strengths.unit} ({strengths.market}; {strengths.note}) [{strengths.source}]"
            f"{_unit_limit(tables, rules, target)}"
        )
        if strengths.fallback:
            warnings.append(market_fallback_warning(tables, rules, strengths))
    rounded = shaped.rounded_per_unit
    loss = None if rounded is None else loss_percent(amounts.target, rounded)
    lines.append(_rounded_line(shaped, loss))
    warnings += _shape_warnings(tables, rules, target, shaped, market, not_tolerant)
    return RoundingStep(shaped, market, loss, lines, warnings)


def _shape_warnings(
    tables: TableIndex,
    rules: RotationRules,
    target: Target,
    shaped: Shaped,
    market: MarketChoice,
    not_tolerant: str | None,
) -> list[ClinicalWarning]:
    """No dose in the form, a measured liquid (and its market), and the rounding policy's say."""
    warnings: list[ClinicalWarning] = []
    if shaped.detail.no_dose is not None and not_tolerant is None:
        advice = (
            rules.rounding.below_smallest_patch
            if target.is_patch
            else rules.rounding.below_smallest_oral
        )
        warnings.append(
            ClinicalWarning(
                code="no-dose-in-form",
                severity="danger",
                message=shaped.detail.no_dose,
                source=tables.cite(advice.citation),
            )
        )
    if shaped.measured_liquid and shaped.regimen.form is not None:
        missing = form_market_warning(tables, rules, target.drug, shaped.regimen.form, market)
        warnings += [missing] if missing else []
    if shaped.measured_liquid:
        liquid = rules.rounding.measured_liquid
        warnings.append(
            ClinicalWarning(
                code="measured-as-liquid",
                severity="caution",
                message=liquid.message,
                source=tables.cite(liquid.citation),
            )
        )
    return warnings + _policy_warnings(shaped)


def _unit_limit(tables: TableIndex, rules: RotationRules, target: Target) -> str:
    """The per-dose limit on combined tablets (patches and infusions have none)."""
    if target.is_patch or target.is_continuous:
        return ""
    rounding = rules.rounding
    return (
        f"; at most {rounding.max_units_per_dose} units per dose [{tables.cite(rounding.citation)}]"
    )


def _rounded_line(shaped: Shaped, loss: float | None) -> str:
    choice = shaped.choice
    if shaped.rounded_per_unit is None or choice is None:
        return "5. Rounded: no dose (see step 4)"
    how = {
        "within": "rounded down, within the sourced range",
        "just_short": "rounded down, just below the lowest dose of the sourced range (within "
        "the rounding tolerance, see the note)",
        "above_target": "rounding down would leave it below the sourced range: the amount "
        "within the range nearest the target",
        "below_range": "no amount that can be given lies within the sourced range: rounded down "
        "below it (see the caution)",
        "below_stated": "the nearest amount that can be given not above the stated reduction's "
        "target (see the caution)",
    }[choice.position]
    return (
        f"5. Rounded: {format_number(choice.chosen.total)} {shaped.per_unit} ({how}; range "
        f"{format_number(choice.low)}–{format_number(choice.high)} {shaped.per_unit}; rounding "
        f"loss {format_number(loss or 0.0, 3)}%)"
    )


def reduction_miss(effective: float, sourced: tuple[float, float]) -> str:
    """Which way an effective reduction misses its sourced range, and by how much: a dose below
    the range is a reduction ABOVE it (the one wording of every rounding note)."""
    low, high = sourced
    span = f"{format_number(low * 100, 3)}–{format_number(high * 100, 3)}%"
    if effective > high + 1e-9:
        by = format_number((effective - high) * 100, 3)
        return f"above the sourced reduction ({span}) by {by} percentage points"
    if effective < low - 1e-9:
        by = format_number((low - effective) * 100, 3)
        return f"below the sourced reduction ({span}) by {by} percentage points"
    return f"within the sourced reduction ({span})"


def _policy_warnings(shaped: Shaped) -> list[ClinicalWarning]:
    choice = shaped.choice
    if choice is None or shaped.detail.no_dose is not None:
        return []
    unit, eq = shaped.per_unit, shaped.equianalgesic_per_unit
    chosen = choice.chosen.total
    cut = format_number(effective_reduction(eq, chosen) * 100, 3)
    span = (
        f"{format_number(effective_reduction(eq, choice.high) * 100, 3)}–"
        f"{format_number(effective_reduction(eq, choice.low) * 100, 3)}%"
    )
    miss = reduction_miss(
        effective_reduction(eq, chosen),
        (effective_reduction(eq, choice.high), effective_reduction(eq, choice.low)),
    )
    no_reduction = (
        " This is no reduction at all: the sourced range includes 0% for this switch."
        if eq > 0 and chosen >= eq * (1 - 1e-9)
        else ""
    )
    message = {
        "below_range": (
            "caution",
            f"No strength that can be given lies within the sourced reduction ({span}): rounding "
            f"down gives {format_number(chosen)} {unit}, an effective reduction of {cut}%, "
            f"{miss}. The options are {describe_options(choice, eq, unit)}. Choose with the "
            "prescriber, and cover the gap with breakthrough doses.",
        ),
        "below_stated": (
            "caution",
            f"The stated reduction cannot be given exactly: the nearest amount that can be given "
            f"not above its target is {format_number(chosen)} {unit}, an effective reduction of "
            f"{cut}%. The options are {describe_options(choice, eq, unit)}; the plan never rounds "
            "above the stated target. Choose with the prescriber.",
        ),
        "above_target": (
            "info",
            f"Rounding down would leave the dose below the sourced reduction ({span}), so the "
            f"amount within it nearest the target is used: {format_number(chosen)} {unit} (an "
            f"effective reduction of {cut}%).{no_reduction}",
        ),
        "just_short": (
            "info",
            f"Rounding down gives {format_number(chosen)} {unit}, an effective reduction of "
            f"{cut}%, {miss}; the dose is within the rounding tolerance below the range's lowest "
            "dose, so it is used rather than rounding up to the next strength.",
        ),
    }.get(choice.position)
    if message is None:
        return []
    code = {
        "below_range": "rounding-below-range",
        "below_stated": "rounding-below-stated",
        "above_target": "rounding-within-range",
        "just_short": "rounding-just-short",
    }[choice.position]
    severity: Literal["caution", "info"] = "caution" if message[0] == "caution" else "info"
    return [ClinicalWarning(code=code, severity=severity, message=message[1])]


def breakthrough_step(
    tables: TableIndex,
    rules: RotationRules,
    target: Target,
    rounded: RoundingStep,
    unit: str,
) -> BreakthroughStep:
    per_unit = rounded.shaped.rounded_per_unit
    if per_unit is None or per_unit <= 0:
        return BreakthroughStep(None, [])
    bt, no_source = _breakthrough_rule(tables, rules, target, rounded, per_unit, unit)
    warnings: list[ClinicalWarning] = []
    if no_source:
        warnings.append(
            ClinicalWarning(
                code="breakthrough-no-source",
                severity="caution",
                message=bt.note or "",
                source=bt.source,
            )
        )
    if bt.form is not None and bt.form != target.form and bt.dose is not None:
        drug = tables.drugs[bt.drug]
        missing = form_market_warning(tables, rules, drug, bt.form, rounded.market)
        warnings += [missing] if missing else []
    dose = f"{format_number(bt.dose.value)} {bt.dose.unit}" if bt.dose else "no number"
    line = f"6. Breakthrough: {bt.drug} {bt.route} {dose} {bt.frequency} — {bt.note} [{bt.source}]"
    return BreakthroughStep(bt, [line], warnings)


def _breakthrough_rule(
    tables: TableIndex,
    rules: RotationRules,
    target: Target,
    rounded: RoundingStep,
    per_unit: float,
    unit: str,
) -> tuple[Breakthrough, bool]:
    """The cited breakthrough rule for the target, and whether it gives no number for want of a
    source: a patch other than the one with a linked table, or a drug the 1/6 rule excludes
    (fentanyl) unless it is an infusion with its rescue rule."""
    bt_rules = rules.breakthrough
    max_units = rules.rounding.max_units_per_dose
    mass_unit = mass_unit_of(unit)
    if target.is_patch and target.drug.id != bt_rules.patch_alternative.for_drug:
        return breakthrough_not_given(tables, bt_rules, target, bt_rules.patch_not_covered), True
    if target.is_patch:
        return breakthrough_for_patch(tables, bt_rules, per_unit, rounded.market, max_units), False
    if target.drug.id in bt_rules.fraction_excludes:
        rate = rounded.shaped.regimen.rate
        if target.is_continuous and bt_rules.infusion_rescue is not None and rate:
            return breakthrough_for_infusion(tables, bt_rules, target, rate), False
        return breakthrough_not_given(tables, bt_rules, target), True
    daily_mg = per_unit * (scale(unit, "mg/day"))
    bt = breakthrough_for_drug(
        tables,
        bt_rules,
        target.drug,
        target.route,
        target.form,
        daily_mg,
        mass_unit,
        rounded.market,
        max_units,
        liquid_step(tables, target.drug, rules.rounding.oral_solution_step),
    )
    return bt, False


def schedule_step(
    tables: TableIndex,
    rules: RotationRules,
    items: Sequence[DailyItem],
    target: Target,
    rounded: RoundingStep,
    breakthrough: Breakthrough | None,
    ome_lines: Sequence[MmeLine] = (),
) -> ScheduleStep:
    shaped = rounded.shaped
    bt_text = None
    if breakthrough is not None and breakthrough.dose is not None:
        bt_text = (
            f"{breakthrough.drug} {breakthrough.route} {format_number(breakthrough.dose.value)} "
            f"{breakthrough.dose.unit} {breakthrough.frequency}"
        )
    entries = switch_schedule(
        tables,
        rules.transitions,
        items,
        new_text=regimen_text(shaped.regimen, shaped.detail),
        to_patch=target.is_patch,
        to_infusion=target.is_continuous and not target.is_patch,
        breakthrough_text=bt_text,
        no_dose=shaped.detail.no_dose,
        first_part=None if target.is_patch else first_part(shaped, ome_lines),
    ) + keep_co_infusions(items)
    return ScheduleStep(
        entries, ["7. Schedule: " + " | ".join(f"{e.when}: {e.action}" for e in entries)]
    )
