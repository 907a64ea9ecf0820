"""Fuzz review 15, #4: `fhir export` crashed (exit 3, KeyError) on a plan whose drug was
written "Hydromorphone" (a name the other commands accept) or was unknown, and exported a
hand-edited plan of oral fentanyl at 13,541 mcg/h as a proposed order. The exporter reads the
plan's drugs as every command does (naming the field) and refuses a regimen the planner's own
plausibility gate refuses: a proposed order leaves only as what the planner could have made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

FUZZ = Path(__file__).parent / "fixtures" / "fuzz15"


@pytest.mark.parametrize(
    "name",
    [
        "fhir-export-unknown-drug-crash.json",
        "fhir-export-breakthrough-unknown-drug-crash.json",
        "fhir-export-unvalidated-plan.json",
    ],
)
def test_a_plan_that_names_no_drug_or_cannot_be_given_is_refused(name: str) -> None:
    done = run_cli("fhir", "export", str(FUZZ / name))
    assert done.returncode == 2, done.stderr
    assert "regimen" in done.stderr or "breakthrough" in done.stderr


def test_a_capitalised_drug_name_exports_as_the_catalogue_drug() -> None:
    done = run_cli("fhir", "export", str(FUZZ / "fhir-export-capitalised-drug-crash.json"))
    assert done.returncode == 0, done.stderr
    bundle = json.loads(done.stdout)
    medication = bundle["entry"][0]["resource"]["contained"][0]
    assert medication["code"]["text"] == "Hydromorphone"
    assert medication["code"]["coding"][0]["display"].lower().startswith("hydromorphone")
