"""A switch whose counted lines hold the target's own drug beside another opioid (practice6,
item 5; lead's brief clinical21): each line's share takes its own sourced case, as a patch with
other opioids does (docs/rotation.md, "Mixed regimens").

Morphine oral IR 8 mg q4h (48 mg/day) -> morphine oral ER q12h is the same drug (0%): 48 mg/day.
With oxycodone oral ER 5 mg q12h added (15 OME under fpm-2021 and uk-palliative, factor 1.5) the
whole 63 OME used to take the different-opioid 25%: 47.25 mg/day, less than without it. Now the
morphine's 48/63 stays at 0% (same drug) and the oxycodone's 15/63 takes 25-50% (Milton Keynes):
48 + 15 x 0.75 = 59.25 mg/day, reduction 15/63 x 25% = 5.95% (range 5.95-11.9%).
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.rotation.generated import generated_request

TABLES = get_tables()
SETS = ["fpm-2021", "uk-palliative"]
TO = {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"}
OXYCODONE = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "er",
    "dose": "5 mg",
    "frequency": "q12h",
}


def _morphine_ir(mg: float) -> dict[str, Any]:
    return {
        "drug": "morphine",
        "route": "oral",
        "form": "ir",
        "dose": f"{mg:g} mg",
        "frequency": "q4h",
    }


def _plan(lines: list[dict[str, Any]], table: str, **extra: Any) -> RotationPlan:
    return plan_rotation(generated_request(lines, TO, table, **extra), tables=TABLES)


@pytest.mark.parametrize("table", SETS)
def test_each_line_takes_its_own_case_on_its_share(table: str) -> None:
    alone = _plan([_morphine_ir(8)], table)
    mixed = _plan([_morphine_ir(8), OXYCODONE], table)
    assert alone.target_daily_dose is not None and mixed.target_daily_dose is not None
    assert alone.target_daily_dose.value == pytest.approx(48)
    assert mixed.ome_per_day == pytest.approx(63)
    assert mixed.target_daily_dose.value == pytest.approx(59.25)  # was 47.25 (63 x 0.75)
    assert mixed.reduction == pytest.approx(15 / 63 * 0.25)
    assert mixed.reduction_range == pytest.approx((15 / 63 * 0.25, 15 / 63 * 0.5))
    reason = mixed.reduction_reason
    assert "morphine (the same drug): 76.2%" in reason and "oxycodone oral: 23.8%" in reason, reason


@pytest.mark.parametrize("table", SETS)
def test_the_printed_regimen_never_drops_when_an_opioid_is_added(table: str) -> None:
    # morphine IR 20 mg q4h -> 60 mg q12h; with oxycodone added it printed 50 mg q12h
    alone = _plan([_morphine_ir(20)], table)
    mixed = _plan([_morphine_ir(20), OXYCODONE], table)
    assert alone.regimen.dose is not None and mixed.regimen.dose is not None
    assert alone.regimen.dose.value == 60
    assert mixed.regimen.dose.value >= 60, mixed.regimen
    assert mixed.target_daily_dose is not None
    assert mixed.target_daily_dose.value == pytest.approx(120 + 15 * 0.75)


@pytest.mark.parametrize("table", SETS)
def test_frail_and_uncontrolled_pain_work_per_share(table: str) -> None:
    lines = [_morphine_ir(8), OXYCODONE]
    frail = _plan(lines, table, patient={"frail": True})
    # the frail 30% (Lanarkshire) on the oxycodone's share only; the morphine's stays at 0%
    assert frail.target_daily_dose is not None
    assert frail.reduction == pytest.approx(15 / 63 * 0.3)
    assert frail.target_daily_dose.value == pytest.approx(48 + 15 * 0.7)
    uncontrolled = _plan(lines, table, pain_controlled=False)
    assert uncontrolled.target_daily_dose is not None
    assert uncontrolled.reduction == 0
    assert uncontrolled.target_daily_dose.value == pytest.approx(63)


@pytest.mark.parametrize("table", SETS)
@pytest.mark.parametrize("patient", [{}, {"frail": True}])
@pytest.mark.parametrize("mg", [8, 20])
def test_the_plan_passes_its_own_check(table: str, patient: dict[str, Any], mg: float) -> None:
    lines = [_morphine_ir(mg), OXYCODONE]
    plan = _plan(lines, table, patient=patient)
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    result = check_proposal(
        {
            "from": {"items": lines},
            "proposed": {"items": [proposal]},
            "table": table,
            "patient": patient,
        },
        tables=TABLES,
    )
    if mg == 8:  # 55.5-59.25 mg/day: no sum of ER strengths lies within (25 mg q12h is below)
        assert plan.rounding_leaves_range
        assert result.verdict == "below", (proposal, result.reasons)
        assert any("rounding policy explains" in r for r in result.reasons), result.reasons
    else:
        assert not plan.rounding_leaves_range
        assert result.verdict == "within", (proposal, result.reasons)
    assert (result.reduction_low, result.reduction_high) == pytest.approx(plan.reduction_range)
