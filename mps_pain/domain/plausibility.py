"""Software sanity bounds on each entered amount (``drugs[].plausibility``): not clinical maxima.

Per drug and route: a daily amount or rate above the ceiling, a single dose above the per-dose
ceiling, or an amount below the floor is refused, naming the field (most often a unit slip: mg
for mcg, g for mg, mcg for mg). An amount above ``flag_above`` is kept and flagged as a danger to
verify, and so is a rate above the largest single marketed unit (``largest_unit``: one patch;
an extra zero on a patch rate gives a plausible-looking total). A PRN line is judged by one
dose: one with none taken (a total of 0) is never refused for its 0 total, only for a dose below
the floor.

The refusal guesses a unit slip only when the ratio says so (``slip_guess``; fuzz review 5, D4:
a computed methadone breakthrough just below the floor was called "most likely mcg written for
mg"): the amount was written in the unit the slip names, and the same number in the other
unit — 1000× the other way — lies between the drug's floor and ceiling.
"""

from __future__ import annotations

from mps_pain.domain.per_hour_rate import PER_HOUR_SLIP, per_hour_caution
from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.staged_start import FIRST_PART_ABOVE_FULL
from mps_pain.errors import ImplausibleAmountError
from mps_pain.numbers import format_beside
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Plausibility
from mps_pain.unit_kinds import mass_unit_of
from mps_pain.units import Dimension, ParsedQuantity, UnitParseError, format_number, scale

__all__ = [
    "ABOVE_LARGEST_UNIT",
    "FAR_ABOVE_USUAL",
    "ROW_FLAGS",
    "SANITY_FLAGS",
    "amount_field",
    "plausibility_notes",
    "slip_guess",
]

FAR_ABOVE_USUAL = "amount-far-above-usual"
"""The code of the danger: an amount above the drug's ``flag_above`` (kept, to verify)."""
ABOVE_LARGEST_UNIT = "patch-above-largest-single"
"""The code of the danger: a rate above the largest single marketed patch (kept, to verify)."""
SANITY_FLAGS = (FAR_ABOVE_USUAL, ABOVE_LARGEST_UNIT, FIRST_PART_ABOVE_FULL)
"""The dangers of an amount kept but flagged: a row's notes with these codes (a staged first part
above its row's full dose is one: ``sub_amounts``)."""
ROW_FLAGS = (*SANITY_FLAGS, PER_HOUR_SLIP)
"""Every note of this rule on a row's amount: the dangers and the per-hour rate's caution
(``per_hour_rate``); a proposed row's are said of the proposed row (``check_flags``)."""

#: the unit a slip is written in → the unit meant (the amount 1000× smaller), and back
_SMALLER = {"g": "mg", "mg": "mcg"}
_LARGER = {"mcg": "mg"}
_SLIP_FACTOR = 1000.0  # mcg ↔ mg ↔ g


def amount_field(item: RegimenItem) -> str:
    """The field that holds the item's amount: dose, rate or daily_dose."""
    return {"scheduled": "dose", "prn": "dose", "continuous": "rate", "total": "daily_dose"}[
        item.shape
    ]


_FIELD_WORDS = {"dose": "the dose", "rate": "the rate", "daily_dose": "the daily total"}


def _in_unit(daily_mg_per_day: float, unit: str, bound: ParsedQuantity | None = None) -> str:
    """An amount in ``unit``; beside a ``bound`` it crossed, never read as the bound itself
    (``format_beside``, fuzz review 12 #2)."""
    value = daily_mg_per_day * scale("mg/day", unit)
    if bound is None:
        return f"{format_number(value)} {unit}"
    return f"{format_beside(value, bound.to(unit))} {unit}"


def _check_unit(item: RegimenItem, field: str) -> str:
    """The advice on a typed amount, naming its field in words (never ``'daily_dose'``); an
    amount in mL is made by the concentration too, so both are named (the refusal's location
    is the amount's field: a wrong concentration was told to check the rate alone)."""
    words = _FIELD_WORDS.get(field, "the amount")
    quantity = getattr(item, field, None)
    by_volume = quantity is not None and quantity.dimension in (
        Dimension.VOLUME,
        Dimension.VOLUME_RATE,
    )
    if by_volume and item.concentration is not None:
        return f"Check the unit of {words} and of the concentration."
    return f"Check the unit of {words}."


def _written_mass_unit(item: RegimenItem, field: str) -> str | None:
    """The mass unit the amount was written in ('mcg', 'mg', 'g'), None for a volume."""
    quantity = getattr(item, field)
    if quantity is None or quantity.dimension not in (Dimension.MASS, Dimension.MASS_RATE):
        return None
    try:
        return mass_unit_of(quantity.unit)  # what pint resolves the unit to, not its text
    except UnitParseError:
        return None


def slip_guess(
    item: RegimenItem, field: str, daily: float, bound: Plausibility, *, above: bool
) -> str:
    """', most likely a unit slip (mg written for mcg)' when the ratio suggests one, else ''.

    Above the ceiling: written in g or mg, and the amount 1000× smaller is at least the floor and
    not above the ceiling. Below the floor: written in mcg, and the amount 1000× larger is within
    the bounds. ``daily`` is the amount in mg/day."""
    written = _written_mass_unit(item, field)
    meant = (_SMALLER if above else _LARGER).get(written or "")
    if written is None or meant is None:
        return ""
    corrected = daily / _SLIP_FACTOR if above else daily * _SLIP_FACTOR
    floor = bound.refuse_below.to("mg/day") if bound.refuse_below is not None else 0.0
    if not floor <= corrected <= bound.refuse_above.to("mg/day"):
        return ""
    return f", most likely a unit slip ({written} written for {meant})"


def _check(drug: Drug, item: RegimenItem, daily: float, bound: Plausibility, where: str) -> None:
    field = amount_field(item)
    unit = bound.refuse_above.unit
    if daily > bound.refuse_above.to("mg/day"):
        raise ImplausibleAmountError(
            f"{_in_unit(daily, unit, bound.refuse_above)} of {drug.in_sentence} ({item.route}) "
            "is above "
            f"{bound.refuse_above} — far beyond any clinical dose"
            f"{slip_guess(item, field, daily, bound, above=True)}. {_check_unit(item, field)}",
            location=f"{where}.{field}",
        )
    dose_mg = item.dose_mg()
    ceiling = bound.refuse_dose_above
    if dose_mg is not None and ceiling is not None and dose_mg > ceiling.to("mg"):
        raise ImplausibleAmountError(
            f"one dose of {format_beside(dose_mg, ceiling.to('mg'))} mg of {drug.in_sentence} "
            f"({item.route}) is above "
            f"{ceiling} — far beyond any single clinical dose"
            f"{slip_guess(item, 'dose', daily, bound, above=True)}. {_check_unit(item, 'dose')}",
            location=f"{where}.dose",
        )
    floor = bound.refuse_below
    # an as-needed line is judged by one dose (a single dose taken in a day), not by the count,
    # so a line with none taken (a true 0 total) is judged by its dose; every other amount is
    # judged as it is, 0 included (never skipped because a step made it 0.0)
    one_dose = item.shape == "prn" and dose_mg is not None and dose_mg >= daily
    amount = max(daily, dose_mg or 0.0) if item.shape == "prn" else daily
    if floor is not None and amount < floor.to("mg/day"):
        # an as-needed line judged by its one dose is said per dose, never as "mg/day" (review
        # 3: "0.112 mg/day of Morphine" was one dose of 0.112 mg)
        shown, limit = _in_unit(amount, floor.unit, floor), str(floor)
        if one_dose:
            limit = f"{floor.to('mg/day'):g} mg"
            shown = f"one dose of {format_beside(amount, floor.to('mg/day'))} mg"
        slip = slip_guess(item, field, amount, bound, above=False)
        raise ImplausibleAmountError(
            f"{shown} of {drug.in_sentence} ({item.route}) is below {limit} — "
            f"less than any clinical dose{slip}. {_check_unit(item, field)}",
            location=f"{where}.{field}",
        )


def _above_largest_unit(
    tables: TableIndex, drug: Drug, item: RegimenItem, daily: float, bound: Plausibility, row: int
) -> ClinicalWarning | None:
    """A danger when a rate is above the largest single marketed unit (one patch): several
    patches, or an extra zero (review 7: '250' written for a 25 mcg/h patch gave 600 OME)."""
    largest = bound.largest_unit
    if largest is None or daily <= largest.rate.to("mg/day"):
        return None
    unit = largest.rate.unit
    field = _FIELD_WORDS[amount_field(item)]
    return ClinicalWarning(
        code=ABOVE_LARGEST_UNIT,
        severity="danger",
        message=f"Row {row + 1}: {field} {_in_unit(daily, unit, largest.rate)} of "
        f"{drug.in_sentence} "
        f"({item.route}) "
        f"is above the largest single patch, {largest.rate}. If one patch was meant, this is "
        f"most likely an extra zero (×10: {_in_unit(daily / 10, unit)}); if several patches are "
        f"worn, confirm that they add up to {_in_unit(daily, unit)}. Verify {field} before "
        "using any number here.",
        source=tables.cite(largest.citation),
        item=row,
    )


def plausibility_notes(
    tables: TableIndex, drug: Drug, item: RegimenItem, daily: float, position: int
) -> tuple[ClinicalWarning, ...]:
    """Raise ImplausibleAmountError for an impossible amount; a danger note for a flagged one."""
    where = f"items[{position}]"
    notes = []
    for bound in drug.plausibility:
        if bound.routes is not None and item.route not in bound.routes:
            continue
        _check(drug, item, daily, bound, where)
        unit_note = _above_largest_unit(tables, drug, item, daily, bound, position)
        notes += [unit_note] if unit_note is not None else []
        per_hour = per_hour_caution(tables, drug, item, daily, bound, position)
        notes += [per_hour] if per_hour is not None else []
        flag = bound.flag_above
        if flag is not None and daily > flag.to("mg/day"):
            notes.append(
                ClinicalWarning(
                    code=FAR_ABOVE_USUAL,
                    severity="danger",
                    message=f"Row {position + 1}: {_in_unit(daily, flag.unit, flag)} of "
                    f"{drug.in_sentence} "
                    f"({item.route}) is above {flag}, far above the doses usually given. "
                    "Verify the dose and its unit before using any number here.",
                    source=tables.cite(bound.citation),
                    item=position,
                )
            )
    return tuple(notes)
