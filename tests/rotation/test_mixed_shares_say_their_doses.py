"""Clinician re-check 19b, R11: one plan (fentanyl 25 mcg/h + oxycodone MR 20 mg bd +
oxycodone IR 5 mg as needed × 3, to a morphine syringe driver) gave the oxycodone "57.9% of the
OME" in its reduction guidance and "its own equivalent, 42.1% of the OME" in the 0-h step: the
guidance's share counts the as-needed doses, the step's does not, and the patch is 42.1% too,
so the reader could not tell which was which. Each share says which doses it counts where it
is said: a component with as-needed doses counted says so, the first part says it is the
regular doses only; a regimen with no as-needed dose counted reads as before."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.services.rotation_service import plan_rotation

PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
MR = {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "bid"}
IR = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True}
TO_CSCI = {"drug": "morphine", "route": "sc", "continuous": True}


def _request(items: list[dict[str, Any]], prn: str | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {"from": {"items": items}, "to": TO_CSCI, "table": "uk-palliative"}
    if prn is not None:
        request["from"]["prn"] = prn
    return request


def _first_step(plan) -> str:
    return plan.schedule[0].action


def test_the_ward_plan_names_each_share() -> None:
    plan = plan_rotation(_request([PATCH, MR, IR | {"doses_per_day": 3}]))
    reason = plan.reduction_reason
    assert "oxycodone oral (regular and as-needed doses): 57.9% of the OME" in reason, reason
    assert "the patch: 42.1% of the OME" in reason, reason
    step = _first_step(plan)
    assert "their own equivalent (regular doses only), 42.1% of the OME" in step, step


def test_no_as_needed_dose_counted_no_as_needed_words() -> None:
    plan = plan_rotation(_request([PATCH, MR, IR | {"doses_per_day": 3}], prn="exclude"))
    assert "as-needed doses)" not in plan.reduction_reason, plan.reduction_reason
    assert "(regular doses only)" in _first_step(plan)


@settings(max_examples=25, deadline=None)
@given(
    regular_mg=st.sampled_from([10, 20, 40]),
    taken=st.integers(min_value=0, max_value=6),
    prn=st.sampled_from(["include", "exclude", None]),
)
def test_a_share_counting_as_needed_doses_says_so(regular_mg: int, taken: int, prn) -> None:
    """Every share of the guidance whose component holds a counted as-needed dose says so,
    and no other does."""
    items = [PATCH, MR | {"dose": f"{regular_mg} mg"}, IR | {"doses_per_day": taken}]
    plan = plan_rotation(_request(items, prn))
    counted = any(
        line.prn and line.counted and (line.mme_per_day or 0) > 0 for line in plan.current
    )
    said = re.findall(
        r"oxycodone oral( \([^)]*doses\))?: [\d.]+% of the OME", plan.reduction_reason
    )
    assert said, plan.reduction_reason
    assert said[0] == (" (regular and as-needed doses)" if counted else ""), plan.reduction_reason


@pytest.mark.parametrize("prn", ["include", "exclude"])
def test_as_needed_only_beside_a_patch(prn: str) -> None:
    plan = plan_rotation(_request([PATCH, IR | {"doses_per_day": 4}], prn))
    if prn == "include":
        assert "oxycodone oral (as-needed doses): " in plan.reduction_reason, plan.reduction_reason
    else:
        assert "as-needed doses" not in plan.reduction_reason, plan.reduction_reason
