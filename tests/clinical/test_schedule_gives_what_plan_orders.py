"""Pharmacist review 17, L4 (low): patch -> methadone said "Until methadone starts, give
breakthrough doses only as needed" for 17 hours, but the plan orders none (no source gives a
breakthrough dose on methadone: its line is left to agree with the specialist). One rule
(``schedule_cover.gap_cover``): what the schedule tells the nurse to give as needed until the new
opioid starts is what the plan orders, the current as-needed line kept as cover, or an order to
agree before the patch comes off; never a dose nobody wrote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "review17"
PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}
PRN = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
       "doses_per_day": 2}  # fmt: skip
MR = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"}
TARGETS = [
    {"drug": "methadone", "route": "oral"},
    {"drug": "oxycodone", "route": "sc", "continuous": True},
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"},
    {"drug": "fentanyl", "route": "sc", "continuous": True},
]


def _schedule(plan: Any) -> str:
    return " ".join(f"{e.when}: {e.action}" for e in plan.schedule)


def test_f37_patch_to_methadone_orders_no_dose_and_tells_none_to_be_given() -> None:
    document = json.loads((FIXTURES / "F37-patch50-meth-jplabel-jspm.json").read_text())
    plan = plan_rotation(document, tables=TABLES)
    assert plan.breakthrough is not None and plan.breakthrough.dose is None
    text = _schedule(plan)
    assert "give breakthrough doses" not in text
    assert "agreed with the palliative care specialist before the patch comes off" in text
    assert "this plan orders none" in text


@settings(max_examples=40, deadline=None)
@given(
    others=st.sampled_from([[], [PRN], [MR], [MR, PRN]]),
    to=st.sampled_from(TARGETS),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_a_schedule_from_a_patch_gives_only_what_the_plan_orders(
    others: list[dict[str, Any]], to: dict[str, Any], table: str
) -> None:
    request = {"from": {"items": [PATCH, *others]}, "to": to, "table": table}
    if to["drug"] == "methadone":
        request["methadone_method"] = "jp-label" if table == "jspm-2010" else "ccdhb"
    try:
        plan = plan_rotation(request, tables=TABLES)
    except MpsPainError:
        return
    text = _schedule(plan)
    ordered = plan.breakthrough is not None and plan.breakthrough.dose is not None
    assert "give breakthrough doses" not in text  # never a dose the sentence does not name
    # the wait for the depot with no regular cover of the new opioid: what is given as needed
    gap = " ".join(e.action for e in plan.schedule if e.when == "0 h")
    if not gap:
        return
    if ordered:
        assert "give the plan's breakthrough dose (the row “from 0 h”) only as needed" in gap, gap
    elif PRN in others:
        assert "the current as-needed morphine oral IR" in gap and "breakthrough cover" in gap
    else:
        assert "this plan orders none" in gap, gap


@pytest.mark.parametrize("others", [[], [MR]])
def test_a_plan_that_orders_a_dose_gives_that_dose_until_the_new_opioid_starts(
    others: list[dict[str, Any]],
) -> None:
    request = {"from": {"items": [PATCH, *others]}, "to": TARGETS[2], "table": "uk-palliative"}
    plan = plan_rotation(request, tables=TABLES)
    assert plan.breakthrough is not None and plan.breakthrough.dose is not None
    schedule = _schedule(plan)
    if others:  # the regular line's share starts at 0 h: no gap to cover, the plan's row stands
        assert "from 0 h: Breakthrough:" in schedule, schedule
    else:
        assert "give the plan's breakthrough dose (the row “from 0 h”) only as needed" in schedule
