"""Fuzz review 15, D11: a refusal's example is of the field's own kind, from its allowed units.

``"concentration": "10 mg/5 mL"`` (the label form of an oral solution) was refused "write one
number and a unit, e.g. '10 mg'": a dose offered as the example of a concentration, and so was
``"0.2 %"``. The example of every refusal of a quantity field comes from one place
(``unit_kinds.example_of``), whose unit is one of the field's allowed units; a concentration
written per N mL is refused with its value per mL.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from mps_pain.unit_kinds import UnitKind, allowed_units, check_unit, example_of
from mps_pain.units import UnitParseError, parse_quantity
from tests.robustness.cli import call

_EXAMPLE = re.compile(r"(?:e\.g\.|such as) '([^']*)'")

FIELDS: dict[str, tuple[UnitKind, dict[str, Any]]] = {
    "dose": (UnitKind.DOSE, {"frequency": "q12h"}),
    "rate": (UnitKind.RATE, {"drug": "morphine", "route": "sc"}),
    "daily_dose": (UnitKind.DAILY_AMOUNT, {}),
    "concentration": (UnitKind.CONCENTRATION, {"dose": "5 mL", "frequency": "q4h"}),
    "patient.weight": (UnitKind.BODY_MASS, {"dose": "10 mg", "frequency": "q12h"}),
    "patient.egfr": (UnitKind.KIDNEY_FUNCTION, {"dose": "10 mg", "frequency": "q12h"}),
    "patient.qtc": (UnitKind.TIME_SPAN, {"dose": "10 mg", "frequency": "q12h"}),
}
TYPED = [
    "10 mg/5 mL",
    "0.2 %",
    "10 mg;",
    "10 mg/",
    "10 1mg",
    "10e1 mg",
    "mg",
    "x",
    "1" * 70 + " mg",
    "10 u",
    {"value": 10, "unit": 5},
    {"value": 10},
    [10, "mg"],
    True,
]


def _document(field: str, value: Any) -> dict[str, Any]:
    rest = FIELDS[field][1]
    item = {"drug": "oxycodone", "route": "oral", **rest}
    if field.startswith("patient."):
        return {"items": [item], "patient": {field.removeprefix("patient."): value}}
    return {"items": [{**item, field: value}]}


def _of_kind(example: str, kind: UnitKind) -> bool:
    unit = example
    if example[:1].isdigit():
        try:
            unit = parse_quantity(example).unit
        except (UnitParseError, ValueError):
            return False
    try:
        check_unit(unit, kind)
    except UnitParseError:
        return False
    return True


@pytest.mark.parametrize("kind", list(UnitKind))
def test_each_kind_has_an_example_in_its_own_units(kind: UnitKind) -> None:
    example = example_of(kind)
    assert parse_quantity(example).value > 0
    assert check_unit(parse_quantity(example).unit, kind) in allowed_units(kind)


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize("typed", TYPED, ids=repr)
def test_a_refusal_gives_an_example_of_the_field_s_own_kind(field: str, typed: Any) -> None:
    kind = FIELDS[field][0]
    outcome = call(["mme", "-", "--json"], json.dumps(_document(field, typed)))
    assert outcome.returncode == 2, (field, typed, outcome.stdout[:100])
    error = json.loads(outcome.stdout)["error"]
    assert error["location"] == (field if "." in field else f"items[0].{field}"), error
    for example in _EXAMPLE.findall(error["message"]):
        assert _of_kind(example, kind), (kind.value, error["message"])


@pytest.mark.parametrize(
    ("typed", "per_ml"),
    [("10 mg/5 mL", "2 mg/mL"), ("1 mg / 2 mL", "0.5 mg/mL"), ("500 mcg/10 mL", "50 mcg/mL")],
)
def test_a_concentration_per_n_ml_is_refused_with_its_value_per_ml(typed: str, per_ml: str) -> None:
    outcome = call(["mme", "-", "--json"], json.dumps(_document("concentration", typed)))
    assert outcome.returncode == 2
    error = json.loads(outcome.stdout)["error"]
    assert error["location"] == "items[0].concentration"
    assert f"'{per_ml}'" in error["message"], error["message"]
