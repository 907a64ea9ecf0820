"""Fuzz review 18, D6: a FHIR number element given an object was refused as "'{'unit': 'mg'}'
is not a decimal number", Python's spelling of the value. A value the refusal echoes is said in
JSON's words: a list or an object by its kind, any other value as JSON writes it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run_cli
from tests.fhir.conftest import CASES

PATCH_CASE = json.loads((CASES / "fentanyl-patch.fhir.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("value", [{"unit": "mg"}, [25], {"value": None}, [True, None]])
@pytest.mark.parametrize("element", ["rateQuantity", "doseQuantity"])
def test_an_object_or_list_for_a_number_is_named_by_its_kind(
    tmp_path: Path, value: Any, element: str
) -> None:
    bundle = copy.deepcopy(PATCH_CASE)
    ident = "patch" if element == "rateQuantity" else "rescue"
    order = next(e["resource"] for e in bundle["entry"] if e["resource"].get("id") == ident)
    order["dosageInstruction"][0]["doseAndRate"][0][element]["value"] = value
    file = tmp_path / "edited.fhir.json"
    file.write_text(json.dumps(bundle), encoding="utf-8")
    run = run_cli("fhir", "import", str(file))
    refusal = next(line for line in run.stderr.splitlines() if "refused" in line)
    assert f"{element}.value" in refusal, refusal
    for python in ("{'", "['", "None", "True"):
        assert python not in refusal, refusal
    assert "a list" in refusal or "an object" in refusal, refusal
