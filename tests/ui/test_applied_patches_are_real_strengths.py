"""Pharmacist re-check 18b, after M1: Apply writes the plan's order by the one rule
(``order_lines``): a 250 mcg/h patch plan (oral morphine ER 400 mg q12h → fentanyl) as its
patches 100 + 100 + 50 mcg/h, never one 250 mcg/h row that ``mme`` flags as above the largest
single patch."""

from __future__ import annotations

from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from ui.planner.apply import planned_items

TABLES = get_tables()


def test_apply_writes_the_plans_order_lines() -> None:
    request = {
        "from": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "er",
                    "dose": "400 mg",
                    "frequency": "q12h",
                }
            ]
        },
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=TABLES)
    regular = [i for i in planned_items(plan) if not i.prn]
    assert [i.rate.value for i in regular if i.rate] == [100.0, 100.0, 50.0]
    lines = order_lines(plan)
    assert [(i.drug, i.route, i.rate) for i in regular] == [
        (i.drug, i.route, i.rate) for i in lines
    ]
