"""Step 6: the breakthrough dose — a fraction (from the table) of the NEW 24-h dose, per dose.

Per dose, not divided by the number of scheduled doses (the defect of T43). Usually the
immediate-release form of the target drug (or a bolus by the same parenteral route), rounded down
to strengths. For a patch or for methadone the table names a sourced alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mps_pain.domain.form_words import product_label
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.rescue_frequency import (
    AS_NEEDED_METHOD,
    fraction_frequency,
    methadone_frequency,
)
from mps_pain.domain.rotation.rounding import (
    LiquidStep,
    MarketChoice,
    Rounded,
    below_one_step,
    liquid_form,
    round_down,
    strengths_for,
)
from mps_pain.domain.rotation.rounding_policy import Grid, strengths_grid
from mps_pain.domain.rotation.rounding_words import (
    FROM_YOUR_FORMULARY,
    MEASURED_FORMS,
    NOT_HELD,
    not_held,
)
from mps_pain.domain.rotation.solution_volume import (
    Seller,
    large_in_weakest,
    large_words,
    seller_of,
    solution_dose,
    solution_words,
    unit_doses,
)
from mps_pain.numbers import format_estimate, format_number_span, format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import Drug
from mps_pain.tables.schema_rotation import BreakthroughRules, MethadoneBreakthrough
from mps_pain.tables.schema_types import CitedText
from mps_pain.unit_kinds import strengths_in
from mps_pain.units import format_number, scale, tidy

__all__ = [
    "AVOIDED_ADVICE",
    "METHADONE_RESCUE_TO_AGREE",
    "breakthrough_for_drug",
    "breakthrough_for_methadone",
    "breakthrough_for_patch",
    "breakthrough_not_given",
]


def breakthrough_for_drug(
    tables: TableIndex,
    rules: BreakthroughRules,
    drug: Drug,
    route: str,
    form: str | None,
    daily_mg_per_day: float,
    mass_unit: str,
    market: str | MarketChoice | None,
    max_units: int | None = None,
    solution: LiquidStep | None = None,
    injected: Grid | None = None,
) -> Breakthrough:
    """``daily × fraction_high`` rounded down (an injected bolus by ``injected``, every injected
    amount's grid), its range reported beside it. Below the tablets' range, ``solution`` (the
    oral solution's step) measures a dose within it (first-time-clinician review, L2)."""
    ir = rules.immediate_release_form
    bt_form = form
    if route == "oral" and any(f.id == ir and "oral" in f.routes for f in drug.forms):
        bt_form = ir
    to_unit = scale("mg", mass_unit)
    high = tidy(daily_mg_per_day * rules.fraction_high * to_unit)
    low = tidy(daily_mg_per_day * rules.fraction_low * to_unit)
    strengths = strengths_for(tables, drug, bt_form, market)
    usable = strengths_in(strengths, mass_unit)
    rounded = (injected or strengths_grid(usable, max_units)).floor(high)  # never measured bare
    note = (
        f"{format_span(format_fraction(rules.fraction_low), format_fraction(rules.fraction_high))}"
        " of the new "
        f"24-h dose = {format_range(low, high)} {mass_unit} per dose"
    )
    if usable and strengths is not None:
        note += f"; rounded down to strengths ({strengths.said}; {strengths.source})"
    liquid = liquid_form(drug) if route == "oral" else None
    unmeasured = _NO_SOLUTION if route == "oral" else _NOT_BY_SOLUTION.format(route=route)
    if not usable and injected is None:  # nothing listed, and a tablet is never measured
        unmeasured = _NONE_LISTED.format(name=product_label(drug.id, route, bt_form))
    sold = seller_of(tables, drug, market, max_units)
    measured = _tablets_or_solution(
        rounded, low, high, liquid, solution, mass_unit, unmeasured, sold
    )
    if measured.no_dose is not None:  # pharmacist review 3, #10: say why, and that no other opioid
        measured = _Measured(  # is named for it (no source in the reference names one)
            measured.rounded,
            measured.form,
            f"{measured.how}; {_NO_ALTERNATIVE}",
            f"{measured.no_dose}; {_NO_ALTERNATIVE}",
        )
    return Breakthrough(
        drug=drug.id,
        route=route,
        form=measured.form or bt_form,
        dose=_dose(measured.rounded, mass_unit),
        frequency=fraction_frequency(rules, route),
        high=Amount(value=high, unit=mass_unit),
        low=Amount(value=low, unit=mass_unit),
        source=tables.cite(rules.citation),
        note=note + measured.how,
        no_dose=measured.no_dose,
    )


def _dose(rounded: Rounded, unit: str) -> Amount | None:
    return Amount(value=rounded.total, unit=unit) if rounded.total > 0 else None


def format_fraction(value: float) -> str:
    """A cited fraction as people write it: 1/6, 1/10 (a decimal when no small fraction fits)."""
    exact = Fraction(value).limit_denominator(24)
    if abs(float(exact) - value) < 1e-9 and exact.denominator > 1:
        return f"{exact.numerator}/{exact.denominator}"
    return format_number(value)


def format_range(low: float, high: float) -> str:
    """A dose range to 3 significant figures, so a dose rounded down from ``high`` never reads
    above it (pharmacist review 5, D4: "12.4 mg" beside "= 7.5–12 mg per dose")."""
    return format_number_span(low, high, significant=3)


@dataclass(frozen=True)
class _Measured:
    """A breakthrough dose rounded by step 6's policy: the dose, the solution's form when it
    measures the dose, the note's words, and why nothing can be given (``no_dose``)."""

    rounded: Rounded
    form: str | None
    how: str
    no_dose: str | None = None


def _nothing(why: str) -> _Measured:
    """Nothing measurable: no dose, and the reason the plan states (``gate_breakthrough``)."""
    return _Measured(Rounded(0.0, ()), None, f"; {why}: no breakthrough dose", why)


def _below_smallest(why: str) -> _Measured:
    """No dose: below the smallest strength (or none listed), and ``why`` no solution gives one."""
    return _nothing(
        why if why.startswith(_NOT_LISTED) else f"below the smallest strength and {why}"
    )


#: the advice of a breakthrough opioid the patient-factor rules avoid (``gate``; a patch plan whose
#: set holds none of the sourced alternatives says more: ``breakthrough_alternative.none_in_set``)
AVOIDED_ADVICE = "Choose a breakthrough opioid suitable for the patient with the prescriber."
_NO_SOLUTION = "no oral solution is listed for this drug in the catalogue"
_NOT_BY_SOLUTION = "a {route} dose cannot be measured from an oral solution"
_NOT_LISTED = "not given: " + NOT_HELD
_NONE_LISTED = (  # pharmacist review 17, M1: "codeine oral 74.6 mg", a suppository "10 mg"
    "not given: " + not_held("{name}") + f" ({FROM_YOUR_FORMULARY}), and " + MEASURED_FORMS
)
_NO_ALTERNATIVE = (
    "no source in the reference names another opioid as its breakthrough dose, so none is "
    "proposed: agree one with the prescriber"
)


def _tablets_or_solution(
    rounded: Rounded,
    low: float,
    high: float,
    liquid: str | None,
    solution: LiquidStep | None,
    mass_unit: str,
    unmeasured: str = _NO_SOLUTION,
    seller: Seller | None = None,
) -> _Measured:
    """Step 6's one rounding policy for every breakthrough dose (docs/rotation.md): the tablets
    (``rounded``); where they give nothing or less than ``low``, the market's own unit doses of
    the oral solution ``liquid`` (``seller``), else its measured steps (``solution_dose``). Where
    none gives anything, no dose, with the reason (``_Measured.no_dose``)."""
    sachets = unit_doses(seller, low, high) if seller and liquid and mass_unit == "mg" else None
    if rounded.total <= 0 and sachets is not None:  # the market's own (re-check 19b, M1)
        below = f"; below the smallest strength, so it is {sachets.words}"
        return _Measured(Rounded(sachets.mg, (sachets.mg,)), liquid, below)
    if rounded.total <= 0 and liquid is not None:
        step = solution.mg if solution is not None and mass_unit == "mg" else None
        measured = round_down(high, (step,) if step else None)
        if measured.total <= 0 and step and solution is not None:
            return _below_smallest(below_one_step(step, mass_unit, solution.ml))
        per = solution_words(solution) if solution else ""
        steps = f" in steps of {format_number(step)} {mass_unit} ({per})" if step and per else ""
        how = f"; below the smallest strength: measured as {liquid.replace('_', ' ')}{steps}"
        return _Measured(measured, liquid, how)
    if rounded.total <= 0:
        return _below_smallest(unmeasured)
    if rounded.total >= low - 1e-9:
        return _Measured(rounded, None, "")
    tablets = f"{format_number(rounded.total)} {mass_unit}"
    lower = f"; the nearest lower strength ({tablets}) is below the range"
    within = (
        solution_dose(seller, liquid, low, high, solution)
        if liquid is not None and solution is not None and mass_unit == "mg" and seller
        else None
    )
    if liquid is not None and within is not None:
        return _Measured(
            Rounded(within.mg, (within.mg,)),
            liquid,
            f"{lower}, so it is {within.words}",
        )
    why = (
        unmeasured
        if liquid is None or solution is None
        else "the oral solution's measurable steps give nothing within it either"
    )
    return _Measured(
        rounded,
        None,
        f"{lower} and {why}: give it and review after the first doses",
    )


def breakthrough_for_patch(
    tables: TableIndex,
    rules: BreakthroughRules,
    patch_mcg_per_h: float,
    market: str | MarketChoice | None,
    max_units: int | None = None,
    solution: LiquidStep | None = None,
    patch_ome: tuple[float, str] | None = None,
) -> Breakthrough:
    """``patch × mg_per_mcg_per_h`` of the linked drug, rounded by the same policy as every
    breakthrough dose (tablets, else the oral solution in its measurable steps). The sourced
    value is the bottom of its range (Lanarkshire: 37 → 15–20 mg; review 3), unless the weakest
    solution would measure it in a large volume: then tablets (or a stronger solution) down to
    the fraction rule's low end of the patch's 24-h dose ``patch_ome`` (OME a day under the set,
    i.e. oral morphine mg, and the set's label), the range the check judges by (``rescue_size``;
    pharmacist review 18d, M2: 600 mg/day → patch 187.5 mcg/h, 75 mg was 37.5 mL of solution
    where 70 mg of tablets lies within 45–75 mg)."""
    drug = tables.drugs[rules.patch_alternative.drug]
    target = tidy(patch_mcg_per_h * rules.patch_alternative.mg_per_mcg_per_h)
    ome, label = patch_ome or (0.0, "")
    large = ome > 0 and solution is not None and large_in_weakest(target, solution)
    low = min(target, tidy(ome * rules.fraction_low)) if large else target
    strengths = strengths_for(tables, drug, rules.patch_alternative.form, market)
    usable = strengths_in(strengths, "mg")
    rounded = round_down(target, usable, max_units if usable else None)
    liquid = liquid_form(drug) if rules.patch_alternative.route == "oral" else None
    sold = seller_of(tables, drug, market, max_units)
    measured = _tablets_or_solution(rounded, low, target, liquid, solution, "mg", seller=sold)
    fractions = format_span(
        format_fraction(rules.fraction_low), format_fraction(rules.fraction_high)
    )
    within = (
        ""
        if low >= target or solution is None
        else f", within {fractions} of the patch's 24-h dose "
        f"({daily_amount(tidy(ome), label)}): {format_range(low, target)} mg, "
        f"as {large_words(target, solution)} [{tables.cite(rules.citation)}; "
        f"{solution.large_citation}]"
    )
    return Breakthrough(
        drug=drug.id,
        route=rules.patch_alternative.route,
        form=measured.form or rules.patch_alternative.form,
        dose=_dose(measured.rounded, "mg"),
        frequency=rules.frequency,
        high=Amount(value=target, unit="mg"),
        low=Amount(value=low, unit="mg") if low < target else None,
        source=tables.cite(rules.patch_alternative.citation),
        note=(
            f"patch {format_number(patch_mcg_per_h)} mcg/h × "
            f"{format_number(rules.patch_alternative.mg_per_mcg_per_h)} = {format_number(target)} "
            "mg "
            f"{drug.id} {rules.patch_alternative.route}, rounded down{within}{measured.how}"
        ),
        no_dose=measured.no_dose,
    )


METHADONE_RESCUE_TO_AGREE = ("opioid", "dose (mg)", "minimum interval (h)", "maximum doses in 24 h")
"""A methadone rescue's parts no source gives (review 8, D2b): blanks to agree, as the danger."""


def methadone_breakthrough_withheld(
    tables: TableIndex, rule: MethadoneBreakthrough, methadone: Drug, form: str | None
) -> Breakthrough:
    """No methadone breakthrough number without a sourced interval and maximum in 24 h, with
    the reason (``no_maximum``); the planner states it as a danger (no breakthrough cover)."""
    return Breakthrough(
        drug=methadone.id,
        route="oral",
        form=form,
        dose=None,
        frequency="—",
        source=f"{tables.cite(rule.citation)}; {tables.cite(rule.no_maximum.citation)}",
        note=rule.no_maximum.message,
        to_agree=METHADONE_RESCUE_TO_AGREE,
    )


def _as_needed_method(methadone: Drug, form: str | None, dose_mg: float | None) -> Breakthrough:
    """An as-needed-only method: its own dose is the as-needed order (no separate one)."""
    return Breakthrough(
        drug=methadone.id,
        route="oral",
        form=form,
        dose=Amount(value=dose_mg, unit="mg") if dose_mg else None,
        frequency=AS_NEEDED_METHOD,
        source=None,
        note="The method gives the as-needed methadone dose itself; no separate breakthrough dose.",
    )


def breakthrough_for_methadone(
    tables: TableIndex,
    rules: BreakthroughRules,
    methadone: Drug,
    form: str | None,
    daily_mg: float | None,
    as_needed_dose_mg: float | None,
    market: str | MarketChoice | None,
    liquid_form: str | None = None,
    liquid_step: LiquidStep | None = None,
) -> Breakthrough:
    if daily_mg is None:
        return _as_needed_method(methadone, form, as_needed_dose_mg)
    if rules.methadone.open_ended:
        return methadone_breakthrough_withheld(tables, rules.methadone, methadone, form)
    target = tidy(daily_mg * rules.methadone.fraction)
    strengths = strengths_for(tables, methadone, form, market)
    usable = strengths_in(strengths, "mg")
    rounded = round_down(target, usable)
    liquid = rounded.total <= 0
    if liquid:  # measured in the policy's volume steps; below one step: no number
        rounded = round_down(target, (liquid_step.mg,) if liquid_step else None)
    cites = [tables.cite(rules.methadone.citation)]
    if liquid and liquid_step:
        cites.append(liquid_step.citation)
    nothing = (
        f"below the smallest tablet and {below_one_step(liquid_step.mg, 'mg', liquid_step.ml)}"
        if liquid and liquid_step and rounded.total <= 0
        else None
    )
    how = ""
    if nothing is not None:
        how = _nothing(nothing).how
    elif liquid:
        how = "; below the smallest tablet: measure it as oral solution" + (
            f" in steps of {format_number(liquid_step.mg)} mg" if liquid_step else ""
        )
    return Breakthrough(
        drug=methadone.id,
        route="oral",
        form=(liquid_form or form) if liquid else form,
        dose=_dose(rounded, "mg"),
        frequency=methadone_frequency(rules.methadone),
        high=Amount(value=target, unit="mg"),
        source="; ".join(cites),
        note=(
            f"{format_number(rules.methadone.fraction)} × {format_number(daily_mg)} mg/day "
            f"methadone = {format_estimate(target)} mg, rounded down{how}"
        ),
        no_dose=nothing,
    )


def breakthrough_not_given(
    tables: TableIndex, rules: BreakthroughRules, target: Target, why: CitedText | None = None
) -> Breakthrough:
    """No number: no sourced rule applies (the fraction rule excludes the drug, or the
    patch-linked table is for another patch drug: ``why``)."""
    note = why or rules.excluded_note
    return Breakthrough(
        drug=target.drug.id,
        route=target.route,
        form=target.form,
        dose=None,
        frequency="—",
        source=tables.cite(note.citation) if note else None,
        note=note.message if note else "no sourced breakthrough rule for this drug and route",
    )
