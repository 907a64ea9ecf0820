"""Clinician re-check 19b, R10: the page printed after Apply carries the plan's arithmetic in one
line and the regimen it switched from. The line is the plan's own numbers in order, as its
facts say them (the current total, the equianalgesic amount, the reduction and the amount after
it, the rounded amount), never a number of its own; the "from" lines are the plan's current
lines, each with its OME, their counted sum the total before the switch."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.numbers import ESTIMATE_FIGURES
from mps_pain.presentation.applied_check import ARITHMETIC
from mps_pain.presentation.applied_plan import TOTAL_BEFORE, applied_plan_view
from mps_pain.presentation.current_total import current_total_text
from mps_pain.presentation.wording import amount_text, estimate_text, percent_text, quantity
from mps_pain.services.rotation_service import plan_rotation

MORPHINE_MR = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg"} | {
    "frequency": "q12h"
}
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
RESCUE = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True}
PARACETAMOL = {"drug": "paracetamol", "route": "oral", "dose": "1 g", "frequency": "qid"}
TARGETS = (
    {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "fentanyl", "route": "transdermal"},
    {"drug": "hydromorphone", "route": "oral", "frequency": "q4h"},
    {"drug": "methadone", "route": "oral"},
)
REGIMENS = (
    [MORPHINE_MR],
    [PATCH, MORPHINE_MR, RESCUE | {"doses_per_day": 3}, PARACETAMOL],
)


def _cases() -> list[Any]:
    return [
        pytest.param(items, to, table, id=f"{len(items)}-{to['drug']}-{to['route']}-{table}")
        for items in REGIMENS
        for to in TARGETS
        for table in ("uk-palliative", "fpm-2021", "jspm-2010")
    ]


@pytest.mark.parametrize(("items", "to", "table"), _cases())
def test_the_arithmetic_is_the_plans_numbers_in_order(items, to, table) -> None:
    try:
        plan = plan_rotation({"from": {"items": items}, "to": to, "table": table, "market": "UK"})
    except MpsPainError as refused:  # a set without the target's row: nothing to apply
        pytest.skip(str(refused)[:80])
    view = applied_plan_view(plan)
    facts = {fact.label: fact.value for fact in view.facts}
    if plan.regimen.no_dose is not None or plan.rounded_daily_dose is None:
        assert ARITHMETIC not in facts
        return
    line = view.arithmetic
    assert facts[ARITHMETIC] == line
    eq = plan.equianalgesic_daily_dose
    pieces = [
        current_total_text(plan),
        f"equianalgesic {quantity(eq.value, eq.unit, ESTIMATE_FIGURES)}",
        f"{percent_text(plan.reduction)} less: {estimate_text(plan.target_daily_dose)}",
        f"rounded to {amount_text(plan.rounded_daily_dose)}",
    ]
    at = 0
    for piece in pieces:
        found = line.find(piece, at)
        assert found >= 0, (piece, line)
        at = found + len(piece)
    assert facts[TOTAL_BEFORE] == current_total_text(plan)
    # the lines it switched from: every current line, the counted opioids' OME summing to the
    # total before the switch
    assert len(view.switched_from) == len(plan.current)
    counted = [x.mme_per_day or 0.0 for x in plan.current if x.counted]
    assert sum(counted) == pytest.approx(plan.ome_per_day)
    for line_said, current in zip(view.switched_from, plan.current, strict=True):
        if current.mme_per_day is None:
            assert "adds no" in line_said, line_said
        else:
            assert f"{plan.ome_label}/day" in line_said, line_said
    if any(x.drug == "acetaminophen" for x in plan.current):  # the UK's words (market asked)
        assert any(s.startswith("paracetamol oral") for s in view.switched_from)
