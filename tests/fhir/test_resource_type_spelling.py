"""Fuzz review 19, D6: a whole file written with ``resourceType: "bundle"`` (wrong case) was
refused as "1 order could not be read: bundle/fentanyl-patch … the entry cannot be read (it may
be an order)". The file is not an order nor an entry: it is a Bundle misspelt.

The class: a resourceType that is not FHIR's. At the top of the file it refuses the file, said as
the file; anywhere (the file, an entry, a contained resource) a type that FHIR knows in another
case is named as FHIR writes it (``reading.type_words``, one rule).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli_runner import REPO, run_cli

CASE = REPO / "tests" / "fhir" / "cases" / "fentanyl-patch.fhir.json"
TYPES = ("Bundle", "MedicationRequest", "MedicationStatement", "Patient", "Observation")


def _bundle() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(CASE.read_text(encoding="utf-8"))
    return document


def _write(tmp_path: Path, document: dict[str, Any]) -> str:
    path = tmp_path / "f.fhir.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def _refusal(*args: str) -> str:
    done = run_cli(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr


@pytest.mark.parametrize("command", [("mme", "--table", "cdc-2022", "--fhir"), ("fhir", "import")])
def test_the_reviews_lowercase_bundle_is_named_as_the_file(tmp_path: Path, command) -> None:
    document = _bundle() | {"resourceType": "bundle"}
    said = _refusal(*command, _write(tmp_path, document))
    assert "resourceType “bundle”" in said and "FHIR writes “Bundle”" in said, said
    assert "order" not in said and "entry" not in said, said
    assert "could not be read" not in said, said


_CASES = st.sampled_from(TYPES).flatmap(
    lambda kind: st.sampled_from([kind.lower(), kind.upper(), kind.swapcase()]).map(
        lambda typed: (kind, typed)
    )
)


@settings(max_examples=12, deadline=None)
@given(_CASES)
def test_a_file_whose_type_is_misspelt_in_case_is_refused_naming_fhirs_spelling(
    case: tuple[str, str],
) -> None:
    import tempfile

    kind, typed = case
    document = {"resourceType": typed, "id": "x"} if kind != "Bundle" else _bundle()
    document["resourceType"] = typed
    with tempfile.TemporaryDirectory() as folder:
        said = _refusal("mme", "--table", "cdc-2022", "--fhir", _write(Path(folder), document))
    assert f"resourceType “{typed}”" in said and f"FHIR writes “{kind}”" in said, said
    assert "could not be read" not in said, said


def test_an_entry_whose_type_is_misspelt_in_case_names_fhirs_spelling(tmp_path: Path) -> None:
    document = _bundle()
    entry = next(
        e for e in document["entry"] if e["resource"]["resourceType"] == "MedicationRequest"
    )
    entry["resource"]["resourceType"] = "medicationRequest"
    said = _refusal("mme", "--table", "cdc-2022", "--fhir", _write(tmp_path, document))
    assert "“medicationRequest”" in said and "FHIR writes “MedicationRequest”" in said, said


def test_a_contained_type_misspelt_in_case_names_fhirs_spelling(tmp_path: Path) -> None:
    document = _bundle()
    patient = next(e for e in document["entry"] if e["resource"]["resourceType"] == "Patient")
    patient["resource"]["contained"] = [{"resourceType": "medication", "id": "m"}]
    said = _refusal("mme", "--table", "cdc-2022", "--fhir", _write(tmp_path, document))
    assert "“medication”" in said and "FHIR writes “Medication”" in said, said


def test_a_file_of_no_fhir_type_is_refused_as_the_file(tmp_path: Path) -> None:
    said = _refusal(
        "mme", "--table", "cdc-2022", "--fhir", _write(tmp_path, {"resourceType": "Foo"})
    )
    assert "resourceType “Foo” is not a FHIR R4 resource type" in said, said
    assert "FHIR writes" not in said and "could not be read" not in said, said
