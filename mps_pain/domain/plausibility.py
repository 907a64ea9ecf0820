"""Software sanity bounds on each entered amount (``drugs[].plausibility``): not clinical maxima.

Per drug and route: a daily amount or rate above the ceiling, a single dose above the per-dose
ceiling, or an amount below the floor is refused, naming the field (most often a unit slip: mg
for mcg, g for mg, mcg for mg). An amount above ``flag_above`` is kept and flagged as a danger to
verify. A PRN line is judged by one dose: one with none taken (a total of 0) is never refused
for its 0 total, only for a dose below the floor.
"""

from __future__ import annotations

from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import ImplausibleAmountError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Plausibility
from mps_pain.units import format_number, scale

__all__ = ["amount_field", "plausibility_notes"]

_SLIP = "most likely a unit slip (mg written for mcg, or g for mg)"


def amount_field(item: RegimenItem) -> str:
    """The field that holds the item's amount: dose, rate or daily_dose."""
    return {"scheduled": "dose", "prn": "dose", "continuous": "rate", "total": "daily_dose"}[
        item.shape
    ]


_FIELD_WORDS = {"dose": "the dose", "rate": "the rate", "daily_dose": "the daily total"}


def _in_unit(daily_mg_per_day: float, unit: str) -> str:
    return f"{format_number(daily_mg_per_day * scale('mg/day', unit))} {unit}"


def _check_unit(field: str) -> str:
    """The advice on a typed amount, naming its field in words (never ``'daily_dose'``)."""
    return f"Check the unit of {_FIELD_WORDS.get(field, 'the amount')}."


def _check(drug: Drug, item: RegimenItem, daily: float, bound: Plausibility, where: str) -> None:
    field = amount_field(item)
    unit = bound.refuse_above.unit
    if daily > bound.refuse_above.to("mg/day"):
        raise ImplausibleAmountError(
            f"{_in_unit(daily, unit)} of {drug.name} ({item.route}) is above "
            f"{bound.refuse_above} — far beyond any clinical dose, {_SLIP}. "
            f"{_check_unit(field)}",
            location=f"{where}.{field}",
        )
    dose_mg = item.dose_mg()
    ceiling = bound.refuse_dose_above
    if dose_mg is not None and ceiling is not None and dose_mg > ceiling.to("mg"):
        raise ImplausibleAmountError(
            f"one dose of {format_number(dose_mg)} mg of {drug.name} ({item.route}) is above "
            f"{ceiling} — far beyond any single clinical dose, {_SLIP}. {_check_unit('dose')}",
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
        shown, limit = _in_unit(amount, floor.unit), str(floor)
        if one_dose:
            shown, limit = f"one dose of {format_number(amount)} mg", f"{floor.to('mg/day'):g} mg"
        raise ImplausibleAmountError(
            f"{shown} of {drug.name} ({item.route}) is below {limit} — "
            f"less than any clinical dose, most likely mcg written for mg. {_check_unit(field)}",
            location=f"{where}.{field}",
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
        flag = bound.flag_above
        if flag is not None and daily > flag.to("mg/day"):
            notes.append(
                ClinicalWarning(
                    code="amount-far-above-usual",
                    severity="danger",
                    message=f"Row {position + 1}: {_in_unit(daily, flag.unit)} of {drug.name} "
                    f"({item.route}) is above {flag}, far above the doses usually given. "
                    "Verify the dose and its unit before using any number here.",
                    source=tables.cite(bound.citation),
                    item=position,
                )
            )
    return tuple(notes)
