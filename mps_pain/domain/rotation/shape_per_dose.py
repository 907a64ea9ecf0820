"""Steps 4–5 for a dose at an interval: the marketed strengths (at most ``max_units_per_dose``
units), or, for an immediate-release oral target whose strengths give nothing within the sourced
range, the oral solution measured in its steps (``form_inference.solution_may_replace``); no dose
when nothing can be given, with the reason and what to do instead.
"""

from __future__ import annotations

from dataclasses import replace

from mps_pain.domain.form_inference import solution_may_replace
from mps_pain.domain.frequency import Frequency
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import RegimenDetail
from mps_pain.domain.rotation.rounding import below_one_step, liquid_form
from mps_pain.domain.rotation.rounding_policy import RoundingChoice
from mps_pain.domain.rotation.rounding_words import (
    FROM_YOUR_FORMULARY,
    MEASURED_FORMS,
    NEVER_ABOVE_STATED,
    not_held,
)
from mps_pain.domain.rotation.shaped import (
    NO_DOSE_IN_FORM,
    Amounts,
    Policy,
    Shaped,
    base_fields,
    no_dose_shaped,
    planned,
    smallest_text,
    solution_grid,
    target_grid,
)
from mps_pain.domain.rotation.stated_gap import stated_gap_reason
from mps_pain.numbers import format_beside, format_number_span, format_span
from mps_pain.tables.schema_rotation import RoundingRules
from mps_pain.unit_kinds import mass_per_day_unit
from mps_pain.units import format_number, tidy

__all__ = ["BELOW_ONE_STEP", "shape_per_dose"]

# what to do when a dose is below one measurable step of the oral solution (no number: the
# step itself is cited in ``rotation.rounding.oral_solution_step``)
BELOW_ONE_STEP = (
    "Choose a longer interval (fewer, larger doses; see the alternative interval where one is "
    "shown) or a titratable parenteral route measured to the dose; keep the current opioid "
    "regimen until then."
)

# what to do when the form has no listed strength and cannot be measured (pharmacist review 17,
# M1: a suppository and codeine were "measured to the dose")
NOT_MEASURABLE_FORM = (
    "Choose a form with listed strengths, or one that can be measured (an oral solution, or an "
    "injection by a titratable route); until then, do not stop the current opioid."
)


def shape_per_dose(
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
    policy = replace(policy, per_day=doses)  # "not above" the target as the day's amount prints
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
    if liquid is not None and strengths:
        solution, solution_step = _solution_choice(
            target, per_dose, (low, high, eq), choice, rounding, policy
        )
        step_mg = solution_step if solution_step is not None else step_mg
        if solution is not None:
            choice, form, measured = solution, liquid, True
    rounded = choice.chosen
    why: str | None = None
    if not rounded.units and step_mg > 0:
        why = (
            f"No {name} strength is at or below {format_number(per_dose)} {mass} per dose"
            f"{smallest_text(strengths, mass)}, and {format_number(per_dose)} {mass} is "
            f"{below_one_step(step_mg, mass, rounding.oral_solution_step.ml)}: no dose can be "
            f"given by mouth at this interval. {BELOW_ONE_STEP}"
        )
    elif not rounded.units and not grid.givable:
        held = not_held(name)
        why = (
            f"{held[0].upper()}{held[1:]}, and a dose of this form cannot be measured "
            f"({MEASURED_FORMS}): this program proposes no dose in this form; "
            f"{FROM_YOUR_FORMULARY}, or {NOT_MEASURABLE_FORM[0].lower()}{NOT_MEASURABLE_FORM[1:]}"
        )
    elif not rounded.units:
        why = (
            f"No {name} strength is at or below {format_number(per_dose)} {mass} per dose"
            f"{smallest_text(strengths, mass)}. {rounding.below_smallest_oral.message}"
        )
    elif choice.position == "stated_gap":  # tablets or the measured solution
        why = stated_gap_reason(choice, mass, (f" at {frequency.label}", " per dose"), eq)
    elif choice.out_of_reach and not measured:
        why = (
            f"At most {rounding.max_units_per_dose} units of {name} per dose give "
            f"{format_number(rounded.total)} {mass}, below the sourced range "
            f"({format_number_span(low, high, mass)} per dose {frequency.label}): "
            f"{NO_DOSE_IN_FORM} at this interval. {rounding.beyond_reach.message}"
        )
    if why is not None:
        shaped = no_dose_shaped(target, frequency.label, why, f"{head}no dose can be given: {why}")
        # out of reach keeps the policy's say (another interval may reach the range)
        if rounded.units:
            return replace(shaped, choice=choice)
        return replace(shaped, below_step=step_mg > 0)
    daily = tidy(rounded.total * doses)
    several = not grid.measured and not measured and len(rounded.units) > 1
    units = f" ({rounded.text_with(mass)})" if several else ""
    how = f" measured as {liquid.replace('_', ' ')}" if measured and liquid else ""
    detail = RegimenDetail(
        daily_dose=Amount(value=daily, unit=mass_per_day_unit(mass)),
        dose_units=[Amount(value=u, unit=mass) for u in rounded.units] if several else None,
    )
    regimen = planned(
        detail,
        **base_fields(target, form),
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


def _solution_choice(
    target: Target,
    per_dose: float,
    bounds: tuple[float, float, float],
    tablets: RoundingChoice,
    rounding: RoundingRules,
    policy: Policy,
) -> tuple[RoundingChoice | None, float | None]:
    """The oral solution's choice where it replaces the tablets, and its step: the tablets give
    nothing within the sourced range, or reach it only by rounding up above the reduced dose
    while the solution gives a smaller amount within the range — it measures that dose
    (pharmacist review 5, D6: 7 mg → a 10 mg tablet was a 0% reduction printed as 30%), or
    rounds up less (morphine SC 20 mg/day → oral q4h: 7 mg of solution, not the 10 mg tablet at
    the top of the cited 2–3:1 range). A tablet within the range at or below the target stays."""
    grid = solution_grid(target.drug, rounding)
    if policy.wants_liquid(tablets, bounds[0]):
        found = policy.choose(per_dose, bounds, grid)
        return (found if found.chosen.units else None), grid.step
    if tablets.position != "above_target":
        return None, None
    found = policy.choose(per_dose, bounds, grid)
    measures = found.within_range and found.chosen.total < tablets.chosen.total
    return (found if measures else None), grid.step if measures else None


def _liquid_reason(
    per_dose: float,
    bounds: tuple[float, float],
    mass: str,
    strengths: tuple[float, ...] | None,
    tablets: RoundingChoice,
) -> str:
    """Why the solution is measured: the sentence true for this dose (clinician review 4, D9:
    'below the smallest tablet' was said of 14.5 mg beside a 10 mg tablet; pharmacist review 18,
    L2: "no combination … lies within the sourced range (15–20 mg)" beside a 20 mg tablet, where
    the stated reduction's target, 15 mg, was the reason)."""
    low, high = bounds
    smallest = min(strengths) if strengths else None
    if smallest is None or per_dose < smallest:
        return (
            f"The dose is below the smallest tablet or capsule"
            f"{f' ({format_number(smallest)} {mass})' if smallest is not None else ''}."
        )
    listed = ", ".join(format_number(s) for s in sorted(strengths or ()))
    if tablets.position == "above_target":
        return (
            f"The {listed} {mass} tablets or capsules reach the sourced range only by rounding "
            f"up to {format_number(tablets.chosen.total)} {mass}, above the reduced dose of "
            f"{format_number(per_dose)} {mass}; the oral solution measures the reduced dose."
        )
    nearest = tablets.chosen.total
    if tablets.position in ("stated_gap", "below_stated"):  # the stated target is the reason
        return (
            f"The {listed} {mass} tablets or capsules give at most {format_number(nearest)} "
            f"{mass} not above the stated reduction's target ({format_number(per_dose)} {mass} "
            f"per dose), below the sourced range ({format_number_span(low, high, mass)} "
            f"per dose), and {NEVER_ABOVE_STATED}."
        )
    below = f"; the nearest below is {format_number(nearest)} {mass}" if nearest > 0 else ""
    return (
        f"No combination of the {listed} {mass} tablets or capsules lies within the sourced "
        f"range ({format_span(_exact(low), _exact(high), mass)} per dose{below})."
    )


def _exact(bound: float) -> str:
    """A range's end with the figures that keep it from reading as the whole number a
    combination reaches: 109.97, not "110", where 110 mg of tablets lies just above the range
    (a degenerate range 109.97–109.97 printed "110–110" beside a 110 mg combination)."""
    return format_beside(bound, float(format_number(bound)))
