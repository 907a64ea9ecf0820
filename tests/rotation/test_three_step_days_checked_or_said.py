"""Pharmacist review 19, L7: the plan's own three-step methadone first days could not be checked.
B02 (morphine ER 200 mg q12h → methadone by the Japanese label, three steps, JP) gives on days
1–3 "morphine oral ER 130 mg q12h; methadone 5 mg tid"; written as an order (vin/V14b) the check
refuses it ("a proposal with methadone beside another opioid cannot be judged as one switch"),
and the plan did not say so: of its three orders only the day-7 one passed "its own check".

Decided (docs/rotation.md, "Methadone"): the check does not judge a step's combined exposure (no
source gives a range for methadone beside the previous opioid); the plan says plainly, in a
caution naming the days, that they cannot be checked as one order and how to check them.
Property over generated three-step plans: each step, written as the order it gives, is judged
within by the check, or the plan's caution names its days.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.schedule_not_one_order import NOT_ONE_ORDER, STEPS_NOT_ONE_ORDER
from mps_pain.errors import InputError, MpsPainError
from mps_pain.services.rotation_service import check_proposal
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

METHADONE = re.compile(r"methadone (?P<amount>[\d.]+) (?P<unit>mg|micrograms)(?P<solution> as "
                       r"oral solution)? (?P<every>\S+) \(")  # fmt: skip
# ER, or MR where the market asked writes it so (UK, AU, NZ: pharmacist review 19, L9)
PREVIOUS = re.compile(r"give (?P<drug>\w+) oral (?:ER|MR) (?P<mg>[\d.]+) mg")


def _step_order(action: str, item: dict[str, Any]) -> list[dict[str, Any]]:
    """The order a step gives: the previous opioid's dose to give and the methadone line."""
    order = []
    previous = PREVIOUS.search(action)
    if previous is not None:
        order.append({**item, "dose": f"{previous['mg']} mg"})
    methadone = METHADONE.search(action)
    if methadone is not None:
        line = {"drug": "methadone", "route": "oral", "frequency": methadone["every"],
                "dose": f"{methadone['amount']} {methadone['unit']}"}  # fmt: skip
        if methadone["solution"]:
            line["form"] = "oral solution"
        order.append(line)
    return order


def _said(plan: RotationPlan, when: str) -> bool:
    """The plan's caution names the step's days ("days 4–6") among those not one order."""
    days = re.fullmatch(r"days? (\d+)(?:–(\d+))?\+?", when)
    assert days is not None, when
    first, last = int(days[1]), int(days[2] or days[1])
    for warning in plan.warnings:
        said = re.match(rf"Days (\d+)–(\d+) of the three-step switch {NOT_ONE_ORDER}: ",
                        warning.message)  # fmt: skip
        ours = warning.code == STEPS_NOT_ONE_ORDER and said is not None
        if ours and int(said[1]) <= first and last <= int(said[2]):
            return True
    return False


def _judged_within(request: dict[str, Any], order: list[dict[str, Any]]) -> bool:
    # the check takes no method or schedule: it judges every method's range
    plan_only = ("to", "methadone_method", "methadone_schedule")
    check = {key: value for key, value in request.items() if key not in plan_only}
    check["proposed"] = {"items": order}
    try:
        return check_proposal(check).verdict == "within"
    except MpsPainError:
        return False


@GENERATED
@given(
    drug=st.sampled_from(["morphine", "oxycodone"]),
    mg_per_dose=st.sampled_from([10, 15, 30, 40, 60, 100, 120, 150, 200, 300]),
    method=st.sampled_from(["ccdhb", "msd-quill", "jp-label"]),
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
    market=st.sampled_from([None, "UK", "US", "JP", "AU"]),
)
def test_each_step_is_judged_within_or_says_it_cannot_be(
    drug: str, mg_per_dose: int, method: str, table: str, market: str | None
) -> None:
    item = {"drug": drug, "route": "oral", "form": "ER", "dose": f"{mg_per_dose} mg",
            "frequency": "q12h"}  # fmt: skip
    request = generated_request(
        [item],
        {"drug": "methadone", "route": "oral"},
        table,
        market=market,
        methadone_method=method,
        methadone_schedule="three-step",
    )
    plan = plan_or_discard(request)
    days = [entry for entry in plan.schedule if entry.when.startswith("day")]
    assert len(days) == 3, [e.action for e in plan.schedule]
    for entry in days:
        order = _step_order(entry.action, item)
        assert order, entry.action
        assert _said(plan, entry.when) or _judged_within(request, order), entry
    # the last step is methadone alone, the plan's regimen: the check judges it, never said so
    assert _judged_within(request, _step_order(days[-1].action, item)), days[-1]
    assert not _said(plan, days[-1].when)


def test_b02_days_1_to_6_say_how_they_are_checked() -> None:
    item = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "200 mg",
            "frequency": "q12h"}  # fmt: skip
    request = generated_request(
        [item],
        {"drug": "methadone", "route": "oral"},
        "jspm-2010",
        market="JP",
        methadone_method="jp-label",
        methadone_schedule="three-step",
    )
    plan = plan_or_discard(request)
    first, second, last = (e for e in plan.schedule if e.when.startswith("day"))
    assert "give morphine oral ER 130 mg" in first.action
    assert "methadone 5 mg tid" in first.action
    assert _said(plan, first.when) and _said(plan, second.when) and not _said(plan, last.when)
    caution = next(w for w in plan.warnings if w.code == STEPS_NOT_ONE_ORDER)
    assert caution.severity == "caution"
    assert "Check the day 7+ order (methadone alone) against the current regimen" in (
        caution.message
    )
    assert not _judged_within(request, _step_order(first.action, item))
    # the check's refusal of such an order points to the plan's caution (vin/V14b)
    check = {"from": request["from"], "table": "jspm-2010", "market": "JP",
             "proposed": {"items": _step_order(first.action, item)}}  # fmt: skip
    said = re.escape("three-step switch to methadone is checked as its plan's caution says")
    with pytest.raises(InputError, match=said):
        check_proposal(check)
    assert _judged_within(request, _step_order(last.action, item))


def test_a_step_names_only_the_regular_lines_it_steps() -> None:
    """The as-needed lines are not stepped: they stop when methadone starts (their own entry).
    A step said "previous opioid(s) at 66.7% of the current doses (oxycodone oral ER 20 mg
    q12h …; morphine oral IR 10 mg as needed …)", as if the as-needed dose were lowered too."""
    regular = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg",
               "frequency": "q12h"}  # fmt: skip
    prn = {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
           "doses_per_day": 2}  # fmt: skip
    request = generated_request(
        [regular, prn],
        {"drug": "methadone", "route": "oral"},
        "uk-palliative",
        methadone_method="ccdhb",
        methadone_schedule="three-step",
    )
    plan = plan_or_discard(request)
    first, second, _ = (e for e in plan.schedule if e.when.startswith("day"))
    for step in (first, second):
        assert "of the current doses (oxycodone oral ER 20 mg q12h (40 mg/day)):" in step.action
        assert "morphine oral IR" not in step.action
    stop = next(e for e in plan.schedule if e.when == "when methadone starts")
    assert "Stop the current as-needed morphine oral IR 10 mg" in stop.action
