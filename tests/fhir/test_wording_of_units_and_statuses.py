"""Fuzz re-check 18c, N9 (wording): a rate code of no known kind was "“ug.h” is a other, not a
mass per time or volume per time"; a MedicationStatement with status ``unknown`` was refused as
"“unknown” is not a MedicationStatement status FHIR knows", though ``unknown`` is one (the
refusal is right: whether the medication is taken cannot be known)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from tests.cli_runner import run_cli
from tests.fhir.conftest import CASES

OTHER = Path(__file__).parent / "fixtures" / "fuzz18c" / "fhir-rate-ug.h-message-a-other.fhir.json"


def test_a_unit_of_no_known_kind_is_said_in_plain_words() -> None:
    done = run_cli("mme", "--fhir", str(OTHER), "--table", "cdc-2022")
    assert done.returncode == 2, done.stdout
    assert "a other" not in done.stderr and "“ug.h” is not a mass per time" in done.stderr


def test_a_statement_of_status_unknown_is_refused_for_the_true_reason(tmp_path: Path) -> None:
    bundle = json.loads((CASES / "fentanyl-patch.fhir.json").read_text(encoding="utf-8"))
    bundle = copy.deepcopy(bundle)
    statement = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "MedicationStatement"
    )
    statement["status"] = "unknown"
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    done = run_cli("mme", "--fhir", str(path), "--table", "cdc-2022")
    assert done.returncode == 2, done.stdout
    assert "status FHIR knows" not in done.stderr, done.stderr
    assert "“unknown”" in done.stderr and "cannot be known" in done.stderr, done.stderr
