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


# Fuzz review 16, N1 (medium-high): the exporter checked the plan's regimen but not its
# breakthrough order: a plan whose breakthrough was hand-edited to 2000 mg (×1000), 2 g, a
# negative dose, a made-up unit or oral fentanyl 2 mg left as a draft order, exit 0. The
# breakthrough order meets the same plausibility gate, and never exceeds its own stated range.
FUZZ16 = Path(__file__).parent / "fixtures" / "fuzz16"


@pytest.mark.parametrize(
    "name",
    [
        "fhir-export-plan16-breakthrough-x1000.json",
        "fhir-export-breakthrough-unit-plan2-g.json",
        "fhir-export-bt-value-neg.json",
        "fhir-export-bt-drug-fentanyl-2mg.json",
        "fhir-export-breakthrough-unit-plan2-OXYCODONE.json",
    ],
)
def test_a_breakthrough_order_that_cannot_be_given_is_refused(name: str) -> None:
    done = run_cli("fhir", "export", str(FUZZ16 / name))
    assert done.returncode == 2, (done.stdout[:300], done.stderr)
    assert "breakthrough" in done.stderr


def test_the_plan_as_made_still_exports_its_breakthrough() -> None:
    done = run_cli("fhir", "export", str(FUZZ16 / "fhir-export-plan2-original.json"))
    assert done.returncode == 0, done.stderr
    ids = [entry["resource"]["id"] for entry in json.loads(done.stdout)["entry"]]
    assert "plan-breakthrough" in ids


def test_a_breakthrough_above_its_own_range_is_refused(tmp_path: Path) -> None:
    """Plausible as a dose, but above the top of the range the plan states for it: not the
    planner's order."""
    plan = json.loads((FUZZ16 / "fhir-export-plan2-original.json").read_text())
    high = plan["breakthrough"]["high"]
    plan["breakthrough"]["dose"] = {"value": high["value"] * 2, "unit": high["unit"]}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    done = run_cli("fhir", "export", str(path))
    assert done.returncode == 2, done.stdout[:200]
    assert "above the top of its own range" in done.stderr
