"""Pharmacist re-check 16b, #4 (medium): rule 1 was lost when the regular opioid also had its own
as-needed line in another form.

``rotate R22``: oxycodone ER 20 mg q12h + oxycodone IR 5 mg as needed + morphine IR 10 mg as
needed → oxycodone ER was planned as a switch (a "5.3%" reduction for the morphine share, ER
30 mg q12h), and ``check C19`` (the same regimen → oxycodone ER 30 mg q12h + the oxycodone rescue)
read WITHIN a switching range (85–90 mg/day OME); without the oxycodone rescue (R08, C10) both
read a dose change. The form family of a dose change is the regular lines' (and the target's):
an as-needed line of the regular drug by its route is that drug's own rescue, whatever its form,
as a rescue of another opioid beside it is (``dose_change_rule.is_dose_change``, the one rule the
planner and the check read).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import PlanningError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]

OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"}
OXY_IR = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True}
MOR_IR = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True}
TO_OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}


def _r22() -> list[dict[str, Any]]:
    return [OXY_ER, OXY_IR | {"doses_per_day": 2}, MOR_IR | {"doses_per_day": 2}]


def test_rotate_r22_is_refused_as_a_dose_change_naming_the_rescues() -> None:
    request = {"from": {"items": _r22()}, "to": TO_OXY_ER, "table": "uk-palliative"}
    with pytest.raises(PlanningError, match="dose change, not a switch") as raised:
        plan_rotation(request, tables=TABLES)
    said = str(raised.value)
    assert "already oxycodone by the oral route" in said
    assert "morphine" in said.lower() and "rescue" in said


def test_check_c19_is_a_dose_change_as_c10_is() -> None:
    proposed = [
        OXY_ER | {"dose": "30 mg"},
        OXY_IR | {"dose": "10 mg", "doses_per_day": "not reported"},
    ]
    request = {"from": {"items": _r22()}, "proposed": {"items": proposed}}
    result = check_proposal(request | {"table": "uk-palliative"}, tables=TABLES)
    assert result.switch_kind == "dose_change"
    assert result.verdict == "dose_change"
    text = " ".join([*result.reasons, *(w.message for w in result.warnings)])
    assert "different opioids" not in text and "Expected range" not in text
    assert "morphine" in text and "rescue" in text


def test_a_regular_line_in_another_form_than_the_target_is_still_a_form_change() -> None:
    """R20c, unchanged: regular morphine IR q4h + its own rescue → morphine MR stays the
    conversion at the same total daily amount (the regular line changes form)."""
    current = [
        {"drug": "morphine", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q4h"},
        MOR_IR | {"dose": "5 mg", "doses_per_day": 2},
    ]
    to = {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"}
    plan = plan_rotation({"from": {"items": current}, "to": to}, tables=TABLES)
    assert plan.switch_kind == "form_change"  # its own kind since fuzz re-check 17b, N5


REGULAR = {
    "oxycodone": (
        st.sampled_from([10, 20, 40]),
        {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True},
    ),
    "morphine": (
        st.sampled_from([10, 15, 30, 60]),
        {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True},
    ),
}
OTHERS = [
    {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True},
    {"drug": "oxycodone", "route": "sc", "dose": "2 mg", "prn": True},
    {"drug": "morphine", "route": "sc", "dose": "2.5 mg", "prn": True},
]


@settings(max_examples=60, deadline=None)
@given(
    drug=st.sampled_from(sorted(REGULAR)),
    data=st.data(),
    table=st.sampled_from(SETS),
)
def test_the_regulars_own_rescue_never_turns_rule_one_into_a_switch(
    drug: str, data: st.DataObject, table: str
) -> None:
    """A regular opioid already the target, its own as-needed line in another form, and
    as-needed lines of other opioids (or routes) beside it: the planner refuses the dose
    change, and the check reads the unchanged regular order as a dose change within."""
    doses, target, own = REGULAR[drug]
    regular = target | {"dose": f"{data.draw(doses)} mg"}
    others = [o for o in OTHERS if (o["drug"], o["route"]) != (drug, "oral")]
    beside = data.draw(st.lists(st.sampled_from(others), max_size=2, unique_by=str))
    taken = st.integers(0, 6)
    current = [
        regular,
        own | {"doses_per_day": data.draw(taken)},
        *(o | {"doses_per_day": data.draw(taken)} for o in beside),
    ]
    request = {"from": {"items": current}, "to": target, "table": table}
    with pytest.raises(PlanningError, match="dose change, not a switch"):
        plan_rotation(request, tables=TABLES)
    checked = {"from": {"items": current}, "proposed": {"items": [regular]}, "table": table}
    result = check_proposal(checked, tables=TABLES)
    assert result.switch_kind == "dose_change", result.reasons
    assert result.verdict in ("within", "dose_change"), result.reasons
