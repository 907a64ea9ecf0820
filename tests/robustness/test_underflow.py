"""Outside fuzz review 3, D1: an amount that underflows to zero is refused, never counted as 0.

5e-324 mcg is a positive number, but 5e-324 mcg in mg is 0.0 in binary floating point, and
1e-200 mL × 1e-200 mg/mL is 0.0 too: the old code counted both as exactly 0 mg/day and
skipped the drug's floor because the amount was 0. The class: every step on a dose (unit
conversion, volume × concentration, per-day scaling) stays finite and, for a nonzero input,
nonzero and within the drug's plausibility bounds, or the input is refused naming the field.
Reproducers: /work/review3/fuzz/repro/D1-*.json. The amounts are JSON numbers: written as text
in exponent notation ("5e-324 mcg") they are refused before they are read (pharmacist review 5b,
item 6; tests/robustness/test_exponent_notation_refused.py).
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.normalise import normalise_item
from mps_pain.domain.regimen import RegimenItem
from mps_pain.errors import ImplausibleAmountError, InputError
from mps_pain.tables.loader import get_tables
from mps_pain.unit_kinds import UnitKind, allowed_units
from mps_pain.units import ParsedQuantity
from mps_pain.validation import validate_model
from tests.cli_runner import run_cli, run_document

TABLES = get_tables()

_MORPHINE = {"drug": "morphine", "route": "oral", "frequency": "q12h"}
_REFUSED_DOCUMENTS = {
    "subnormal-mixed": (
        {
            "table": "fpm-2021",
            "items": [
                {**_MORPHINE, "dose": "60 mg"},
                {
                    "drug": "oxycodone",
                    "route": "oral",
                    "dose": {"value": 5e-324, "unit": "mcg"},
                    "frequency": "q12h",
                },
            ],
        },
        "items[1].dose",
    ),
    "subnormal-tramadol": (
        {
            "table": "cdc-2018-research",
            "prn": "include",
            "items": [
                {
                    "drug": "tramadol",
                    "route": "oral",
                    "dose": {"value": 5e-324, "unit": "mcg"},
                    "frequency": "q12h",
                }
            ],
        },
        "items[0].dose",
    ),
    "underflow-product": (
        {
            "table": "fpm-2021",
            "items": [
                {
                    **_MORPHINE,
                    "dose": {"value": 1e-200, "unit": "mL"},
                    "concentration": {"value": 1e-200, "unit": "mg/mL"},
                }
            ],
        },
        "items[0].",
    ),
    "daily-dose": (
        {
            "items": [
                {
                    "drug": "oxycodone",
                    "route": "iv",
                    "daily_dose": {"value": 5e-324, "unit": "micrograms"},
                }
            ]
        },
        "items[0].daily_dose",
    ),
    "daily-dose-per-day": (
        {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "daily_dose": {"value": 5e-324, "unit": "mcg/day"},
                }
            ]
        },
        "items[0].daily_dose",
    ),
    "sc-rate": (
        {
            "items": [
                {"drug": "morphine", "route": "sc", "rate": {"value": 5e-324, "unit": "mcg/h"}}
            ]
        },
        "items[0].rate",
    ),
    "sc-rate-volume": (
        {
            "items": [
                {
                    "drug": "morphine",
                    "route": "sc",
                    "rate": {"value": 1e-200, "unit": "mL/h"},
                    "concentration": {"value": 1e-200, "unit": "mg/mL"},
                }
            ]
        },
        "items[0].",
    ),
    "as-needed": (
        {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "prn": True,
                    "dose": {"value": 5e-324, "unit": "mcg"},
                    "doses_per_day": 4,
                }
            ]
        },
        "items[0].dose",
    ),
    "as-needed-none-taken": (
        {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "prn": True,
                    "dose": {"value": 5e-324, "unit": "mcg"},
                    "doses_per_day": 0,
                }
            ]
        },
        "items[0].dose",
    ),
    "as-needed-none-taken-tiny-dose": (
        {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "prn": True,
                    "dose": "0.001 mcg",
                    "doses_per_day": 0,
                }
            ]
        },
        "items[0].dose",
    ),
    "non-opioid": (
        {
            "items": [
                {**_MORPHINE, "dose": "10 mg"},
                {
                    "drug": "acetaminophen",
                    "route": "oral",
                    "dose": {"value": 5e-324, "unit": "mcg"},
                    "frequency": "q6h",
                },
            ]
        },
        "items[1].dose",
    ),
}


@pytest.mark.parametrize("name", sorted(_REFUSED_DOCUMENTS))
def test_mme_refuses_an_amount_that_underflows_naming_the_field(name: str) -> None:
    document, location = _REFUSED_DOCUMENTS[name]
    done = run_document("mme", document, "--json")
    assert done.returncode == 2, done.stdout
    error = json.loads(done.stdout)["error"] if done.stdout.strip() else None
    shown = error["location"] if error else done.stderr
    assert location in shown, (shown, done.stdout, done.stderr)
    assert "Total" not in done.stdout


@pytest.mark.parametrize("name", ["subnormal-mixed", "underflow-product", "sc-rate"])
def test_a_batch_line_that_underflows_is_an_error_line(name: str) -> None:
    document, location = _REFUSED_DOCUMENTS[name]
    done = run_cli("mme", "--batch", "-", stdin=json.dumps(document) + "\n")
    line = json.loads(done.stdout.splitlines()[0])
    assert "error" in line, line
    assert line["error"]["location"].startswith(location), line


def test_rotate_refuses_a_from_amount_that_underflows() -> None:
    document = {
        "from": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "ER",
                    "dose": "30 mg",
                    "frequency": "q12h",
                },
                {
                    "drug": "oxycodone",
                    "route": "oral",
                    "form": "ER",
                    "dose": {"value": 1e-200, "unit": "mL"},
                    "concentration": {"value": 1e-200, "unit": "mg/mL"},
                    "frequency": "q12h",
                },
            ]
        },
        "to": {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        "table": "uk-palliative",
    }
    done = run_document("rotate", document)
    assert done.returncode == 2, done.stdout
    assert "from.items[1]." in done.stderr
    assert "New regimen" not in done.stdout


# --- the property: any positive finite amount, any opioid route and dosing shape -------------

_BOUNDED_ROWS = [
    (drug.id, route, bound)
    for drug in TABLES.tables.drugs
    for bound in drug.plausibility
    for route in (bound.routes or drug.routes)
    if route in drug.routes and route != "transdermal"
]
_POSITIVE = st.one_of(
    st.floats(min_value=0.0, exclude_min=True, allow_infinity=False, allow_subnormal=True),
    st.builds(lambda m, e: m * 10.0**e, st.floats(1.0, 9.99), st.integers(-330, 15)),
)


# built once: a strategy written inside a composite is a new one, validated afresh, every draw
_ROWS = st.sampled_from(_BOUNDED_ROWS)
_SHAPES = st.sampled_from(["scheduled", "prn", "continuous", "total"])
_KINDS = {"scheduled": UnitKind.DOSE, "prn": UnitKind.DOSE, "continuous": UnitKind.RATE}
_UNITS = {
    shape: st.sampled_from(allowed_units(_KINDS.get(shape, UnitKind.DAILY_TOTAL)))
    for shape in ("scheduled", "prn", "continuous", "total")
}
_STRENGTH_UNITS = st.sampled_from(["mg/mL", "mcg/mL"])
_FREQUENCIES = st.sampled_from(["q4h", "q12h", "daily", "weekly"])
_TAKEN = st.sampled_from([0, 1 / 7, 1, 4, 96])


def _quantity(value: float, unit: str) -> str:
    return f"{value!r} {unit}"


@st.composite
def _items(draw: st.DrawFn) -> tuple[dict[str, Any], Any]:
    drug, route, bound = draw(_ROWS)
    shape = draw(_SHAPES)
    raw: dict[str, Any] = {"drug": drug, "route": route}
    unit = draw(_UNITS[shape])
    field = {"continuous": "rate", "total": "daily_dose"}.get(shape, "dose")
    raw[field] = _quantity(draw(_POSITIVE), unit)
    if unit.startswith("mL"):
        raw["concentration"] = _quantity(draw(_POSITIVE), draw(_STRENGTH_UNITS))
    if shape == "scheduled":
        raw["frequency"] = draw(_FREQUENCIES)
    if shape == "prn":
        raw |= {"prn": True, "doses_per_day": draw(_TAKEN)}
    return raw, bound


@settings(max_examples=300, deadline=None)
@given(case=_items())
def test_any_positive_amount_is_within_bounds_or_refused_naming_the_field(
    case: tuple[dict[str, Any], Any],
) -> None:
    raw, bound = case
    try:
        item = validate_model(RegimenItem, raw, known_keys=set(raw), prefix="items[0]")
        daily = normalise_item(TABLES, 0, item)
    except InputError as refused:
        assert refused.location is not None
        assert refused.location_path[:2] == ("items", 0)
        assert refused.location_path[2:3][0] in raw, refused.location
        return
    amount = daily.daily_mg_per_day
    assert math.isfinite(amount)
    assert amount <= bound.refuse_above.to("mg/day")
    if raw.get("doses_per_day") == 0:
        assert amount == 0.0
        amount = item.dose_mg() or 0.0
    assert amount > 0.0
    if bound.refuse_below is not None:
        one_dose = item.dose_mg() if item.shape == "prn" else None
        assert max(amount, one_dose or 0.0) >= bound.refuse_below.to("mg/day")


def test_the_normaliser_refuses_an_underflow_that_passed_no_field_check() -> None:
    """The engine does not rely on the field's bound: an item built without validation (as a
    caller inside the program could) is still refused at the step that underflows."""
    valid = RegimenItem(drug="morphine", route="oral", dose="10 mg", frequency="q12h")
    item = valid.model_copy(update={"dose": ParsedQuantity(5e-324, "mcg")})  # not validated
    with pytest.raises(ImplausibleAmountError) as refused:
        normalise_item(TABLES, 3, item)
    assert refused.value.location == "items[3].dose"
