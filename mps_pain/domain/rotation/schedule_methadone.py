"""Step 7 for methadone: stop and go, the table's three-step switch, or a start after a patch
comes off (its cited depot time); the current as-needed lines are named as stopped when
methadone starts (outside fuzz review D2: nothing current is left implicitly running).

In the three steps each regular current line is written as the dose to give (pharmacist review
3, #8): its dose × the step's fraction, rounded down to its own form's strengths in the plan's
market by the planner's rule (``round_down``: at most ``max_units_per_dose`` units), a rate or a
daily total floored to 3 significant figures as the planner floors them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.form_inference import solution_may_replace
from mps_pain.domain.form_words import product_label
from mps_pain.domain.long_acting import MODIFIED_RELEASE_FORM
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.depot_others import others_until_start
from mps_pain.domain.rotation.models import ScheduleEntry
from mps_pain.domain.rotation.rounding import (
    BELOW_ONE_STEP_WORDS,
    MarketChoice,
    StrengthChoice,
    floor_significant,
    liquid_step,
    round_down,
    strengths_for,
)
from mps_pain.domain.rotation.rounding_words import not_held
from mps_pain.domain.rotation.schedule_cover import gap_cover, patch_off
from mps_pain.domain.rotation.schedule_current import current_text
from mps_pain.domain.rotation.schedule_not_one_order import not_stepped_reason, stepped
from mps_pain.errors import InputError
from mps_pain.numbers import dose_text, format_percent, format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_methadone import StepSchedule
from mps_pain.tables.schema_solution import OralSolutionStep
from mps_pain.tables.schema_types import CitedHours
from mps_pain.unit_kinds import strengths_in
from mps_pain.units import format_number

__all__ = ["StepRounding", "cannot_be_measured", "methadone_schedule", "step_share"]

#: what a refused three-step schedule offers instead (every refusal of the steps says it)
_OTHER_SCHEDULE = (
    "Choose the immediate schedule (stop and go), or agree the steps with the palliative care "
    "specialist"
)


def methadone_schedule(
    tables: TableIndex,
    schedule: str,
    steps: StepSchedule,
    items: Sequence[DailyItem],
    *,
    per_dose_mg: float,
    doses_per_day: float | None,
    frequency: str,
    strengths: tuple[float, ...] | None,
    start_after_patch: CitedHours | None = None,
    previous: StepRounding | None = None,
    borrowed: str = "",
    breakthrough_ordered: bool = False,
) -> list[ScheduleEntry]:
    """Stop and go, the three steps (each step's fractions cited), or a start after a patch
    comes off (``start_after_patch``: its cited depot time); the current as-needed lines are
    named as stopped when methadone starts (until then they are the breakthrough cover);
    ``breakthrough_ordered``: the plan orders a breakthrough dose (``gap_cover``)."""
    entries = _methadone_steps(
        tables,
        schedule,
        steps,
        items,
        per_dose_mg=per_dose_mg,
        doses_per_day=doses_per_day,
        frequency=frequency,
        strengths=strengths,
        start_after_patch=start_after_patch,
        previous=previous,
        borrowed=borrowed,
        ordered=breakthrough_ordered,
    )
    prn = [d for d in items if d.is_opioid and d.item.prn]
    if not prn:
        return entries
    stop = ScheduleEntry(
        when="when methadone starts",
        action=f"Stop the current as-needed {current_text(prn)}; it is the breakthrough cover "
        "until then, and the breakthrough cover agreed with the palliative care specialist "
        "replaces it (see the plan's breakthrough line).",
    )
    return [*entries, stop]


def _methadone_steps(
    tables: TableIndex,
    schedule: str,
    steps: StepSchedule,
    items: Sequence[DailyItem],
    *,
    per_dose_mg: float,
    doses_per_day: float | None,
    frequency: str,
    strengths: tuple[float, ...] | None,
    start_after_patch: CitedHours | None,
    previous: StepRounding | None,
    borrowed: str,
    ordered: bool,
) -> list[ScheduleEntry]:
    current = current_text(items)
    dose = f"methadone {dose_text(per_dose_mg, 'mg')} {frequency}"
    if start_after_patch is not None:
        return _methadone_after_patch(tables, items, dose, (start_after_patch, borrowed), ordered)
    if not stepped(schedule, doses_per_day, from_patch=False, items=items):
        why = not_stepped_reason(schedule, doses_per_day, from_patch=False, items=items)
        action = f"Stop {current} (stop and go). Start {dose}." + (f" {why}" if why else "")
        return [ScheduleEntry(when="day 1", action=action)]
    liquid_step_mg = previous.liquid_step_mg if previous else None
    _refuse_unsold_steps(steps, per_dose_mg, strengths, liquid_step_mg, previous)
    # each step measured as the regimen is: a regimen of oral solution is stepped in solution,
    # so the last step is the regimen (pharmacist review 15, D2: tablets gave 5 mg for 8 mg)
    tablets = None if previous is not None and previous.methadone_as_solution else strengths
    # the regular lines only: the as-needed ones are not stepped, they stop when methadone starts
    # (their own entry; pharmacist review 19, L7: the steps named them "at 66.7%")
    regular = current_text([d for d in items if not d.item.prn]) or current
    entries = []
    cite = tables.cite(steps.citation)
    for step in steps.steps:
        days = (
            f"days {format_span(str(step.from_day), str(step.to_day))}"
            if step.to_day
            else f"day {step.from_day}+"
        )
        given, methadone = _step_dose(
            per_dose_mg * step.methadone_fraction, tablets, liquid_step_mg
        )
        share = step_share(
            given, per_dose_mg, step.methadone_fraction, "the target", "rounded down"
        )
        before = (
            f"previous opioid(s) at {format_percent(step.previous_fraction)} of the current "
            f"doses ({regular})"
            if step.previous_fraction > 0
            else "previous opioid(s) stopped"
        )
        if previous is not None and step.previous_fraction > 0:
            before += ": give " + _previous_doses(tables, items, step.previous_fraction, previous)
        entries.append(
            ScheduleEntry(
                when=days,
                action=f"{before}; {methadone} {frequency} ({share}) [{cite}].",
            )
        )
    return entries


def _refuse_unsold_steps(
    steps: StepSchedule,
    per_dose_mg: float,
    strengths: tuple[float, ...] | None,
    liquid_step_mg: float | None,
    previous: StepRounding | None,
) -> None:
    """The three steps only where every step's methadone can be given with what the market
    sells (pharmacist review 7, D2: in Japan, Methapain tablets only, days 1–3 of the label's
    first tier were measured as oral solution, a product not sold there). A step below the smallest
    tablet with no oral solution sold would lower the previous opioid with no methadone in its
    place: refused naming the field, as the three steps from a patch are."""
    if previous is None or liquid_step_mg is not None or not strengths:
        return
    short = [
        (step, per_dose_mg * step.methadone_fraction)
        for step in steps.steps
        if round_down(per_dose_mg * step.methadone_fraction, strengths).total <= 0
    ]
    if not short:
        return
    market = previous.market.market or "this market"
    needs = "; ".join(
        f"days {format_span(str(step.from_day), str(step.to_day or '…'))} need "
        f"{format_number(mg, 3)} mg per dose"
        for step, mg in short
    )
    raise InputError(
        f"the three-step schedule cannot be given with the methadone sold in {market}: {needs}, "
        f"below the smallest tablet ({format_number(min(strengths))} mg), and no methadone oral "
        "solution is sold there, so the previous opioid would be lowered with no methadone in "
        f"its place. {_OTHER_SCHEDULE}",
        location="methadone_schedule",
    )


def step_share(given: float, whole: float, intended: float, of: str, rounded: str) -> str:
    """The share a step gives, and the share intended beside it when rounding made them differ:
    ``50% of the target; intended 66.7%, rounded down`` (pharmacist re-check 15b, #8: the
    intended 66.7% was printed for 1 mg of a 2 mg target). Every step's share, methadone's and
    the previous opioid's, is worded here."""
    share = format_percent(given / whole if whole > 0 else 0.0)
    if given >= whole * intended * (1 - 1e-9):
        return f"{share} of {of}"
    aimed = format_percent(intended)
    if share == aimed:  # below, but by less than the printed figure shows
        return f"{share} of {of}, {rounded}"
    return f"{share} of {of}; intended {aimed}, {rounded}"


def _step_dose(
    exact_mg: float, strengths: tuple[float, ...] | None, liquid_step_mg: float | None
) -> tuple[float, str]:
    """One step's methadone dose (mg given, words): tablets rounded down, else the oral solution
    in its measurable steps (the rounding policy's ``oral_solution_step``, as every solution
    dose); below one step the schedule says so rather than printing an amount nobody can
    measure (md10: "1.66 mg")."""
    tablets = round_down(exact_mg, strengths).total if strengths else 0.0
    if tablets > 0:
        return tablets, f"methadone {dose_text(tablets, 'mg')}"
    if liquid_step_mg is None:  # the market sells no oral solution (pharmacist review 7, D2)
        return 0.0, (
            f"no methadone yet ({format_number(exact_mg, 3)} mg is below the smallest tablet, "
            "and no oral solution is sold in this market)"
        )
    measured = round_down(exact_mg, (liquid_step_mg,)).total
    if measured > 0:
        return measured, f"methadone {dose_text(measured, 'mg')} as oral solution"
    return 0.0, (
        f"no methadone yet ({format_number(exact_mg, 3)} mg is {BELOW_ONE_STEP_WORDS}, "
        f"{format_number(liquid_step_mg)} mg)"
    )


@dataclass(frozen=True)
class StepRounding:
    """How a step's doses are rounded: the previous opioids by the plan's market and unit limit,
    methadone below its smallest tablet in the oral solution's measurable steps (mg)."""

    market: MarketChoice
    max_units: int | None
    liquid_step_mg: float | None = None
    solution_step: OralSolutionStep | None = None
    #: the regimen's methadone is measured as oral solution: so is every step's
    methadone_as_solution: bool = False


def _previous_doses(
    tables: TableIndex, items: Sequence[DailyItem], fraction: float, how: StepRounding
) -> str:
    """Each regular current opioid line at ``fraction`` of its dose, as it is to be given."""
    lines = [d for d in items if d.is_opioid and not d.item.prn]
    return "; ".join(_previous_dose(tables, d, fraction, how) for d in lines)


def _previous_dose(tables: TableIndex, daily: DailyItem, fraction: float, how: StepRounding) -> str:
    item = daily.item
    name = product_label(daily.drug.id, item.route, daily.form)
    if item.shape == "continuous" and item.rate is not None:
        rate = floor_significant(item.rate.value * fraction)
        return f"{name} {format_number(rate)} {item.rate.unit}"
    if item.shape != "scheduled" or item.frequency is None:
        total = floor_significant(daily.daily_mg_per_day * fraction)
        return f"{name} {format_number(total)} mg/day"
    aim = (item.dose_mg() or 0.0) * fraction
    choice = strengths_for(tables, daily.drug, daily.form, how.market)
    rounded = round_down(aim, strengths_in(choice, "mg"), how.max_units)
    every = item.frequency.label
    step = liquid_step(tables, daily.drug, how.solution_step) if how.solution_step else None
    if rounded.total <= 0 and step and solution_may_replace(daily.form, item.route, item.frequency):
        solution = round_down(aim, (step.mg,))
        if solution.total > 0:  # the planner's rule: an IR dose below its tablets is measured
            return f"{name} {format_number(solution.total)} mg as oral solution {every}"
    if rounded.total <= 0 and cannot_be_measured(daily):
        raise _unsplittable(name, aim, fraction, every, choice)
    if rounded.total <= 0:
        return (
            f"{name} {format_number(floor_significant(aim))} mg {every} (below the smallest "
            "strength of the form: measure it, or use a form with a smaller strength)"
        )
    units = f" ({rounded.text_with('mg')})" if len(rounded.units) > 1 else ""
    dose = item.dose_mg() or 0.0
    of = f"{format_number(dose)} mg"
    share = step_share(rounded.total, dose, fraction, of, "rounded down to the strengths")
    return f"{name} {format_number(rounded.total)} mg{units} {every} ({share})"


def cannot_be_measured(daily: DailyItem) -> bool:
    """A previous line whose step must be a dose of its own units: a modified-release tablet or
    capsule (never split, crushed or measured: crushing dumps the dose) or a patch."""
    return daily.item.route == "transdermal" or daily.form == MODIFIED_RELEASE_FORM


def _unsplittable(
    name: str, aim: float, fraction: float, every: str, choice: StrengthChoice | None
) -> InputError:
    """The three steps refused where a step of a modified-release line is below every dose its
    strengths make (pharmacist re-check 15b, #7: "hydromorphone oral ER 5.33 mg q24h …
    measure it")."""
    smallest = (
        f"below its smallest strength ({format_number(min(choice.values))} {choice.unit})"
        if choice is not None and choice.values
        else f"and {not_held('it')}"
    )
    return InputError(
        f"the three-step schedule cannot be given with {name}: a step at "
        f"{format_percent(fraction)} of the dose needs {format_number(floor_significant(aim))} mg "
        f"{every}, {smallest}, and a modified-release form cannot be split, crushed or measured. "
        f"{_OTHER_SCHEDULE}",
        location="methadone_schedule",
    )


def _methadone_after_patch(
    tables: TableIndex,
    items: Sequence[DailyItem],
    dose: str,
    timing: tuple[CitedHours, str],
    ordered: bool,
) -> list[ScheduleEntry]:
    """Methadone after a patch comes off (``timing``: its cited depot time and the borrowed
    note). Regular oral or parenteral opioids beside the patch are kept until methadone starts
    and then stopped (stop and go), never stopped at 0 h with only breakthrough cover (outside
    first-time-clinician review, H1); as needed until then, only what the plan orders or the
    current as-needed lines (``gap_cover``, pharmacist review 17, L4)."""
    start_after, borrowed = timing
    start = format_number(start_after.hours)
    opioids = [d for d in items if d.is_opioid]
    regular = [d for d in opioids if d.item.route != "transdermal" and not d.item.prn]
    prn = [d for d in opioids if d.item.prn]
    agree = "the palliative care specialist"
    cover = gap_cover("Until methadone starts", ordered=ordered, current_prn=prn, agree_with=agree)
    worn = sorted({d.drug.id for d in opioids if d.item.route == "transdermal"})
    depot = (
        f"the skin depot keeps releasing {' and '.join(worn)} for hours after removal). "
        f"[{tables.cite(start_after.citation)}]{borrowed}"
    )
    patches = current_text([d for d in opioids if d.item.route == "transdermal"])
    if not regular:
        return [
            ScheduleEntry(
                when="0 h",
                action=patch_off(patches, cover),
            ),
            ScheduleEntry(when=f"{start} h", action=f"Start {dose} ({depot}"),
        ]
    others = current_text(regular)
    return [
        ScheduleEntry(
            when="0 h",
            action=f"Remove the patch(es) ({patches}). "
            f"{others_until_start('stop_and_go', others, capital=True)}. {cover}",
        ),
        ScheduleEntry(
            when=f"{start} h",
            action=f"Stop {others} and start {dose} (stop and go for them; for the patch, {depot}",
        ),
    ]
