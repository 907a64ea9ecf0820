"""Clinician review 17, #3: a patch with an as-needed oral rescue switched to a syringe driver
read "0 h: Remove the patch(es) (fentanyl transdermal patch 25 mcg/h; morphine oral IR 10 mg as
needed × 2 taken in 24 h (20 mg/day))", listing the oral rescue as a patch to remove, and the
rows ran 0 h, 17 h, then "from 0 h" (the breakthrough), so during the 17-h gap it was unclear
which rescue was meant. Every "Remove the patch(es) (…)" names the patches only, and the removal
row says which breakthrough doses cover the gap (the row "from 0 h", which stops the current
as-needed line), and that row stands in time order, after the rows from 0 h and before the
first later one (every schedule: the property below)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import cli_text

TABLES = get_tables()
REMOVE = re.compile(r"Remove the patch\(es\) \(([^()]*(?:\([^()]*\)[^()]*)*)\)")
RESCUE = {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
          "doses_per_day": 2}  # fmt: skip
TARGETS = [
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "hydromorphone", "route": "iv", "continuous": True},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
    {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
]


def _document(rate: float, rescue: bool, target: dict[str, Any]) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"drug": "fentanyl", "route": "transdermal", "rate": f"{rate:g} mcg/h"}
    ]
    if rescue:
        items.append(RESCUE)
    return {"from": {"items": items}, "to": target, "table": "uk-palliative"}


def start_hour(when: str) -> float:
    """The hour a row starts at ("0 h", "from 0 h", "0–12 h", "17 h", "12 h before 0 h")."""
    found = re.search(r"\d+(?:\.\d+)?", when)
    hour = float(found.group()) if found else 0.0
    return -hour if " before " in when else hour


def test_the_reviewers_patch_to_syringe_driver() -> None:
    document = _document(25, True, TARGETS[0])
    plan = plan_rotation(RotationRequest.model_validate(document), tables=TABLES)
    rows = [(entry.when, entry.action) for entry in plan.schedule]
    assert [when for when, _ in rows] == ["0 h", "from 0 h", "17 h"], rows
    removed = REMOVE.search(rows[0][1])
    assert removed is not None, rows
    assert "fentanyl transdermal" in removed.group(1) and "morphine" not in removed.group(1), rows
    assert "Until the new opioid starts at 17 h" in rows[0][1]
    assert "breakthrough dose (the row “from 0 h”)" in rows[0][1], rows[0][1]
    assert "Stop the current as-needed morphine oral IR" in rows[1][1]
    text = cli_text("rotate", document)
    assert "as needed × 2 taken in 24 h (20 mg/day))." not in text


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([12.5, 25, 50, 75]), st.booleans(), st.sampled_from(TARGETS))
def test_a_patch_removal_names_only_patches_and_rows_run_in_time_order(
    rate: float, rescue: bool, target: dict[str, Any]
) -> None:
    try:
        plan = plan_rotation(
            RotationRequest.model_validate(_document(rate, rescue, target)), tables=TABLES
        )
    except MpsPainError:
        return  # refused: no schedule
    hours = [start_hour(entry.when) for entry in plan.schedule]
    assert hours == sorted(hours), [(e.when, e.action[:40]) for e in plan.schedule]
    for entry in plan.schedule:
        for removed in REMOVE.findall(entry.action):
            assert all("transdermal" in part for part in removed.split("; ")), entry.action
