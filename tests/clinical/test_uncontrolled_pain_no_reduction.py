"""Pharmacist review 7, D3: ``pain_controlled: false`` changed nothing (oxycodone ER 30 mg q12h
→ morphine ER under uk-palliative gave 25%, 30 mg q12h, as with pain controlled), although the
cited Milton Keynes formulary says no cross-tolerance reduction when pain is uncontrolled on the
original opioid; and the prescriber who followed it by hand (``reduction: 0``) got a DANGER
``reduction-outside-sourced-range`` and an ``above`` from the check. One rule
(``reduction_bounds``): with pain uncontrolled the sourced range starts at no reduction, the
default is that no reduction, and planner, danger rule and check all read it.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()

FROM = {
    "items": [
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
    ]
}
TO = {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}


def _plan(**extra: Any) -> Any:
    request = {"from": FROM, "to": TO, "table": "uk-palliative", **extra}
    return plan_rotation(request, tables=TABLES)


def test_uncontrolled_pain_gets_no_reduction() -> None:
    controlled = _plan()
    uncontrolled = _plan(pain_controlled=False)
    assert controlled.regimen.dose.value == 30
    assert uncontrolled.regimen.dose.value == 45, uncontrolled.regimen
    assert uncontrolled.reduction == 0


@pytest.mark.parametrize("extra", [{}, {"reduction": 0}])
def test_no_reduction_with_pain_uncontrolled_is_no_danger_and_within(extra: Any) -> None:
    plan = _plan(pain_controlled=False, **extra)
    codes = {w.code for w in plan.warnings}
    assert "reduction-outside-sourced-range" not in codes, plan.warnings
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    check = {"from": FROM, "proposed": {"items": [proposal]}, "table": "uk-palliative"}
    told = check_proposal({**check, "pain_controlled": False}, tables=TABLES)
    assert told.verdict == "within", told.reasons
    # not told that pain is uncontrolled, the check still reads 0% as above the reduced range
    # (no reduction, a caution: pharmacist review 8, N5), never within
    assert check_proposal(check, tables=TABLES).verdict == "not_reduced"


def test_no_reduction_with_pain_controlled_is_still_a_danger() -> None:
    plan = _plan(reduction=0)
    assert any(w.code == "reduction-outside-sourced-range" for w in plan.warnings)
