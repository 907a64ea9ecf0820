"""Pharmacist review 8, D5 (and K15, P10): jspm-2010, continuous IV morphine 48 mg/day → IV
oxycodone. The Japanese oxycodone injection label (clinical-sources addendum 2026-12-01): from
continuous IV morphine, start at 1.25 × the morphine daily dose = 60 mg/day. The plan gave
36 mg/day without naming the label, and the check called the label's own 60 mg/day (2.5 mg/h)
"above — risk of overdose". Now the label's start is data (with its citation), the planner
names it, and the check accepts a proposal up to it (and not above it).
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
IV_MORPHINE_48 = {
    "items": [
        {"drug": "morphine", "route": "iv", "form": "injection",
         "concentration": "10 mg/mL", "rate": "0.2 mL/h"}
    ]
}  # fmt: skip


def _check(rate: str, table: str = "jspm-2010", route: str = "iv") -> Any:
    proposed = {"drug": "oxycodone", "route": route, "form": "injection", "rate": rate}
    return check_proposal(
        {"from": IV_MORPHINE_48, "proposed": {"items": [proposed]}, "table": table}, tables=TABLES
    )


@pytest.mark.parametrize("route", ["iv", "sc"])
def test_d5_the_labels_own_start_is_within(route: str) -> None:
    result = _check("2.5 mg/h", route=route)  # 60 mg/day = 1.25 × 48
    assert result.verdict == "within", result.reasons
    assert any("1.25" in r and "60 mg/day" in r for r in result.reasons), result.reasons


def test_d5_above_the_labels_start_is_still_above() -> None:
    result = _check("3 mg/h")  # 72 mg/day = 1.5 × 48
    assert result.verdict == "above", result.reasons


def test_d5_the_label_is_japanese_only() -> None:
    """Another set (another market) keeps its own range: the label does not travel."""
    assert _check("2.5 mg/h", table="fpm-2021").verdict == "above"


def test_d5_the_plan_names_the_labels_start() -> None:
    plan = plan_rotation(
        {
            "from": IV_MORPHINE_48,
            "to": {"drug": "oxycodone", "route": "iv", "continuous": True},
            "table": "jspm-2010",
        },
        tables=TABLES,
    )
    notes = [w for w in plan.warnings if w.code == "label-start"]
    assert notes, [w.code for w in plan.warnings]
    assert "1.25" in notes[0].message and "60 mg/day" in notes[0].message
    assert notes[0].source and "injection" in notes[0].source.lower()
    # the plan the check is given back is still within
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    back = check_proposal(
        {"from": IV_MORPHINE_48, "proposed": {"items": [proposal]}, "table": "jspm-2010"},
        tables=TABLES,
    )
    assert back.verdict == "within", back.reasons


def test_d5_not_from_oral_morphine() -> None:
    """The label's 1.25 is from CONTINUOUS IV morphine only."""
    plan = plan_rotation(
        {
            "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}]},
            "to": {"drug": "oxycodone", "route": "iv", "continuous": True},
            "table": "jspm-2010",
        },
        tables=TABLES,
    )
    assert "label-start" not in {w.code for w in plan.warnings}
