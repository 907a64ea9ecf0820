"""Pharmacist re-check 16b, #9 (F2, F3): `fhir export` checked the breakthrough order's dose
number only. A plan of morphine MR whose breakthrough was edited to oxycodone 10 mg (F2) or to
SC morphine 10 mg (about 20 mg oral, above 1/6; F3) was exported as a draft order. The exporter
now refuses a breakthrough whose drug or route is not what the planner's own rule gives for the
plan's regimen (``plan_rescue``, which reads ``rescue_rule``), naming the field; every plan the
planner makes still exports its breakthrough."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.fhir.export import export_plan
from mps_pain.services.rotation_service import plan_rotation
from tests.cli_runner import run_cli

RECHECK = Path(__file__).parent / "fixtures" / "recheck16b"


@pytest.mark.parametrize(
    ("name", "field"),
    [("F2-bt-oxy-drug.json", "breakthrough.drug"), ("F3-bt-route-sc.json", "breakthrough.route")],
)
def test_an_edited_breakthrough_drug_or_route_is_refused_naming_the_field(
    name: str, field: str
) -> None:
    done = run_cli("fhir", "export", str(RECHECK / name))
    assert done.returncode == 2, done.stdout[:300]
    assert done.stderr.startswith(f"mps-pain: {field}: "), done.stderr
    assert "morphine oral" in done.stderr


def test_the_plan_as_made_exports() -> None:
    done = run_cli("fhir", "export", str(RECHECK / "F-R07.json"))
    assert done.returncode == 0, done.stderr
    ids = [entry["resource"]["id"] for entry in json.loads(done.stdout)["entry"]]
    assert ids == ["plan-regimen", "plan-breakthrough"]


_MORPHINE_MR = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg",
                "frequency": "q12h"}  # fmt: skip
_TARGETS: list[tuple[dict[str, Any], str]] = [
    ({"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}, "uk-palliative"),
    ({"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}, "jspm-2010"),
    ({"drug": "fentanyl", "route": "transdermal"}, "uk-palliative"),
    ({"drug": "fentanyl", "route": "transdermal"}, "jspm-2010"),
    ({"drug": "fentanyl", "route": "transdermal"}, "fpm-2021"),
    ({"drug": "morphine", "route": "sc", "continuous": True}, "uk-palliative"),
    ({"drug": "morphine", "route": "sc", "continuous": True}, "jspm-2010"),
    ({"drug": "oxycodone", "route": "sc", "continuous": True}, "uk-palliative"),
    ({"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"}, "fpm-2021"),
    ({"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"}, "fpm-2021"),
    ({"drug": "methadone", "route": "oral"}, "uk-palliative"),
]


def _plan(to: dict[str, Any], table: str) -> Any:
    return plan_rotation({"from": {"items": [_MORPHINE_MR]}, "to": to, "table": table})


@pytest.mark.parametrize(("to", "table"), _TARGETS)
def test_every_plan_the_planner_makes_exports_its_breakthrough(
    to: dict[str, Any], table: str
) -> None:
    plan = _plan(to, table)
    if plan.regimen.no_dose is not None or plan.breakthrough is None:
        pytest.skip("no order to export")
    if plan.breakthrough.dose is None:
        return
    ids = [entry["resource"]["id"] for entry in export_plan(plan)["entry"]]
    assert "plan-breakthrough" in ids


@pytest.mark.parametrize(("to", "table"), _TARGETS)
def test_every_plans_breakthrough_of_another_drug_or_route_is_refused(
    to: dict[str, Any], table: str
) -> None:
    plan = _plan(to, table)
    bt = plan.breakthrough
    if plan.regimen.no_dose is not None or bt is None or bt.dose is None:
        pytest.skip("no breakthrough order to edit")
    other_drug = "hydromorphone" if bt.drug != "hydromorphone" else "oxycodone"
    other_route = "sc" if bt.route != "sc" else "oral"
    for field, value in (("drug", other_drug), ("route", other_route)):
        edited = plan.model_copy(update={"breakthrough": bt.model_copy(update={field: value})})
        with pytest.raises(MpsPainError) as refused:
            export_plan(edited)
        assert refused.value.location.startswith("breakthrough."), refused.value
