"""Fuzz review 18d, D5 (18c, carried): valid UCUM codes for a patch rate (``ng/h``, ``mg/wk``,
``mg/(24.h)``, ``10*-3.mg/h``, ``10*-6.g/h``) were refused by the FHIR import. UCUM codes are now
parsed as UCUM writes them (``mps_pain.fhir.ucum``: terms joined by "." and "/", read left to
right, brackets, integer factors, powers of ten, prefixes, annotations), then taken through the
one pint registry; a code of a kind that makes no sense for the field is still refused.

UCUM reads ``/`` and ``.`` left to right with one precedence: ``ug/60.min`` is (µg/60)·min and
``ug/24.h`` is (µg/24)·h, a mass times a time, not a rate (UCUM writes a rate per 24 hours
``/(24.h)``); both are refused for a rate, never read as the rate they may have meant.

The total is unit-invariant: the same patch rate in each accepted code gives the same total."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.fhir.ucum import UcumError, read_ucum
from mps_pain.services.mme_service import calculate_mme
from tests.fhir.conftest import CASES, run

PATCH_CASE = json.loads((CASES / "fentanyl-patch.fhir.json").read_text(encoding="utf-8"))

#: a patch rate in µg/h → (code, value in that code): each UCUM code of a mass rate
RATE_CODES: dict[str, Callable[[float], float]] = {
    "ug/h": lambda r: r,
    "ng/h": lambda r: r * 1000,
    "mg/wk": lambda r: r * 168 / 1000,
    "mg/(24.h)": lambda r: r * 24 / 1000,
    "10*-3.mg/h": lambda r: r,
    "10*-6.g/h": lambda r: r,
    "ug.h-1": lambda r: r,
    "mg/d": lambda r: r * 24 / 1000,
    "ug/min": lambda r: r / 60,
    "ug/(60.min)": lambda r: r,
}


def _with_rate(value: float, code: str) -> dict[str, Any]:
    document = json.loads(json.dumps(PATCH_CASE))
    patch = next(e["resource"] for e in document["entry"] if e["resource"].get("id") == "patch")
    ucum = "http://unitsofmeasure.org"
    quantity = {"value": value, "system": ucum, "code": code}
    patch["dosageInstruction"][0]["doseAndRate"] = [{"rateQuantity": quantity}]
    return document


def _total(value: float, code: str) -> float:
    imported = run(_with_rate(value, code))
    assert imported.refused == [], imported.refused
    return calculate_mme(imported.document, table_id="cdc-2022").total_mme_per_day


#: patch rates as delivered; a label ("12", "37" mcg/h: ``domain.patch_labels``) is read as the
#: rate it delivers only when written in mcg/h, as prescribers write it, so it is not drawn here
RATES = [12.5, 25.0, 37.5, 50.0, 62.5, 75.0, 87.5, 100.0, 150.0]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(RATES), st.sampled_from(list(RATE_CODES)))
def test_the_same_patch_rate_in_each_accepted_code_gives_the_same_total(
    rate: float, code: str
) -> None:
    assert _total(RATE_CODES[code](rate), code) == pytest.approx(_total(rate, "ug/h"), rel=1e-9)


@pytest.mark.parametrize(
    "code",
    ["ug/60.min", "ug/24.h", "ug.h", "ug", "ug/h/d", "mL/h", "ug/H", "UG/H", "10*-3", "{patch}"],
)
def test_a_code_that_is_no_mass_rate_is_refused_for_a_patch_rate(code: str) -> None:
    imported = run(_with_rate(25, code))
    assert len(imported.refused) == 1, imported.refused  # by its unit: bad-unit or no-unit
    assert imported.document.items == [] or all(
        item.route != "transdermal" for item in imported.document.items
    )


@pytest.mark.parametrize(
    ("code", "factor", "unit"),
    [
        ("mg/(24.h)", 1 / 24, "milligram/(hour)"),
        ("ug/60.min", 1 / 60, "microgram*minute"),
        ("10*-3.mg/h", 1e-3, "milligram/(hour)"),
        ("/h", 1.0, "1/(hour)"),
        ("mL/min/{1.73_m2}", 1.0, "milliliter/(minute)"),
        ("mg{tablet}", 1.0, "milligram"),
        ("dL", 1.0, "deciliter"),
        ("d", 1.0, "day"),
        ("kg.m-2", 1.0, "kilogram/(meter*meter)"),
    ],
)
def test_ucum_is_read_left_to_right_with_brackets_factors_and_prefixes(
    code: str, factor: float, unit: str
) -> None:
    read = read_ucum(code)
    assert read.factor == pytest.approx(factor) and read.unit == unit


@pytest.mark.parametrize("code", ["mcg/h", "mg/day", "ug/hr", "ug/h)", "(ug/h", "mg//h", "ug.", ""])
def test_what_is_not_ucum_is_said_so(code: str) -> None:
    with pytest.raises(UcumError):
        read_ucum(code)


def _with_rescue_dose(value: float, code: str) -> dict[str, Any]:
    document = json.loads(json.dumps(PATCH_CASE))
    rescue = next(e["resource"] for e in document["entry"] if e["resource"].get("id") == "rescue")
    ucum = "http://unitsofmeasure.org"
    quantity = {"value": value, "system": ucum, "code": code}
    rescue["dosageInstruction"][0]["doseAndRate"] = [{"doseQuantity": quantity}]
    return document


@pytest.mark.parametrize(
    ("value", "code"), [(5, "mg"), (5, "10*-3.g"), (5000, "ug"), (5e6, "ng"), (0.005, "g")]
)
def test_a_dose_in_any_ucum_mass_gives_the_same_total(value: float, code: str) -> None:
    imported = run(_with_rescue_dose(value, code))
    assert imported.refused == [], imported.refused
    total = calculate_mme(imported.document, table_id="cdc-2022").total_mme_per_day
    plain = calculate_mme(run(_with_rescue_dose(5, "mg")).document, table_id="cdc-2022")
    assert total == pytest.approx(plain.total_mme_per_day, rel=1e-9)


@pytest.mark.parametrize("code", ["mg/h", "mg.h", "10*-3", "mg/(24.h)"])
def test_a_code_that_is_no_mass_is_refused_for_a_dose(code: str) -> None:
    assert len(run(_with_rescue_dose(5, code)).refused) == 1


@pytest.mark.parametrize(
    ("code", "meant"), [("ug/60.min", "ug/(60.min)"), ("ug/24.h", "ug/(24.h)")]
)
def test_a_rate_written_without_its_brackets_is_told_how_ucum_writes_it(
    code: str, meant: str
) -> None:
    (refused,) = run(_with_rate(25, code)).refused
    assert "left to right" in refused.message and f"“{meant}”" in refused.message, refused.message
