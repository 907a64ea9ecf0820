"""Steps 4–5: per dose, infusion rate (CSCI over 24 h) or patches, rounded by the policy.

The amounts come in the target row's unit (mg/day, mcg/day or mcg/h) as the computed target and
its sourced range; ``rounding_policy.choose_amount`` picks what can be given. When nothing
marketed can be given, the regimen carries no dose (``dose`` and ``rate`` are null, never 0) and
``RegimenDetail.no_dose`` says why; an immediate-release oral dose below the smallest tablet (or
rounding below the sourced range) is measured as oral solution where the catalogue lists one and
the interval is one the solution is given at (``form_inference.solution_may_replace``); a
modified-release target stays with its strengths.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mps_pain.domain.form_inference import solution_may_replace
from mps_pain.domain.form_words import product_label
from mps_pain.domain.frequency import Frequency
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import PlannedRegimen, RegimenDetail
from mps_pain.domain.rotation.rounding import liquid_form, liquid_step_mg
from mps_pain.domain.rotation.rounding_policy import Grid, RoundingChoice, choose_amount
from mps_pain.tables.schema import Drug
from mps_pain.tables.schema_rotation import RoundingRules
from mps_pain.unit_kinds import mass_unit_of
from mps_pain.units import format_number, scale, tidy

__all__ = [
    "BELOW_ONE_STEP",
    "HOURS_PER_DAY",
    "NOT_PROPOSED",
    "Amounts",
    "Shaped",
    "regimen_text",
    "shape_regimen",
    "solution_grid",
    "target_grid",
]

HOURS_PER_DAY = 24.0
# how the last step (rotation/gate.py) starts its no-dose reason: the drug could be given in this
# form, but the patient rules or the plausibility bounds say not to
NOT_PROPOSED = "Not proposed for this patient: "
# what to do when a dose is below one measurable step of the oral solution (no number: the
# step itself is cited in ``rotation.rounding.oral_solution_step``)
BELOW_ONE_STEP = (
    "Choose a longer interval (fewer, larger doses; see the alternative interval where one is "
    "shown) or a titratable parenteral route measured to the dose; keep the current regimen "
    "until then."
)


@dataclass(frozen=True)
class Amounts:
    """The target and its sourced range, in the target row's unit."""

    target: float
    low: float
    high: float
    equianalgesic: float
    unit: str

    @property
    def mass_unit(self) -> str:
        return mass_unit_of(self.unit)

    def per_day(self, amount: float) -> float:
        """An amount in the row's unit, per day (the row may be per hour, day or minute)."""
        return amount * scale(self.unit, f"{self.mass_unit}/day")

    def from_per_day(self, per_day: float) -> float:
        return per_day * scale(f"{self.mass_unit}/day", self.unit)

    def scaled(self, divide_by: float) -> tuple[float, float, float, float]:
        """(target, low, high, equianalgesic) per day ÷ ``divide_by``."""
        return tuple(  # type: ignore[return-value]
            tidy(self.per_day(v) / divide_by)
            for v in (self.target, self.low, self.high, self.equianalgesic)
        )


def _planned(detail: RegimenDetail, **fields: object) -> PlannedRegimen:
    return PlannedRegimen(**fields, **detail.model_dump())


@dataclass(frozen=True)
class Shaped:
    regimen: PlannedRegimen
    detail: RegimenDetail
    rounded_per_unit: float | None  # in the target row's unit; None: no dose can be given
    steps: list[str]
    measured_liquid: bool = False
    choice: RoundingChoice | None = None
    per_unit: str = ""  # the unit of one dose, rate or patch
    equianalgesic_per_unit: float = 0.0
    #: why an oral solution is measured instead of tablets (clinician review 4, D9): below the
    #: smallest tablet, or no tablet combination within the sourced range
    liquid_reason: str = ""
    #: a per-dose amount measured (an oral solution, an injection without listed strengths),
    #: not made of marketed strengths
    dose_measured: bool = False
    below_step: bool = False  # no dose: below one measurable step of the oral solution


@dataclass(frozen=True)
class Policy:
    """How the rounding policy is called: the user's reduction or the default, and the tolerance."""

    stated: bool
    tolerance: float

    def wants_liquid(self, choice: RoundingChoice, sourced_low: float) -> bool:
        """Measure an oral solution when the strengths give nothing within the sourced range
        (or, under a stated reduction, nothing at all or less than the range)."""
        if choice.position == "below_stated":
            short = choice.chosen.total < sourced_low * (1 - self.tolerance) * (1 - 1e-9)
            return not choice.chosen.units or short
        return not choice.within_range

    def choose(
        self, target: float, bounds: tuple[float, float, float], grid: Grid
    ) -> RoundingChoice:
        """``bounds``: the sourced range's (low, high) and the unreduced equianalgesic amount,
        which no rounding goes above (``choose_amount``'s ceiling)."""
        low, high, eq = bounds
        return choose_amount(
            target, low, high, grid, stated=self.stated, tolerance=self.tolerance, ceiling=eq
        )


def solution_grid(drug: Drug, rounding: RoundingRules) -> Grid:
    """An oral solution's measured amounts: multiples of its cited measurable step
    (``rotation.rounding.oral_solution_step``, 0.5 mL × the lowest concentration; morphine
    2 mg/mL → 1 mg), the same step as every breakthrough and methadone dose; 3 significant
    figures only where no concentration is listed."""
    return Grid(step=liquid_step_mg(drug, rounding.oral_solution_step) or 0.0)


def target_grid(
    target: Target, strengths: tuple[float, ...] | None, rounding: RoundingRules
) -> Grid:
    """What can be given for the target: patches, a measured rate, dose strengths, or the oral
    solution in its measurable steps (the planner and the check call this one function)."""
    if target.is_patch:
        return Grid(strengths or ())
    if target.is_continuous:
        return Grid()
    if not strengths:
        liquid = target.route == "oral" and target.form == liquid_form(target.drug)
        return solution_grid(target.drug, rounding) if liquid else Grid()
    return Grid(strengths, rounding.max_units_per_dose)


def _smallest(strengths: tuple[float, ...] | None, unit: str) -> str:
    return f" (smallest {format_number(min(strengths))} {unit})" if strengths else ""


def _base(target: Target, form: str | None = None) -> dict[str, object]:
    return {"drug": target.drug.id, "route": target.route, "form": form or target.form}


def _none(target: Target, frequency: str | None, why: str, step: str) -> Shaped:
    detail = RegimenDetail(no_dose=why)
    regimen = _planned(detail, **_base(target), dose=None, frequency=frequency, rate=None)
    return Shaped(regimen, detail, None, [step])


def shape_regimen(
    target: Target,
    frequency: Frequency | None,
    amounts: Amounts,
    strengths: tuple[float, ...] | None,
    rounding: RoundingRules,
    *,
    not_proposed: str | None = None,
    stated: bool = False,
) -> Shaped:
    """Step 4 and the rounding: per dose, infusion rate, or patch combination. ``stated``: the
    user stated the reduction, so the target is the ceiling (the policy honours it)."""
    name = f"{target.drug.id} {target.route}{' ' + target.form if target.form else ''}"
    policy = Policy(stated, rounding.short_tolerance.fraction)
    if target.is_patch:
        return _patch(target, amounts, strengths, rounding, name, not_proposed, policy)
    if target.is_continuous:
        return _rate(target, amounts, policy)
    assert frequency is not None
    return _per_dose(target, frequency, amounts, strengths, rounding, name, policy)


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
        return _none(target, None, not_proposed, f"4. Patch: not proposed — {not_proposed}")
    if not strengths:  # a patch is a marketed strength, never a measured amount
        why = (
            f"The catalogue lists no {name} strengths, so no patch can be proposed. "
            f"{rounding.below_smallest_patch.message}"
        )
        return _none(target, None, why, f"4. Patch: no strengths known — {why}")
    choice = policy.choose(
        amounts.target,
        (amounts.low, amounts.high, amounts.equianalgesic),
        target_grid(target, strengths, rounding),
    )
    rounded = choice.chosen
    if not rounded.units:
        why = (
            f"No {name} strength is at or below {format_number(amounts.target)} {unit}"
            f"{_smallest(strengths, unit)}. {rounding.below_smallest_patch.message}"
        )
        return _none(
            target, None, why, f"4. Patch: {format_number(amounts.target)} {unit} → no patch: {why}"
        )
    detail = RegimenDetail(patches=[Amount(value=u, unit=unit) for u in rounded.units])
    regimen = _planned(
        detail,
        **_base(target),
        dose=None,
        frequency=None,
        rate=Amount(value=rounded.total, unit=unit),
    )
    step = f"4. Patch: {format_number(amounts.target)} {unit} → patches {rounded.text_with(unit)}"
    return Shaped(
        regimen, detail, rounded.total, [step], False, choice, unit, amounts.equianalgesic
    )


def _rate(target: Target, amounts: Amounts, policy: Policy) -> Shaped:
    mass = amounts.mass_unit
    rate_unit = f"{mass}/h"
    rate, low, high, eq = amounts.scaled(HOURS_PER_DAY)
    choice = policy.choose(rate, (low, high, eq), Grid())
    rounded = choice.chosen.total
    daily = tidy(rounded * HOURS_PER_DAY)
    csci = " (CSCI: this is the 24-h syringe-driver total)" if target.route == "sc" else ""
    detail = RegimenDetail(daily_dose=Amount(value=daily, unit=f"{mass}/day"))
    regimen = _planned(
        detail,
        **_base(target),
        dose=None,
        frequency=None,
        rate=Amount(value=rounded, unit=rate_unit),
    )
    step = (
        f"4. Rate: {format_number(amounts.per_day(amounts.target))} {mass}/day ÷ 24 h = "
        f"{format_number(rate)} {rate_unit} → {format_number(rounded)} {rate_unit} = "
        f"{format_number(daily)} {mass}/24 h{csci}"
    )
    return Shaped(
        regimen,
        detail,
        tidy(amounts.from_per_day(daily)),
        [step],
        False,
        choice,
        rate_unit,
        eq,
    )


def _per_dose(
    target: Target,
    frequency: Frequency,
    amounts: Amounts,
    strengths: tuple[float, ...] | None,
    rounding: RoundingRules,
    name: str,
    policy: Policy,
) -> Shaped:
    mass = amounts.mass_unit
    doses = frequency.doses_per_day
    per_dose, low, high, eq = amounts.scaled(doses)
    head = (
        f"4. Per dose: {format_number(amounts.per_day(amounts.target))} {mass}/day ÷ "
        f"{format_number(doses)} doses/day ({frequency.label}) = "
        f"{format_number(per_dose)} {mass} → "
    )
    grid = target_grid(target, strengths, rounding)
    choice = policy.choose(per_dose, (low, high, eq), grid)
    substitutable = target.route == "oral" and solution_may_replace(
        target.form, target.route, frequency
    )
    liquid = liquid_form(target.drug) if substitutable else None
    measured = False
    form = target.form
    tablets = choice  # what the strengths gave, for the reason a solution is measured
    step_mg = grid.step  # the target form is itself the oral solution
    if liquid is not None and strengths and policy.wants_liquid(choice, low):
        liquid_grid = solution_grid(target.drug, rounding)
        liquid_choice = policy.choose(per_dose, (low, high, eq), liquid_grid)
        step_mg = liquid_grid.step
        if liquid_choice.chosen.units:
            choice, form, measured = liquid_choice, liquid, True
    rounded = choice.chosen
    why: str | None = None
    if not rounded.units and step_mg > 0:
        why = (
            f"No {name} strength is at or below {format_number(per_dose)} {mass} per dose"
            f"{_smallest(strengths, mass)}, and {format_number(per_dose)} {mass} is below one "
            f"measurable step of the oral solution ({format_number(step_mg)} {mass} = "
            f"{format_number(rounding.oral_solution_step.ml)} mL): no dose can be given by mouth "
            f"at this interval. {BELOW_ONE_STEP}"
        )
    elif not rounded.units:
        why = (
            f"No {name} strength is at or below {format_number(per_dose)} {mass} per dose"
            f"{_smallest(strengths, mass)}. {rounding.below_smallest_oral.message}"
        )
    elif choice.out_of_reach and not measured:
        why = (
            f"At most {rounding.max_units_per_dose} units of {name} per dose give "
            f"{format_number(rounded.total)} {mass}, below the sourced range "
            f"({format_number(low)}–{format_number(high)} {mass} per dose {frequency.label}): no "
            f"dose can be given in this form at this interval. {rounding.beyond_reach.message}"
        )
    if why is not None:
        shaped = _none(target, frequency.label, why, f"{head}no dose can be given: {why}")
        # out of reach keeps the policy's say (another interval may reach the range)
        if rounded.units:
            return replace(shaped, choice=choice)
        return replace(shaped, below_step=step_mg > 0)
    daily = tidy(rounded.total * doses)
    several = not grid.measured and not measured and len(rounded.units) > 1
    units = f" ({rounded.text_with(mass)})" if several else ""
    how = f" measured as {liquid.replace('_', ' ')}" if measured and liquid else ""
    detail = RegimenDetail(
        daily_dose=Amount(value=daily, unit=f"{mass}/day"),
        dose_units=[Amount(value=u, unit=mass) for u in rounded.units] if several else None,
    )
    regimen = _planned(
        detail,
        **_base(target, form),
        dose=Amount(value=rounded.total, unit=mass),
        frequency=frequency.label,
        rate=None,
    )
    step = (
        f"{head}{format_number(rounded.total)} {mass}{units}{how} per dose = "
        f"{format_number(daily)} {mass}/day"
    )
    reason = _liquid_reason(per_dose, (low, high), mass, strengths, tablets) if measured else ""
    if measured:
        step += f". {reason} {rounding.measured_liquid.message}"
    return Shaped(
        regimen,
        detail,
        tidy(amounts.from_per_day(daily)),
        [step],
        measured,
        choice,
        mass,
        eq,
        reason,
        measured or grid.measured,
    )


def _liquid_reason(
    per_dose: float,
    bounds: tuple[float, float],
    mass: str,
    strengths: tuple[float, ...] | None,
    tablets: RoundingChoice,
) -> str:
    """Why the solution is measured: the sentence true for this dose (clinician review 4, D9:
    'below the smallest tablet' was said of 14.5 mg beside a 10 mg tablet)."""
    low, high = bounds
    smallest = min(strengths) if strengths else None
    if smallest is None or per_dose < smallest:
        return (
            f"The dose is below the smallest tablet or capsule"
            f"{f' ({format_number(smallest)} {mass})' if smallest is not None else ''}."
        )
    listed = ", ".join(format_number(s) for s in sorted(strengths or ()))
    nearest = tablets.chosen.total
    below = f"; the nearest below is {format_number(nearest)} {mass}" if nearest > 0 else ""
    return (
        f"No combination of the {listed} {mass} tablets or capsules lies within the sourced "
        f"range ({format_number(low)}–{format_number(high)} {mass} per dose{below})."
    )


def regimen_text(regimen: PlannedRegimen, detail: RegimenDetail | None = None) -> str:
    detail = regimen.detail if detail is None else detail
    name = product_label(regimen.drug, regimen.route, regimen.form)
    if detail.no_dose is not None and detail.no_dose.startswith(NOT_PROPOSED):
        return f"{name}: no dose — not proposed for this patient"
    if detail.no_dose is not None:
        return f"{name}: no dose can be given in this form"
    if detail.patches is not None:
        unit = regimen.rate.unit if regimen.rate else ""
        sizes = " + ".join(f"{format_number(p.value)} {unit}" for p in detail.patches)
        return f"{name} {sizes} (change as labelled)"
    if regimen.rate is not None:
        return f"{name} {format_number(regimen.rate.value)} {regimen.rate.unit} continuous"
    assert regimen.dose is not None
    units = (
        " (" + " + ".join(f"{format_number(u.value)} {u.unit}" for u in detail.dose_units) + ")"
        if detail.dose_units
        else ""
    )
    dose = f"{format_number(regimen.dose.value)} {regimen.dose.unit}"
    return f"{name} {dose}{units} {regimen.frequency or 'as needed'}"
