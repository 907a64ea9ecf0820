"""A stated reduction rounds an injected amount as the default does: the ladder's step only while
it stays near the target, else the finer step (lead, session 12; clinical30 fixed the default
path, pharmacist review 12 #2).

R01 (oxycodone IV 1 mg/h -> SC by syringe driver, uk-palliative) with "reduction": 0 stated gave
22.5 mg/24 h (the ladder's 2.5 step, 6.25% below the stated target), while the same switch without
a stated reduction gives 24; practice, which grades the trainee's own reduction by the planner's
rounding, then disagreed with the planner (tests/practice/test_carry_forward.py).
"""

from __future__ import annotations

import pytest

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

_IV = {"drug": "oxycodone", "route": "iv", "form": "injection", "rate": "1 mg/h"}
_R01 = {
    "from": {"items": [_IV]},
    "to": {"drug": "oxycodone", "route": "sc", "continuous": True},
    "table": "uk-palliative",
}


@pytest.mark.parametrize("stated", [None, 0.0])
def test_r01_keeps_24_mg_a_day_with_or_without_a_stated_reduction(stated: float | None) -> None:
    request = _R01 | ({} if stated is None else {"reduction": stated})
    made = plan_rotation(request, tables=get_tables())
    assert made.rounded_daily_dose is not None
    assert made.rounded_daily_dose.value == pytest.approx(24.0), made.steps
    proposed = {"items": [{"drug": "oxycodone", "route": "sc", "rate": "1 mg/h"}]}
    check = check_proposal(
        {"from": _R01["from"], "proposed": proposed, "table": "uk-palliative"},
        tables=get_tables(),
    )
    assert check.verdict == "within", check.reasons
