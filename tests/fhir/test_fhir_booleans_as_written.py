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
