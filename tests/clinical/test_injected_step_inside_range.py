"""The injected step ladder never takes an amount out of its sourced range (pharmacist review 12,
#2; docs/clinical-review.md).

R01: oxycodone IV 1 mg/h (24 mg/day) → SC oxycodone CSCI under uk-palliative, IV:SC 1:1 and no
reduction: the range is 24–24 mg/day, and the ladder's step at 24 (2.5 mg) rounded it DOWN to
22.5 mg/24 h (−6.25%, a caution), which the tool's own check called BELOW. The ladder rounds down
only while the result stays inside the range; otherwise the finest step that keeps it inside is
used (24 stays 24). The property: an injected plan whose unrounded amount lies inside its check's
range is never BELOW in that check.
"""

from __future__ import annotations

from typing import Any

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.rounding_policy import Grid, choose_amount
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
_LADDER = ((1.0, 0.1), (2.0, 0.25), (5.0, 0.5))


def _plan(document: dict[str, Any]) -> Any:
    return plan_rotation(RotationRequest.model_validate(document), tables=TABLES)


def test_r01_a_like_for_like_route_change_keeps_its_24h_amount() -> None:
    iv = {"drug": "oxycodone", "route": "iv", "form": "injection", "rate": "1 mg/h"}
    document = {
        "from": {"items": [iv]},
        "to": {"drug": "oxycodone", "route": "sc", "continuous": True},
        "table": "uk-palliative",
    }
    plan = _plan(document)
    assert plan.regimen.daily_dose is not None and plan.regimen.daily_dose.value == 24
    assert plan.regimen.rate is not None and plan.regimen.rate.value == 1
    assert not plan.rounding_leaves_range, plan.warnings
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    check = {"from": document["from"], "proposed": {"items": [proposal]}, "table": "uk-palliative"}
    assert check_proposal(check, tables=TABLES).verdict == "within"


def test_the_ladder_rounds_down_only_inside_the_range() -> None:
    grid = Grid(ladder=_LADDER)
    assert choose_amount(24, 24, 24, grid).chosen.total == 24  # the 1 mg step keeps it
    assert choose_amount(24, 20, 24, grid).chosen.total == 22.5  # the ladder's own step
    assert choose_amount(33.6, 30, 40, grid).chosen.total == 32.5
    u08 = 40 / 1.5  # no step down to 3 figures reaches 26.67 exactly: the ladder's step up
    assert choose_amount(u08, u08, 40, grid).chosen.total == 27.5
    # with the cited 5% short tolerance (the planner's and the check's): 26, rounded down
    assert choose_amount(u08, u08, 40, grid, tolerance=0.05).chosen.total == 26
    assert choose_amount(7.3, 7.3, 7.3, grid).chosen.total == 7.3
