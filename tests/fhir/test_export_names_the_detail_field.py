"""`fhir export` names a bad value of a plan's ``regimen_detail`` where it is written (fuzz
re-check 17b, N6: ``regimen_detail.daily_dose.value: "lots"`` was refused as
``regimen.daily_dose.value``, a field the plan's ``regimen`` does not have: the reader merged the
detail into the regimen before validating it). Every detail field of every plan the planner
makes, given a value of the wrong kind, is refused at ``regimen_detail.<field>``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.rotation.models import RegimenDetail
from tests.cli_runner import run_cli
from tests.fhir.test_export_breakthrough_is_the_plans_rule import _TARGETS, _plan

FUZZ17B = Path(__file__).parent / "fixtures" / "fuzz17b"
BAD = {"daily_dose": {"value": "lots", "unit": "mg/day"}, "patches": "x", "dose_units": [7],
       "no_dose": 5, "patch_change": {"hours": "x", "product": "p", "source": "s"}}  # fmt: skip


def test_the_reviews_plan_is_refused_at_regimen_detail() -> None:
    done = run_cli(
        "fhir", "export", str(FUZZ17B / "fhir-export-regimen_detail-named-as-regimen.json")
    )
    assert done.returncode == 2, done.stdout[:300]
    assert done.stderr.startswith("mps-pain: regimen_detail.daily_dose.value: "), done.stderr


def test_every_detail_field_is_tried() -> None:
    assert set(BAD) == set(RegimenDetail.model_fields)


@pytest.mark.parametrize("field", sorted(BAD))
@pytest.mark.parametrize(("to", "table"), _TARGETS)
def test_a_bad_detail_value_is_named_where_it_is_written(
    tmp_path: Path, to: dict[str, Any], table: str, field: str
) -> None:
    plan = json.loads(_plan(to, table).model_dump_json())
    if plan["regimen_detail"].get("no_dose") is not None:
        pytest.skip("a plan with no dose is refused before its fields are read")
    plan["regimen_detail"][field] = BAD[field]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    done = run_cli("fhir", "export", str(path))
    assert done.returncode == 2, done.stdout[:300]
    assert done.stderr.startswith(f"mps-pain: regimen_detail.{field}"), done.stderr
