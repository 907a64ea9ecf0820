"""Steps 4–5: per dose, infusion rate (CSCI over 24 h) or patches, rounded by the policy.

The amounts come in the target row's unit (mg/day, mcg/day or mcg/h) as the computed target and
its sourced range; ``rounding_policy.choose_amount`` picks what can be given, never above the
range's top (a patch never above the unreduced equianalgesic amount). When nothing marketed can
be given, the regimen carries no dose (``dose`` and ``rate`` are null, never 0) and
``RegimenDetail.no_dose`` says why. A dose at an interval is ``shape_per_dose.py``; the records
and grids are ``shaped.py``.
"""

from __future__ import annotations

from dataclasses import replace

from mps_pain.domain.form_words import product_label
from mps_pain.domain.frequency import Frequency
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import PatchChange, PlannedRegimen, RegimenDetail
from mps_pain.domain.rotation.no_dose_cause import cause_of, headline_words
from mps_pain.domain.rotation.patch_change import change_words
from mps_pain.domain.rotation.rounding_policy import Grid
from mps_pain.domain.rotation.rounding_words import NOT_HELD, says_not_held
from mps_pain.domain.rotation.shape_per_dose import shape_per_dose
from mps_pain.domain.rotation.shaped import (
    HOURS_PER_DAY,
    NO_DOSE_IN_FORM,
    Amounts,
    Policy,
    Shaped,
    base_fields,
    no_dose_shaped,
    planned,
    smallest_text,
    target_grid,
)
from mps_pain.domain.rotation.stated_gap import stated_gap_reason
from mps_pain.numbers import dose_text, pump_rate
from mps_pain.tables.schema_rotation import RoundingRules
from mps_pain.unit_kinds import mass_per_day_unit, mass_per_hour_unit
from mps_pain.units import format_number, tidy

__all__ = ["infusion_words", "regimen_text", "shape_regimen"]


def shape_regimen(
    target: Target,
    frequency: Frequency | None,
    amounts: Amounts,
    strengths: tuple[float, ...] | None,
    rounding: RoundingRules,
    *,
    not_proposed: str | None = None,
    stated: bool = False,
    change: PatchChange | None = None,
    lower_patch: str = "",
) -> Shaped:
    """Step 4 and the rounding: per dose, infusion rate, or patch combination. ``stated``: the
    user stated the reduction, so the target is the ceiling (the policy honours it);
    ``lower_patch``: why this patient takes the patch below the range (``patch_lower``)."""
    name = product_label(target.drug.id, target.route, target.form)  # "oxycodone oral ER"
    tolerance, gap_rule = rounding.short_tolerance.fraction, not amounts.floor_lowered
    policy = Policy(stated, tolerance, gap_rule, lower_patch if target.is_patch else "")
    if target.is_patch:
        shaped = _patch(target, amounts, strengths, rounding, name, not_proposed, policy)
        if not shaped.detail.patches:
            return shaped
        detail = shaped.detail.model_copy(update={"patch_change": change})
        regimen = shaped.regimen.model_copy(update={"patch_change": change})
        return replace(shaped, regimen=regimen, detail=detail)
    if target.is_continuous:
        return _rate(target, amounts, policy, target_grid(target, None, rounding))
    assert frequency is not None
    return shape_per_dose(target, frequency, amounts, strengths, rounding, name, policy)


def _patch(
    target: Target,
    amounts: Amounts,
    strengths: tuple[float, ...] | None,
    rounding: RoundingRules,
    name: str,
    not_proposed: str | None,
    policy: Policy,
) -> Shaped:
    unit = amounts.unit
    if not_proposed is not None:
        return no_dose_shaped(
            target, None, not_proposed, f"4. Patch: not proposed — {not_proposed}"
        )
    if not strengths:  # a patch is a marketed strength, never a measured amount
        why = (
            f"The catalogue lists no {name} strengths, so no patch can be proposed. "
            f"{rounding.below_smallest_patch.message}"
        )
        return no_dose_shaped(target, None, why, f"4. Patch: no strengths known — {why}")
    choice = policy.choose(
        amounts.target,
        (amounts.low, amounts.high, amounts.equianalgesic),
        target_grid(target, strengths, rounding),
        patch=True,
    )
    rounded = choice.chosen
    if choice.position == "stated_gap":
        why = stated_gap_reason(choice, unit, ("", ""), amounts.equianalgesic)
        gap = no_dose_shaped(target, None, why, f"4. Patch: no patch proposed: {why}")
        return replace(gap, choice=choice)
    if not rounded.units:
        why = (
            f"No {name} strength is at or below {format_number(amounts.target)} {unit}"
            f"{smallest_text(strengths, unit)}. {rounding.below_smallest_patch.message}"
        )
        return no_dose_shaped(
            target, None, why, f"4. Patch: {format_number(amounts.target)} {unit} → no patch: {why}"
        )
    detail = RegimenDetail(patches=[Amount(value=u, unit=unit) for u in rounded.units])
    regimen = planned(
        detail,
        **base_fields(target),
        dose=None,
        frequency=None,
        rate=Amount(value=rounded.total, unit=unit),
    )
    step = f"4. Patch: {format_number(amounts.target)} {unit} → patches {rounded.text_with(unit)}"
    return Shaped(
        regimen, detail, rounded.total, [step], False, choice, unit, amounts.equianalgesic
    )


def _rate(target: Target, amounts: Amounts, policy: Policy, grid: Grid) -> Shaped:
    """An infusion: its 24-h amount rounded by the target's grid (an injected amount's step),
    the rate the amount ÷ 24 h, so the pump delivers exactly the 24-h amount written."""
    mass = amounts.mass_unit
    rate_unit, day_unit = mass_per_hour_unit(mass), mass_per_day_unit(mass)
    target_day, low, high, eq = amounts.scaled(1.0)
    policy = replace(policy, per_day=None)  # a pump's step, not the print, judges a rate
    choice = policy.choose(target_day, (low, high, eq), grid)
    if choice.position == "stated_gap":
        why = stated_gap_reason(choice, f"{amounts.mass_unit}/day", ("", ""), eq)
        gap = no_dose_shaped(target, None, why, f"4. Rate: no rate proposed: {why}")
        return replace(gap, choice=choice)
    daily = choice.chosen.total
    rate = tidy(daily / HOURS_PER_DAY)
    csci = " (CSCI: this is the 24-h syringe-driver total)" if target.route == "sc" else ""
    detail = RegimenDetail(daily_dose=Amount(value=daily, unit=day_unit))
    regimen = planned(
        detail,
        **base_fields(target),
        dose=None,
        frequency=None,
        rate=Amount(value=rate, unit=rate_unit),
    )
    step = (
        f"4. Rate: {format_number(target_day)} {mass}/day → {format_number(daily)} {mass}/24 h"
        f"{csci} ÷ 24 h {pump_rate_step(rate)} {rate_unit}"
    )
    return Shaped(
        regimen, detail, tidy(amounts.from_per_day(daily)), [step], False, choice, day_unit, eq
    )


def _rate_words(regimen: PlannedRegimen, detail: RegimenDetail) -> str:
    assert regimen.rate is not None
    return infusion_words(regimen.route, regimen.rate, detail.daily_dose)


INFUSION_ROUTE_WORDS = {"sc": "by syringe driver", "iv": "by continuous IV infusion"}
"""How each route's continuous infusion is named after its 24-h amount; any other route reads
"by continuous infusion"."""


def pump_rate_step(rate: float) -> str:
    """``≈ 0.16`` (the rate as a pump is set, ``numbers.pump_rate``), or ``= 0.5`` when that is
    the rate itself: the worked step's "÷ 24 h" result, never "= 0.1667"."""
    shown = pump_rate(rate)
    return f"= {format_number(rate)}" if shown == rate else f"≈ {format_number(shown)}"


def infusion_words(route: str, rate: Amount, daily: Amount | None) -> str:
    """The one wording of a planned infusion, whatever its route (the regimen, the schedule,
    the spread's "The set's plan gives", the converter): the 24-h amount first, as UK practice
    orders a syringe driver or an IV opioid infusion, and the rate beside it as a pump is set
    (``numbers.pump_rate``: two decimals, rounded down): ``32.5 mg over 24 h by syringe driver
    (1.35 mg/h)``, ``4 mg over 24 h by continuous IV infusion (0.16 mg/h)`` (clinician reviews
    10 #6, 11 #5, 15 #14; 17 #2: an IV infusion read "0.1667 mg/h continuous"). ``daily`` is the
    rounded 24-h amount the rate delivers (``detail.daily_dose``), never the target before
    rounding; without it only the rate is known and is written as given."""
    if daily is None:
        return f"{format_number(rate.value)} {rate.unit} continuous"
    per_day = daily.unit.removesuffix("/day")
    text = f"{format_number(pump_rate(rate.value))} {rate.unit}"  # as the pump is set
    how = INFUSION_ROUTE_WORDS.get(route, "by continuous infusion")
    return f"{format_number(daily.value)} {per_day} over 24 h {how} ({text})"


def regimen_text(regimen: PlannedRegimen, detail: RegimenDetail | None = None) -> str:
    detail = regimen.detail if detail is None else detail
    name = product_label(regimen.drug, regimen.route, regimen.form)
    cause = None if detail.no_dose is None else cause_of(detail.no_dose)
    if cause is not None:
        return f"{name}: no dose — {headline_words(cause)}"
    if says_not_held(detail.no_dose):
        return f"{name}: no dose — {NOT_HELD}"  # the program's gap (review 18, L3)
    if detail.no_dose is not None:
        return f"{name}: {NO_DOSE_IN_FORM}"
    if detail.patches is not None:
        unit = regimen.rate.unit if regimen.rate else ""
        sizes = " + ".join(f"{format_number(p.value)} {unit}" for p in detail.patches)
        return f"{name} {sizes} ({change_words(detail.patch_change)})"
    if regimen.rate is not None:
        return f"{name} {_rate_words(regimen, detail)}"
    assert regimen.dose is not None
    units = (
        " (" + " + ".join(dose_text(u.value, u.unit) for u in detail.dose_units) + ")"
        if detail.dose_units
        else ""
    )
    dose = dose_text(regimen.dose.value, regimen.dose.unit)
    return f"{name} {dose}{units} {regimen.frequency or 'as needed'}"
