"""Pharmacist review 5, D4: under JSPM 2010 the breakthrough dose of every continuous infusion
is a rapid bolus of the 1-hour amount, repeatable every 15–30 minutes (ch. 3 rec. 21,
clinical-sources addendum 2026-12-01) — one rule for every infusion under that set, not only
fentanyl. Oxycodone IV 3.12 mg/h used to get 1/6 of the daily dose (12.4 mg, four times the
1-hour amount) with no repeat interval (repro ``e07-kod1-oxiv-jspm``, ``a09``, ``a18``).

And a printed breakthrough dose always lies inside the range printed beside it (e07: "12.4 mg"
beside "= 7.5–12 mg per dose"), unless the plan says it is below that range.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import assume, given, settings

from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import ARGS
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
ORAL_OXY_60 = [
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
]


def _plan(document: dict[str, Any]) -> Any:
    return plan_rotation(document, tables=TABLES)


def test_e07_oxycodone_iv_infusion_rescue_is_the_one_hour_amount() -> None:
    plan = _plan(
        {
            "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "100 mg/day"}]},
            "to": {"drug": "oxycodone", "route": "iv", "continuous": True},
            "table": "jspm-2010",
        }
    )
    bt = plan.breakthrough
    # 75 mg over 24 h = 3.125 mg/h; its 1-hour bolus rounded down by the injected step (0.25 mg
    # from 2 mg; clinician review 11 #5), never above the 1-hour amount
    assert plan.regimen.rate.value == 3.125
    assert bt.dose is not None and bt.dose.value == 3 and bt.dose.unit == "mg"
    assert "15–30 min" in bt.frequency and "JSPM" in (bt.source or "")
    assert "1-hour amount" in (bt.note or "")


def test_a09_a18_oxycodone_iv_and_sc_infusions_under_jspm() -> None:
    for route in ("iv", "sc"):
        plan = _plan(
            {
                "from": {"items": ORAL_OXY_60},
                "to": {"drug": "oxycodone", "route": route, "continuous": True},
                "table": "jspm-2010",
            }
        )
        bt = plan.breakthrough
        # 45 mg over 24 h = 1.875 mg/h → a 1.8 mg bolus (0.1 mg steps below 2 mg)
        assert bt.dose is not None and bt.dose.value == 1.8, (route, bt)
        assert "15–30 min" in bt.frequency


def test_other_sets_keep_their_own_rule() -> None:
    """uk-palliative gives no infusion rule of its own: the 1/6 rule stays (the reference has
    no other for oxycodone there)."""
    plan = _plan(
        {
            "from": {"items": ORAL_OXY_60},
            "to": {"drug": "oxycodone", "route": "sc", "continuous": True},
            "table": "uk-palliative",
        }
    )
    assert "1/10–1/6" in (plan.breakthrough.note or "")


def test_e07_range_printed_beside_the_dose_contains_it() -> None:
    """uk-palliative oxycodone IV 12.48 mg/day-sixth: the range must not be rounded below it."""
    plan = _plan(
        {
            "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "100 mg/day"}]},
            "to": {"drug": "oxycodone", "route": "sc", "continuous": True},
            "table": "uk-palliative",
            "reduction": 0.0,
        }
    )
    _assert_inside(plan)


_RANGE = re.compile(r"= ([\d.]+)–([\d.]+) (\w+) per dose")


def _assert_inside(plan: Any) -> None:
    bt = plan.breakthrough
    if bt is None or bt.dose is None or bt.note is None:
        return
    found = _RANGE.search(bt.note)
    if found is None:
        return
    low, high = float(found.group(1)), float(found.group(2))
    said_below = "below the range" in bt.note
    assert bt.dose.value <= high + 1e-9, (bt.dose, bt.note)
    assert bt.dose.value >= low - 1e-9 or said_below, (bt.dose, bt.note)


@settings(GENERATED)
@given(**ARGS)
def test_a_printed_breakthrough_dose_lies_inside_its_printed_range(
    lines, to, table, market, patient, pain
) -> None:
    request = generated_request(
        lines,
        to,
        table,
        patient=patient,
        market=market,
        pain_controlled=pain,
    )
    plan = plan_or_discard(request)
    assume(plan.breakthrough is not None)
    _assert_inside(plan)
    if table == "jspm-2010" and to.get("continuous") and plan.breakthrough.dose is not None:
        assert "1-hour amount" in (plan.breakthrough.note or ""), plan.breakthrough
