"""A line with a cited conversion to the target keeps that reading and its own case on its
share beside other opioids, whatever its drug (N1 class, widened; lead's brief clinical24;
docs/rotation.md, "Mixed regimens").

Diamorphine SC 16 mg/day -> morphine oral IR q4h under uk-palliative is a prodrug switch: the
set's own oral morphine : SC diamorphine 3:1 (Scottish PCG), 16 x 3 = 48 mg/day, no reduction.
With oxycodone oral ER 5 mg q12h added (10 mg/day x the set's factor 1.5 = 15 OME) the switch
used to be "a different opioid" and the whole 63 OME took the different-opioid 25%:
47.25 mg/day, below the 48 of the diamorphine alone. clinical22 kept the cited reading only for
lines of the target's OWN drug; diamorphine is not morphine. Now every line with a cited
conversion to the target is read as it would be switched alone: the diamorphine's 48 mg/day
(valued at the oral morphine factor 1: 48 OME, its 48/63 share at the same-drug 0%), the
oxycodone's 15 OME at its own 25-50% (Milton Keynes): 48 + 15 x 0.75 = 59.25 mg/day, reduction
15/63 x 25% = 5.95% (range 5.95-11.9%). The check values the regimen by the same rule: the
plan is ``within`` its own check and the former 47.25 mg/day reading (7.5 mg q4h, 45 mg/day) is
``below`` (expected 63 x (1 - 11.9%) = 55.5 to 59.25).
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.rotation.generated import generated_request

TABLES = get_tables()
SET = "uk-palliative"
DIAMORPHINE = {"drug": "diamorphine", "route": "sc", "rate": "16 mg/day"}
OXYCODONE = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "er",
    "dose": "5 mg",
    "frequency": "q12h",
}
TO = {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"}


def _check(lines: list[dict[str, Any]], proposal: dict[str, Any]) -> Any:
    request = {"from": {"items": lines}, "proposed": {"items": [proposal]}, "table": SET}
    return check_proposal(request, tables=TABLES)


def test_a_prodrug_line_keeps_its_cited_ratio_and_case_beside_another_opioid() -> None:
    alone = plan_rotation(generated_request([DIAMORPHINE], TO, SET), tables=TABLES)
    mixed = plan_rotation(generated_request([DIAMORPHINE, OXYCODONE], TO, SET), tables=TABLES)
    assert alone.target_daily_dose is not None and mixed.target_daily_dose is not None
    assert alone.target_daily_dose.value == pytest.approx(48)
    assert mixed.ome_per_day == pytest.approx(63)
    assert mixed.equianalgesic_daily_dose.value == pytest.approx(63)
    assert mixed.reduction == pytest.approx(15 / 63 * 0.25)
    assert mixed.reduction_range == pytest.approx((15 / 63 * 0.25, 15 / 63 * 0.5))
    assert mixed.target_daily_dose.value == pytest.approx(59.25)  # was 47.25 (63 x 0.75)
    reason = mixed.reduction_reason
    assert "diamorphine sc (its cited ratio to morphine): 76.2%" in reason, reason
    assert "oxycodone oral: 23.8%" in reason, reason


def test_the_check_values_the_regimen_by_the_same_rule() -> None:
    lines = [DIAMORPHINE, OXYCODONE]
    plan = plan_rotation(generated_request(lines, TO, SET), tables=TABLES)
    own = _check(lines, plan.regimen.model_dump(mode="json", exclude_none=True))
    assert own.verdict == "within", own.reasons
    assert (own.expected_low, own.expected_high) == pytest.approx((63 - 15 * 0.5, 59.25))
    former = _check(lines, {**TO, "dose": "7.5 mg"})
    assert former.verdict == "below", former.reasons  # 45 mg/day: the whole OME cut by 25%


def test_beside_a_patch_the_prodrug_line_keeps_its_ratio_and_case_too() -> None:
    # fentanyl 12 mcg/h (30 OME) + diamorphine SC 16 mg/day (48) + oxycodone 10 mg/day (15):
    # the non-patch lines were classified together as "a different opioid" (both at 25-50%);
    # the diamorphine's 48/93 keeps the prodrug's 0%, the oxycodone's 15/93 its own 25-50%
    patch = {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"}
    lines = [patch, DIAMORPHINE, OXYCODONE]
    mixed = plan_rotation(generated_request(lines, TO, SET), tables=TABLES)
    assert mixed.ome_per_day == pytest.approx(93)
    reason = mixed.reduction_reason
    assert "diamorphine sc (its cited ratio to morphine): 51.6% of the OME at 0%" in reason, reason
    assert "oxycodone oral: 16.1% of the OME at 25–50%" in reason, reason
