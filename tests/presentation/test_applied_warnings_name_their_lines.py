"""Clinician re-check 21b, D4: the page signed after the patch Apply said, under "About the
switch", "Row 2: as-needed oxycodone — none taken in 24 h" while row 2 of the regimen on the
same page (the one Apply wrote) was alfentanil. A warning about the regimen the plan switched
from names its line (drug, route, form, as needed), never a row number of a regimen no longer
shown (``wording.lines_named``, read by ``applied_plan_view``)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.presentation.applied_plan import applied_plan_view
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation

MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
OXY_NONE = {"drug": "oxycodone", "route": "oral", "form": "IR", "prn": True, "dose": "5 mg",
            "doses_per_day": 0}  # fmt: skip
KETAMINE = {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"}
MORPHINE_TWICE = {**MORPHINE, "dose": "10 mg"}
ROW_LEAD = re.compile(r"^Rows? \d")
TARGETS = [
    {"drug": "fentanyl", "route": "transdermal", "form": "patch"},
    {"drug": "oxycodone", "route": "sc", "continuous": True},
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
]


def _plan(items: list[dict[str, Any]], to: dict[str, Any], market: str | None = "UK") -> Any:
    request = {"from": {"items": items}, "to": to, "table": "uk-palliative", "market": market,
               "patient": {"egfr": "25 mL/min"}}  # fmt: skip
    return plan_rotation(request)


def test_the_reviewers_none_taken_line_is_named_after_apply() -> None:
    plan = _plan([MORPHINE, OXY_NONE, KETAMINE], TARGETS[0])
    before = [w.message for w in plan_view(plan).warnings]
    assert any(m.startswith("Row 2: as-needed oxycodone") for m in before), before
    after = [w.message for w in applied_plan_view(plan).warnings]
    named = "Before the switch, oxycodone oral IR (as needed): as-needed oxycodone — none taken"
    assert any(m.startswith(named) for m in after), after
    assert not [m for m in after if ROW_LEAD.match(m)]


@settings(max_examples=30, deadline=None)
@given(
    order=st.permutations([MORPHINE, OXY_NONE, KETAMINE, MORPHINE_TWICE]),
    to=st.sampled_from(TARGETS),
    market=st.sampled_from(["UK", "US", None]),
)
def test_no_warning_after_apply_numbers_a_row(
    order: list[dict[str, Any]], to: dict[str, Any], market: str | None
) -> None:
    """Whatever the order of the lines, in any market's words, a warning the plan numbered by
    its rows is said after Apply by the lines' names; the rest are the plan's own words."""
    plan = _plan(order, to, market)
    before = plan_view(plan).warnings
    after = applied_plan_view(plan).warnings
    assert len(before) == len(after)
    for was, now in zip(before, after, strict=True):
        assert not ROW_LEAD.match(now.message), now.message
        if ROW_LEAD.match(was.message):
            tail = was.message.partition(":")[2]
            assert now.message.startswith("Before the switch, ") and now.message.endswith(tail)
        else:
            assert now.message == was.message
