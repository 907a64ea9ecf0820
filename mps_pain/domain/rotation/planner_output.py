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

from mps_pain.domain.cited import cited_warning
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning, MmeLine
from mps_pain.domain.rotation.breakthrough import breakthrough_for_patch, breakthrough_not_given
from mps_pain.domain.rotation.breakthrough_infusion import breakthrough_for_infusion
from mps_pain.domain.rotation.classify import SwitchTarget
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.mixed import FirstPart, first_part, regular_part, regular_switch
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.patch_change import change_step, patch_change
from mps_pain.domain.rotation.patch_lower import lower_patch_reason
from mps_pain.domain.rotation.planner_record import breakthrough_line
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.rescue_fraction import fraction_rescue
from mps_pain.domain.rotation.rescue_rule import rescue_rule
from mps_pain.domain.rotation.rounding import (
    MarketChoice,
    StrengthChoice,
    fallback_choices,
    form_market_warning,
    liquid_step,
    loss_percent,
    market_fallback_warning,
    market_for,
    strengths_for,
)
from mps_pain.domain.rotation.rounding_notes import finer_step_words, policy_warnings, rounded_line
from mps_pain.domain.rotation.rounding_words import says_not_held
from mps_pain.domain.rotation.shape import shape_regimen
from mps_pain.domain.rotation.shaped import INJECTED_ROUTES, Amounts, Shaped, injected_grid
from mps_pain.domain.rotation.volume_market import volume_market_warning
from mps_pain.numbers import dose_text
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import mass_unit_of
from mps_pain.units import format_number, scale

__all__ = [
    "BreakthroughStep",
    "RoundingStep",
    "breakthrough_step",
    "first_part_step",
    "rounding_step",
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
    lower = (
        lower_patch_reason(tables, rules, request.patient, target.drug) if target.is_patch else ""
    )

    def shape(choice: StrengthChoice | None) -> tuple[Shaped, StrengthChoice | None]:
        usable = (
            choice.values
            if choice is not None and choice.unit in (amounts.mass_unit, amounts.unit)
            else None
        )
        change = (
            patch_change(tables, target.drug, target.form, choice.market)
            if target.is_patch and usable and choice is not None
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
            change=change,
            lower_patch=lower,
        )
        return shaped, choice if usable else None

    best = shape(strengths)
    if strengths is not None and strengths.fallback:  # the listed market closest to the target
        choices = fallback_choices(tables, target.drug, target.form, strengths)
        for index, other in enumerate(choices):
            tried = shape(other)
            if index == 0 or _closer(tried[0], best[0]):
                best = tried
    return best[0], market, best[1]


def _closer(tried: Shaped, best: Shaped) -> bool:
    """A market's strengths give more of the target than the best so far (a measured oral
    solution is no market's strength: it never wins the choice)."""
    if tried.measured_liquid or tried.dose_measured:
        return False
    return _given(tried) > _given(best)


def _given(shaped: Shaped) -> tuple[bool, float]:
    """Whether a market's strengths reach the sourced range, and what they give (per dose, rate
    or patch). Under a stated reduction a market with an amount within the range above the
    target (no dose: ``stated_gap``) comes before one with none within it at all, and its
    nearest amount counts (pharmacist review 18, D2: UK's 1.3 mg hydromorphone, below the range,
    was taken over JP's 2 mg within it; without a stated reduction an amount within the range
    is always the larger)."""
    choice = shaped.choice
    if choice is None or (shaped.rounded_per_unit is None and choice.position != "stated_gap"):
        return False, 0.0
    stated = choice.position in ("stated_gap", "below_stated")
    return choice.within_range or stated, choice.chosen.total


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
            f"{strengths.unit} ({strengths.said}) [{strengths.source}]"
            f"{_unit_limit(tables, rules, target)}"
        )
        if shaped.detail.patches:
            lines.append(change_step(shaped.detail.patch_change))
        if strengths.fallback:
            warnings.append(market_fallback_warning(tables, rules, strengths))
    if target.route in INJECTED_ROUTES and shaped.choice is not None:
        lines.append(_injected_step_line(tables, rules))
        if shaped.choice.finer is not None:
            lines.append(f"   {finer_step_words(shaped.choice.finer, shaped.per_unit)}")
    rounded = shaped.rounded_per_unit
    loss = None if rounded is None else loss_percent(amounts.target, rounded)
    lines.append(rounded_line(shaped, amounts.target, amounts.equianalgesic))
    warnings += _shape_warnings(tables, rules, target, shaped, market, not_tolerant)
    return RoundingStep(shaped, market, loss, lines, warnings)


def _injected_step_line(tables: TableIndex, rules: RotationRules) -> str:
    """How an injected amount (a dose, a bolus, an infusion's 24-h amount) is rounded, cited."""
    citation = tables.cite(rules.rounding.injected_step.citation)
    return f"   Injected amounts are rounded down to the step of their size [{citation}]"


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
        gap = shaped.choice is not None and shaped.choice.position == "stated_gap"
        advice = (
            rules.rounding.not_held.citation  # the catalogue's gap: its own rule (18b, L5)
            if says_not_held(shaped.detail.no_dose)
            else rules.rounding.below_smallest_oral.citation  # 'never above the reduced target'
            if gap
            else rules.rounding.below_smallest_patch.citation
            if target.is_patch
            else rules.rounding.beyond_reach.citation
            if shaped.choice is not None and shaped.choice.out_of_reach
            else rules.rounding.oral_solution_step.citation
            if shaped.below_step
            else rules.rounding.below_smallest_oral.citation
        )
        warnings.append(
            ClinicalWarning(
                code="no-dose-in-form",
                severity="danger",
                message=shaped.detail.no_dose,
                source=tables.cite(advice),
            )
        )
    if shaped.measured_liquid and shaped.regimen.form is not None:
        missing = form_market_warning(tables, rules, target.drug, shaped.regimen.form, market)
        warnings += [missing] if missing else []
    if shaped.measured_liquid:
        liquid = rules.rounding.measured_liquid
        warning = cited_warning(tables, liquid, "measured-as-liquid", "caution")
        message = f"{shaped.liquid_reason} {warning.message}".strip()  # the true reason first
        warnings.append(warning.model_copy(update={"message": message}))
    return warnings + policy_warnings(shaped, tables, rules.rounding)


def _unit_limit(tables: TableIndex, rules: RotationRules, target: Target) -> str:
    """The per-dose limit on combined tablets (patches and infusions have none)."""
    if target.is_patch or target.is_continuous:
        return ""
    rounding = rules.rounding
    return (
        f"; at most {rounding.max_units_per_dose} units per dose [{tables.cite(rounding.citation)}]"
    )


def breakthrough_step(
    tables: TableIndex,
    rules: RotationRules,
    target: Target,
    rounded: RoundingStep,
    unit: str,
    set_id: str,
) -> BreakthroughStep:
    per_unit = rounded.shaped.rounded_per_unit
    if per_unit is None or per_unit <= 0:
        return BreakthroughStep(None, [])
    bt, no_source = _breakthrough_rule(tables, rules, target, rounded, per_unit, unit, set_id)
    warnings: list[ClinicalWarning] = []
    if no_source:
        warnings.append(
            ClinicalWarning(
                code="breakthrough-no-source",
                severity="danger",  # no breakthrough cover (pharmacist review 5, D8)
                message=bt.note or "",
                source=bt.source,
            )
        )
    if bt.form is not None and bt.form != target.form and bt.dose is not None:
        drug = tables.drugs[bt.drug]
        missing = form_market_warning(tables, rules, drug, bt.form, rounded.market)
        units = rules.rounding.max_units_per_dose  # a volume of another market's (review 20, M3)
        missing = missing or volume_market_warning(tables, rules, bt, rounded.market, units)
        warnings += [missing] if missing else []
    dose = dose_text(bt.dose.value, bt.dose.unit) if bt.dose else "no dose"
    line = f"{bt.drug} {bt.route} {dose} {bt.frequency} — {bt.note} [{bt.source}]"
    return BreakthroughStep(bt, [breakthrough_line(line)], warnings)


def _breakthrough_rule(
    tables: TableIndex,
    rules: RotationRules,
    target: Target,
    rounded: RoundingStep,
    per_unit: float,
    unit: str,
    set_id: str,
) -> tuple[Breakthrough, bool]:
    """The cited breakthrough rule for the target, and whether it gives no number for want of a
    source: a patch other than the one with a linked table, or a drug the 1/6 rule excludes
    (fentanyl) unless it is an infusion with its rescue rule; the rescue rule also gives every
    infusion's dose under a set that names it (``infusion_rescue_applies``)."""
    bt_rules = rules.breakthrough
    max_units = rules.rounding.max_units_per_dose
    rate = rounded.shaped.regimen.rate
    rule = rescue_rule(bt_rules, target, rate is not None, set_id)
    if rule == "patch-unlinked":
        return breakthrough_not_given(tables, bt_rules, target, bt_rules.patch_not_covered), True
    if rule == "patch-linked":
        linked = tables.drugs[bt_rules.patch_alternative.drug]
        step = liquid_step(tables, linked, rules.rounding.oral_solution_step)
        per_day = per_unit * scale(unit, "mg/day")
        factor = tables.find_factor  # the patch's OME a day under the set, and its label
        found = factor(set_id, target.drug.id, "transdermal", None, per_day, location=None)
        ome = (found.ome_mg_per_day, tables.reference_set(set_id, location=None).output_label)
        bt = breakthrough_for_patch(
            tables, bt_rules, per_unit, rounded.market, max_units, step, ome
        )
        return bt, False
    if rule == "infusion" and rate is not None:
        grid = injected_grid(rules.rounding)
        return breakthrough_for_infusion(tables, bt_rules, target, rate, grid), False
    if rule == "none":
        return breakthrough_not_given(tables, bt_rules, target), True
    daily_mg = per_unit * (scale(unit, "mg/day"))
    bt = fraction_rescue(
        tables, rules, target.drug, target.route, target.form, daily_mg, mass_unit_of(unit),
        rounded.market,
    )  # fmt: skip
    return bt, False


def first_part_step(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    items: Sequence[DailyItem],
    target: Target,
    rounded: RoundingStep,
    equianalgesic: tuple[float, str],
    ome_lines: Sequence[MmeLine],
) -> tuple[FirstPart | None, list[ClinicalWarning]]:
    """A patch with regular opioids: the part that replaces them when their next dose is due,
    their own reduced equivalent (those lines switched alone, ``regular_switch``, as the check
    reads them) shaped by the same rounding policy as the full dose."""
    if target.is_patch:
        return None, []
    to = SwitchTarget(target.drug.id, target.route, target.is_patch, frozenset({target.form}))
    regular = regular_switch(rules, items, to, set_.id)
    part = regular_part(tables, rules, regular, request, *equianalgesic, ome_lines)
    if part is None:
        return None, []
    shaped, _, _ = shape_for_set(tables, rules, set_, request, target, part.amounts)
    first = first_part(part, shaped, rounded.shaped)
    if first is None or first.staged.capped:
        return first, []
    prefix = "The first part (given from 0 h until the patch's share starts): "
    return first, [
        warning.model_copy(
            update={"code": "first-part-below-range", "message": prefix + warning.message}
        )
        for warning in policy_warnings(shaped, tables, rules.rounding)
        if warning.severity == "caution"
    ]
