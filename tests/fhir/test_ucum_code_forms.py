"""Fuzz review 18, D6: the valid UCUM code ``ug.h-1`` (a product with an exponent) and
``mg{tablet}`` (a unit with an annotation) were refused as "not a UCUM unit we read", while
docs/fhir.md says the UCUM ``code`` is what is read. Each UCUM spelling of a unit is read as that
unit: the total is the same as for the plain spelling."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run_cli
from tests.fhir.conftest import CASES

PATCH_CASE = json.loads((CASES / "fentanyl-patch.fhir.json").read_text(encoding="utf-8"))


def _total(tmp_path: Path, ident: str, quantity: dict[str, Any]) -> str:
    bundle = copy.deepcopy(PATCH_CASE)
    order = next(e["resource"] for e in bundle["entry"] if e["resource"].get("id") == ident)
    order["dosageInstruction"][0]["doseAndRate"] = [quantity]
    file = tmp_path / "edited.fhir.json"
    file.write_text(json.dumps(bundle), encoding="utf-8")
    done = run_cli("mme", "--fhir", str(file), "--table", "cdc-2022", "--json")
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["total_mme_per_day"])


def _rate(value: float, code: str) -> dict[str, Any]:
    ucum = "http://unitsofmeasure.org"
    return {"rateQuantity": {"value": value, "system": ucum, "code": code}}


def _dose(value: float, code: str) -> dict[str, Any]:
    ucum = "http://unitsofmeasure.org"
    return {"doseQuantity": {"value": value, "system": ucum, "code": code}}


@pytest.mark.parametrize(
    ("ident", "written", "plain"),
    [
        ("patch", _rate(25, "ug.h-1"), _rate(25, "ug/h")),
        ("patch", _rate(600, "ug.d-1"), _rate(25, "ug/h")),
        ("patch", _rate(0.025, "mg.h-1"), _rate(25, "ug/h")),
        ("patch", _rate(25, "ug{patch}/h"), _rate(25, "ug/h")),
        ("rescue", _dose(5, "mg{tablet}"), _dose(5, "mg")),
        ("rescue", _dose(5000, "ug{tablet}"), _dose(5, "mg")),
    ],
)
def test_a_ucum_spelling_reads_as_its_unit(
    tmp_path: Path, ident: str, written: dict[str, Any], plain: dict[str, Any]
) -> None:
    assert _total(tmp_path, ident, written) == _total(tmp_path, ident, plain)


@pytest.mark.parametrize("code", ["ug.h-2", "ug.h", "h-1", "ug.h-x"])
def test_a_ucum_expression_of_another_kind_is_still_refused(tmp_path: Path, code: str) -> None:
    bundle = copy.deepcopy(PATCH_CASE)
    order = next(e["resource"] for e in bundle["entry"] if e["resource"].get("id") == "patch")
    order["dosageInstruction"][0]["doseAndRate"] = [_rate(25, code)]
    file = tmp_path / "edited.fhir.json"
    file.write_text(json.dumps(bundle), encoding="utf-8")
    done = run_cli("mme", "--fhir", str(file), "--table", "cdc-2022")
    assert done.returncode == 2 and "rateQuantity" in done.stderr, done.stderr
