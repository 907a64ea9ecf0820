"""Fuzz review 18, D6: ``asNeededBoolean: "true"`` (text) was read as as-needed, while a number
written as text has been refused since review 16: the FHIR library coerces the text. FHIR's
boolean is JSON true or false; every ``…Boolean`` element written otherwise refuses its order, at
the element."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run_cli
from tests.fhir.conftest import CASES

PATCH_CASE = json.loads((CASES / "fentanyl-patch.fhir.json").read_text(encoding="utf-8"))


def _rescue(bundle: dict[str, Any]) -> dict[str, Any]:
    return next(e["resource"] for e in bundle["entry"] if e["resource"].get("id") == "rescue")


@pytest.mark.parametrize("value", ["true", "false", "yes", 1, 0, "True"])
def test_a_boolean_written_otherwise_refuses_the_order(tmp_path: Path, value: Any) -> None:
    bundle = copy.deepcopy(PATCH_CASE)
    _rescue(bundle)["dosageInstruction"][0]["asNeededBoolean"] = value
    file = tmp_path / "edited.fhir.json"
    file.write_text(json.dumps(bundle), encoding="utf-8")
    run = run_cli("fhir", "import", str(file))
    assert run.returncode == 1, run.stderr
    refusal = next(line for line in run.stderr.splitlines() if "refused" in line)
    assert "MedicationRequest/rescue" in refusal and "asNeededBoolean" in refusal, refusal
    assert "true or false" in refusal, refusal


@pytest.mark.parametrize("value", [True, False])
def test_json_true_and_false_are_read(tmp_path: Path, value: bool) -> None:
    bundle = copy.deepcopy(PATCH_CASE)
    _rescue(bundle)["dosageInstruction"][0]["asNeededBoolean"] = value
    file = tmp_path / "edited.fhir.json"
    file.write_text(json.dumps(bundle), encoding="utf-8")
    assert run_cli("fhir", "import", str(file)).returncode == 0


# Fuzz re-check 18c, N6: ``doNotPerform: 1`` or ``"true"`` was read as true (the patch left out:
# 22.5 MME/day) and ``Patient.deceasedBoolean: "false"`` accepted: the rule looked at elements
# named "…Boolean" only, and not at a resource's own elements. Every element FHIR R4 defines as a
# boolean, in any resource read (its contained ones too), is JSON true or false or refused there.

WHERE = {
    "doNotPerform": lambda b: _rescue(b),
    "deceasedBoolean": lambda b: _of(b, "Patient"),
    "active": lambda b: _of(b, "Patient"),
    "userSelected": lambda b: _rescue(b)["medicationCodeableConcept"]["coding"][0],
}


def _of(bundle: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind)


@pytest.mark.parametrize("element", sorted(WHERE))
@pytest.mark.parametrize("value", ["true", "false", 1, 0, None])
def test_every_fhir_boolean_is_true_or_false_as_written(
    tmp_path: Path, element: str, value: Any
) -> None:
    bundle = copy.deepcopy(PATCH_CASE)
    if not any(e["resource"]["resourceType"] == "Patient" for e in bundle["entry"]):
        bundle["entry"].append({"resource": {"resourceType": "Patient", "id": "pt"}})
    WHERE[element](bundle)[element] = value
    file = tmp_path / "edited.fhir.json"
    file.write_text(json.dumps(bundle), encoding="utf-8")
    run = run_cli("mme", "--fhir", str(file), "--table", "cdc-2022")
    assert run.returncode == 2, run.stdout
    assert element in run.stderr and "true or false" in run.stderr, run.stderr


@pytest.mark.parametrize("value", [True, False])
def test_do_not_perform_as_json_is_read(tmp_path: Path, value: bool) -> None:
    bundle = copy.deepcopy(PATCH_CASE)
    next(e["resource"] for e in bundle["entry"] if e["resource"].get("id") == "patch")[
        "doNotPerform"
    ] = value
    file = tmp_path / "edited.fhir.json"
    file.write_text(json.dumps(bundle), encoding="utf-8")
    run = run_cli("mme", "--fhir", str(file), "--table", "cdc-2022")
    assert run.returncode == 0, run.stderr
    assert ("Total: 22.5 MME/day" if value else "Total: 82.5 MME/day") in run.stdout


@pytest.mark.parametrize(
    "name",
    [
        "fhir-doNotPerform-string-true-read-as-true.fhir.json",
        "fhir-patch-doNotPerform-1-read-as-true-total-22.5.fhir.json",
        "fhir-Patient-deceasedBoolean-string-accepted.fhir.json",
    ],
)
def test_the_reviewers_files_are_refused(name: str) -> None:
    path = Path(__file__).parent / "fixtures" / "fuzz18c" / name
    run = run_cli("mme", "--fhir", str(path), "--table", "cdc-2022")
    assert run.returncode == 2, run.stdout
    assert "true or false" in run.stderr, run.stderr
