"""The plan's equianalgesic RANGE uses each ranged factor one way (clinician re-check 21b, D3).

The ward regimen (fentanyl patch 25 mcg/h, oral MR oxycodone 20 mg bid, oral IR oxycodone 5 mg
× 3) to SC oxycodone printed "47.5 mg/day (range 47.5–93.1)", step 2 "the OME range
142.5–186.2 … 142.5 ÷ 3 to 186.2 ÷ 2": the oral oxycodone was valued as SC oxycodone at × 3 and
converted back at ÷ 2. The cited ratios give at most 41.25 (55 mg oral ÷ 4:3) + 62.5 ÷ 2 = 72.5,
the page's own total span was 142.5–172.5, and the check calls 60–90 mg/24 h (inside the printed
range) an overdose.

Property, over regimens of uk-palliative's ranged rows (a patch, oral and SC oxycodone, SC
morphine, oral hydromorphone, unranged oral morphine) switched to SC oxycodone:
- the plan's OME range is the total's span ``compute_mme`` gives (``ranged_total``);
- each end of the equianalgesic range is one consistent choice of ends, worked here line by line
  and independently: an oxycodone line by the cited oral:SC ratio alone (its amount ÷ the ratio's
  end), every other line's OME at its factor's end ÷ the SC row's other end;
- every dose in the printed range that the check's expected range covers is not `above` in the
  check, and where the range reaches above the plan's figure the plan says it is not a dose to
  give (the check's range is narrower).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.mme import compute_mme
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.route_ratios import conversion
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.units import format_number_span
from tests.discarded import discard

TABLES = get_tables()
SET = "uk-palliative"
TARGET = {"drug": "oxycodone", "route": "sc", "form": "injection", "continuous": True}
PATIENT = {"age": 71, "weight": "62 kg", "egfr": "25 mL/min"}

WARD = [
    {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
    {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "bid"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "prn": True, "dose": "5 mg"}
    | {"doses_per_day": 3},
    {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
]

_LINES: tuple[Any, ...] = (
    st.sampled_from([12, 25, 37.5, 50]).map(
        lambda r: {
            "drug": "fentanyl",
            "route": "transdermal",
            "form": "patch",
            "rate": f"{r} mcg/h",
        }
    ),
    st.sampled_from([5, 10, 20, 30, 40]).map(
        lambda d: (
            {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": f"{d} mg"}
            | {"frequency": "bid"}
        )
    ),
    st.sampled_from([2.5, 5, 10]).map(
        lambda d: (
            {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": f"{d} mg"}
            | {"prn": True, "doses_per_day": 3}
        )
    ),
    st.sampled_from([5, 10, 20, 40]).map(
        lambda d: {"drug": "oxycodone", "route": "sc", "rate": f"{d} mg/24h"}
    ),
    st.sampled_from([5, 10, 20, 40]).map(
        lambda d: {"drug": "morphine", "route": "sc", "rate": f"{d} mg/24h"}
    ),
    st.sampled_from([2, 4, 8]).map(
        lambda d: (
            {"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": f"{d} mg"}
            | {"frequency": "q4h"}
        )
    ),
    st.sampled_from([10, 20, 30]).map(
        lambda d: (
            {"drug": "morphine", "route": "oral", "form": "MR", "dose": f"{d} mg"}
            | {"frequency": "bid"}
        )
    ),
)


def _plan(items: list[dict[str, Any]], drug: str = "oxycodone") -> Any:
    to = TARGET | {"drug": drug}
    return plan_rotation(
        {"from": {"items": items}, "to": to, "table": SET, "market": "UK", "patient": PATIENT}
    )


def _check(items: list[dict[str, Any]], mg_per_day: float, drug: str = "oxycodone") -> Any:
    proposed = {"drug": drug, "route": "sc", "form": "injection"}
    proposed |= {"rate": f"{mg_per_day} mg/24h"}
    return check_proposal(
        {
            "from": {"items": items},
            "proposed": {"items": [proposed]},
            "table": SET,
            "market": "UK",
            "patient": PATIENT,
        }
    )


def _step2(plan: Any) -> str:
    return next(s for s in plan.steps if s.startswith("2. "))


def _independent_range(plan: Any, drug: str) -> tuple[float, float]:
    """The least and most of SC ``drug`` (mg/day) at one consistent choice of ends each, line by
    line from the plan's current lines, the cited ratios and the SC row's factor range."""
    row = TABLES.find_factor(SET, drug, "sc", "injection", 100.0, location="t").factor
    assert row.range is not None
    f_low, f_high = row.range.low, row.range.high
    least = most = 0.0
    for line in plan.current:
        if not line.counted or line.mme_per_day is None or line.kind != "opioid":
            continue
        if line.drug == drug:  # a cited conversion to the target: by that ratio alone
            ratio = conversion(rotation_rules(TABLES), (drug, line.route), (drug, "sc"))
            assert ratio is not None and line.daily_dose is not None
            least += line.daily_dose.value / ratio.high
            most += line.daily_dose.value / ratio.low
            continue
        ends = line.factor_range or (line.factor, line.factor)
        assert line.dose_basis is not None
        least += line.dose_basis.value * ends[0] / f_high
        most += line.dose_basis.value * ends[1] / f_low
    return least, most


def _assert_consistent(items: list[dict[str, Any]], drug: str = "oxycodone") -> None:
    try:
        plan = _plan(items, drug)
    except MpsPainError as refusal:  # e.g. SC oxycodone alone: a dose change, not a switch
        discard(refusal)
    eq = plan.equianalgesic_daily_dose
    document = RegimenDocument.model_validate({"items": items})
    counted = compute_mme(TABLES, document, table_id=SET, prn_policy="include")
    span = counted.ranged_total
    total = counted.total_mme_per_day
    expected_span = (total, total) if span is None else (span.low, span.high)
    assert (plan.ome_low, plan.ome_high) == pytest.approx(expected_span), plan.ome_low
    least, most = _independent_range(plan, drug)
    assert eq.low == pytest.approx(min(least, eq.value), rel=2e-3), _step2(plan)
    assert eq.high == pytest.approx(max(most, eq.value), rel=2e-3), _step2(plan)
    step = _step2(plan)
    if step.startswith("2. Equianalgesic target") and eq.low != eq.high:  # by the set's factors
        if plan.ome_low != plan.ome_high:
            assert f"range {format_number_span(plan.ome_low, plan.ome_high, 'mg/day')}" in step
        if eq.high > eq.value:
            assert "not a dose to give" in step, step
    _assert_check_agrees(items, eq, drug)


def _assert_check_agrees(items: list[dict[str, Any]], eq: Any, drug: str) -> None:
    """Each dose of the printed range (its ends, its figure, a point between) that the check's
    expected range covers reads not above in the check."""
    for dose in {eq.low, eq.value, (eq.low + eq.high) / 2, eq.high}:
        amount = round(dose, 2)
        if amount <= 0:
            continue
        result = _check(items, amount, drug)
        if result.expected_high is None:  # a dose change of a kept line: no range to read
            continue
        if result.proposed_ome_per_day <= result.expected_high:
            assert result.verdict != "above", (amount, result.reasons)


def test_ward_regimen_range_is_the_cited_ratios_range() -> None:
    """The reviewer's case: 47.5–72.5 mg/day (not 93.1), from the total's span 142.5–172.5."""
    plan = _plan(WARD)
    eq = plan.equianalgesic_daily_dose
    assert (eq.value, eq.low, eq.high) == (47.5, 47.5, 72.5)
    step = _step2(plan)
    assert "the OME range 142.5–172.5 mg/day" in step, step
    assert "186.2" not in step and "93.1" not in step, step
    assert "lines 2, 3 by the cited ratio: 27.5–41.25 mg/day" in step, step
    assert "the other lines' 60–62.5 mg/day OME with factors 2–3, 60 ÷ 3 to 62.5 ÷ 2" in step
    assert "not a dose to give" in step, step


def test_ward_regimen_check_reads_the_plans_figure_not_above() -> None:
    result = _check(WARD, 47.5)
    assert result.verdict != "above", result.reasons
    assert _check(WARD, 72).verdict == "above"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    st.lists(st.one_of(*_LINES), min_size=1, max_size=3),
    st.sampled_from(["oxycodone", "morphine", "hydromorphone"]),
)
@example(WARD, "oxycodone")
def test_equianalgesic_range_is_one_consistent_choice(
    items: list[dict[str, Any]], drug: str
) -> None:
    _assert_consistent(items, drug)
