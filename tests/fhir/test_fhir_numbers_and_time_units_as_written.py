"""A FHIR order's numbers are JSON numbers and its units of time are FHIR's codes, as FHIR writes
them, whether or not the reading uses them (review 16, N2-small, still present in fuzz review 17:
``periodUnit: "H"`` and ``rateQuantity.value: "25"`` were read, the text coerced to a number by
the FHIR library, where the regimen reader refuses ``{"value": "10"}``). Each is refused at its
element, the order alone."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run_cli
from tests.fhir.conftest import CASES

FUZZ17 = Path(__file__).parent / "fixtures" / "fuzz17"
PATCH_CASE = json.loads((CASES / "fentanyl-patch.fhir.json").read_text(encoding="utf-8"))


def _order(bundle: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(e["resource"] for e in bundle["entry"] if e["resource"].get("id") == ident)


@pytest.mark.parametrize(
    ("name", "element"),
    [
        ("fhir-patch-periodUnit-H.fhir.json", "timing.repeat.periodUnit"),
        ("fhir-rate-value-string-25.fhir.json", "rateQuantity.value"),
    ],
)
def test_the_reviews_files_are_refused_at_the_element(name: str, element: str) -> None:
    run = run_cli("mme", "--fhir", str(FUZZ17 / name), "--table", "fpm-2021")
    assert run.returncode == 2, run.stdout[:300]
    assert element in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr


EDITS = [
    ("patch", ("timing", "repeat", "periodUnit"), "H", "periodUnit"),
    ("patch", ("timing", "repeat", "periodUnit"), "hours", "periodUnit"),
    ("patch", ("timing", "repeat", "periodUnit"), "", "periodUnit"),
    ("patch", ("doseAndRate", 0, "rateQuantity", "value"), "25", "rateQuantity.value"),
    ("patch", ("timing", "repeat", "period"), "72", "repeat.period"),
    ("rescue", ("doseAndRate", 0, "doseQuantity", "value"), "5", "doseQuantity.value"),
    ("rescue", ("timing", "repeat", "frequency"), "1", "repeat.frequency"),
    ("rescue", ("timing", "repeat", "periodUnit"), "Hour", "periodUnit"),
]


@pytest.mark.parametrize(("ident", "path", "value", "element"), EDITS)
def test_a_number_as_text_or_an_unknown_time_unit_refuses_the_order(
    tmp_path: Path, ident: str, path: tuple[str | int, ...], value: str, element: str
) -> None:
    bundle = copy.deepcopy(PATCH_CASE)
    holder: Any = _order(bundle, ident)["dosageInstruction"][0]
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    file = tmp_path / "edited.fhir.json"
    file.write_text(json.dumps(bundle), encoding="utf-8")
    run = run_cli("fhir", "import", str(file))
    assert run.returncode == 1, run.stderr  # one order refused, the others imported
    refusal = next(line for line in run.stderr.splitlines() if "refused" in line)
    assert f"MedicationRequest/{ident}" in refusal and element in refusal, refusal


def test_the_unedited_case_imports() -> None:
    run = run_cli("fhir", "import", str(CASES / "fentanyl-patch.fhir.json"))
    assert run.returncode == 0, run.stderr
