"""Building blocks of generated exercises: a regimen item for a factor row of a set.

The amounts are picked from the catalogue (marketed strengths, patch sizes) or, where the
catalogue lists none (codeine, infusions), from a daily oral morphine amount divided by the row's
own factor and made a round number. These are *inputs* of an exercise; every answer comes from
the planner when the exercise is graded.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from mps_pain.domain.memo import remembered
from mps_pain.domain.regimen import RegimenItem
from mps_pain.presentation.orders import order_line
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Factor, Form, ReferenceSet
from mps_pain.unit_kinds import mass_unit_of
from mps_pain.units import format_number

__all__ = ["Row", "describe_item", "item_for", "nice", "prn_item_for", "rows_of"]

# Daily oral morphine amounts (mg/day) an exercise starts from when the catalogue lists no
# strength: ordinary palliative doses, chosen to give round numbers (not clinical rules).
OME_CHOICES = (30, 40, 45, 60, 80, 90, 120, 150, 180, 240)
_NICE_TENTHS = (10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 80, 100)
_MASS_UNITS = ("mg", "mcg", "g")


@dataclass(frozen=True)
class Row:
    """One (drug, route) a set has a factor for, with the forms the row names."""

    drug: str
    route: str
    forms: tuple[str, ...] | None
    per: str


def rows_of(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    """Every (drug, route) pair of the set, once, in table order, whose doses can be drawn: a
    drug whose labelled maximum daily dose no reviewed source gives (``max_daily_not_found``,
    e.g. codeine) is left out rather than drawn without a ceiling (outside pharmacist review,
    2 December: dihydrocodeine 800 mg/day); a cited maximum bounds the draw
    (``generate.above_a_cited_maximum``).

    A pure function of the table and the set: remembered per table for a set that is the
    table's own (each exercise drawn asked it again: ~30,000 walks of a set's rows in the
    practice tests); the caller gets its own list."""
    if tables.sets.get(set_.id) is not set_:
        return _rows_of(tables, set_)
    return list(
        remembered(
            tables, "practice.rows_of", set_.id, lambda: tuple(_rows_of(tables, set_)), _SETS_KEPT
        )
    )


_SETS_KEPT = 64
"""Sets whose rows are remembered per table (a table has a handful)."""


def _rows_of(tables: TableIndex, set_: ReferenceSet) -> list[Row]:
    seen: set[tuple[str, str]] = set()
    rows: list[Row] = []
    uncapped = {d.id for d in tables.tables.drugs if d.max_daily_not_found is not None}
    for factor in set_.factors:
        if factor.drug in uncapped:
            continue
        for route in factor.routes:
            if (factor.drug, route) in seen:
                continue
            seen.add((factor.drug, route))
            forms = tuple(factor.forms) if factor.forms else None
            rows.append(Row(factor.drug, route, forms, factor.per))
    return rows


def nice(value: float) -> float:
    """The nearest 'round' amount (one of ``_NICE_TENTHS`` / 10, times a power of ten)."""
    exponent = math.floor(math.log10(value))
    base = 10.0 ** (exponent - 1)
    best = min(_NICE_TENTHS, key=lambda n: abs(n * base - value))
    return float(format_number(best * base, 6))


def _forms(drug: Drug, row: Row) -> list[Form]:
    return [
        f for f in drug.forms if row.route in f.routes and (row.forms is None or f.id in row.forms)
    ]


def _mass_strengths(form: Form) -> tuple[str, list[float]] | None:
    values: set[float] = set()
    unit = None
    for s in form.strengths:
        if str(s.unit) in (*_MASS_UNITS, "mcg/h"):
            unit = str(s.unit)
            values.update(s.values)
    return (unit, sorted(values)) if unit and values else None


def _factor_for(set_: ReferenceSet, row: Row) -> Factor:
    return next(f for f in set_.factors if f.drug == row.drug and row.route in f.routes)


def _scheduled_frequency(form_id: str, rng: random.Random) -> str:
    if form_id == "er":
        return "q12h"
    if form_id == "ir":
        return rng.choice(("q4h", "q6h"))
    return rng.choice(("tid", "q8h", "bid"))


def item_for(tables: TableIndex, set_: ReferenceSet, row: Row, rng: random.Random) -> RegimenItem:
    """A regular (not as-needed) item of ``row``: a patch, an infusion or a scheduled dose."""
    drug = tables.resolve_drug(row.drug, location=None)
    forms = _forms(drug, row)
    if row.route == "transdermal":
        form = forms[0] if forms else None
        strengths = _mass_strengths(form) if form else None
        sizes = strengths[1] if strengths else [25.0]
        rate = rng.choice(sizes[:5])
        return RegimenItem.model_validate(
            {
                "drug": row.drug,
                "route": row.route,
                "form": form.id if form else None,
                "rate": f"{format_number(rate)} mcg/h",
            }
        )
    factor = _factor_for(set_, row)
    mass_unit = mass_unit_of(row.per)
    daily = rng.choice(OME_CHOICES) / factor.factor  # in the row's own unit per day
    if row.route in ("iv", "sc"):
        rate = nice(daily / 24)
        injection = next((f.id for f in forms if f.id == "injection"), None)
        return RegimenItem.model_validate(
            {
                "drug": row.drug,
                "route": row.route,
                "form": injection or (forms[0].id if forms else None),
                "rate": f"{format_number(rate)} {mass_unit}/h",
            }
        )
    with_strengths = [(f, s) for f in forms if (s := _mass_strengths(f)) is not None]
    preferred = [fs for fs in with_strengths if fs[0].id == "er"] or with_strengths
    if preferred and row.route != "im":
        form, (unit, values) = rng.choice(preferred)
        frequency = _scheduled_frequency(form.id, rng)
        dose = rng.choice(values[:4]) * rng.choice((1, 1, 2))
        return RegimenItem.model_validate(
            {
                "drug": row.drug,
                "route": row.route,
                "form": form.id,
                "dose": f"{format_number(dose)} {unit}",
                "frequency": frequency,
            }
        )
    frequency = "q4h" if row.route == "im" else "qid"
    per_dose = nice(daily / (6 if row.route == "im" else 4))
    form_id = forms[0].id if forms else None
    return RegimenItem.model_validate(
        {
            "drug": row.drug,
            "route": row.route,
            "form": form_id,
            "dose": f"{format_number(per_dose)} {mass_unit}",
            "frequency": frequency,
        }
    )


def prn_item_for(
    tables: TableIndex, row: Row, rng: random.Random, doses_taken: int
) -> RegimenItem | None:
    """An as-needed immediate-release dose of the row's drug, or None when it has no IR form."""
    drug = tables.resolve_drug(row.drug, location=None)
    form = next((f for f in drug.forms if f.id == "ir" and row.route in f.routes), None)
    if form is None:
        return None
    strengths = _mass_strengths(form)
    if strengths is None:
        return None
    unit, values = strengths
    return RegimenItem.model_validate(
        {
            "drug": row.drug,
            "route": row.route,
            "form": form.id,
            "prn": True,
            "dose": f"{format_number(rng.choice(values[:2]))} {unit}",
            "doses_per_day": doses_taken,
        }
    )


def describe_item(item: RegimenItem) -> str:
    """``oxycodone oral ER 20 mg q12h`` — how a prompt names one item: the order as the plan,
    the check and the PDFs write it (one wording: the prompt said "fentanyl transdermal patch
    62.5 mcg/h patch" and "60 mg/day in total per day"), with the item's note."""
    text = order_line(item)
    return text if item.note is None else f"{text} ({item.note})"
