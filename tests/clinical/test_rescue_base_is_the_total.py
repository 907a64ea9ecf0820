"""Clinician review 17, #1 (high): one value for a regular line, in the total and the rescue base.

SC oxycodone 20 mg/day + oral oxycodone IR 5 mg as needed, from a patch 25 + morphine rescues
(uk-palliative): the proposal's total valued the SC line as a target (factor 3 = oral 1.5 x the
set's oral:SC 2:1, 60 mg/day OME) but the rescue base valued it by the row (factor 2, 40). So the
5 mg rescue was "outside 1/6" and summed with its count: 4 doses read DANGER "risk of overdose",
2 doses WITHIN, "not reported" was refused. The rule (``rescue_base``): the rescue base is the
proposal's regular lines valued by the very function that values the proposal's total, and the
rescue's own drug by the same reading, so a count on a rescue of the plan's size never changes
the verdict.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "review17"
OUTSIDE = "breakthrough-dose-outside-rule"


@pytest.mark.parametrize("count", ["", "-2", "-notreported"])
def test_the_sc_oxycodone_order_with_an_oral_rescue_reads_within_whatever_its_count(
    count: str,
) -> None:
    done = run_cli("check", "--json", str(FIXTURES / f"check-sc-oxy-oral-rescue{count}.json"))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["verdict"] == "within", result["reasons"]
    assert result["proposed_ome_per_day"] == pytest.approx(60)
    assert list(result["proposed_rescues"]) == [1]
    assert not [w for w in result["warnings"] if w["code"] == OUTSIDE], result["warnings"]


CURRENT = [
    [
        {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
         "doses_per_day": 2},
    ],
    [
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
         "doses_per_day": 2},
    ],
    [{"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "40 mg", "frequency": "q12h"}],
    [
        {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "50 mcg/h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "20 mg",
         "doses_per_day": 3},
    ],
    [{"drug": "morphine", "route": "sc", "form": "injection", "rate": "40 mg/day"}],
    [
        {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "60 mg", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
         "doses_per_day": 2},
    ],
    [{"drug": "hydromorphone", "route": "oral", "form": "MR", "dose": "8 mg", "frequency": "q12h"}],
]  # fmt: skip
TARGETS = [
    {"drug": "oxycodone", "route": "sc", "continuous": True},
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "hydromorphone", "route": "sc", "continuous": True},
    {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"},
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "iv", "continuous": True},
]
COUNTS: list[Any] = [1, 2, 3, 4, 5, 6, "not reported"]


def _plan(current: list[dict[str, Any]], to: dict[str, Any], table: str) -> Any:
    try:
        return plan_rotation({"from": {"items": current}, "to": to, "table": table}, tables=TABLES)
    except MpsPainError:
        return None


def _regular(plan: Any, share: float) -> dict[str, Any] | None:
    """The plan's regimen at ``share`` of the way from its own daily dose to its range's top
    (``share`` > 0) or bottom (< 0), as a daily amount of the same drug, route and form."""
    daily = plan.target_daily_dose
    if daily is None or daily.unit != "mg/day" or plan.rounded_daily_dose is None:
        return None
    equianalgesic = plan.equianalgesic_daily_dose.value
    top = equianalgesic * (1 - plan.reduction_low)
    bottom = equianalgesic * (1 - plan.reduction_high)
    own = plan.rounded_daily_dose.value
    amount = own + share * max(0.0, (top - own) if share > 0 else (own - bottom))
    regimen = plan.regimen
    line = {"drug": regimen.drug, "route": regimen.route, "form": regimen.form}
    if regimen.rate is not None:
        return {**line, "rate": f"{amount:.4g} mg/day"}
    return {**line, "daily_dose": f"{amount:.4g} mg/day"}


def _verdict(current: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    try:
        result = check_proposal(document, tables=TABLES)
    except MpsPainError as error:
        return ("refused", type(error).__name__)
    return (result.verdict, result.proposed_ome_per_day, result.not_signable)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    current=st.sampled_from(CURRENT),
    to=st.sampled_from(TARGETS),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    share=st.floats(-1, 1),
)
def test_a_plans_own_breakthrough_beside_its_regimen_never_turns_on_its_count(
    current: list[dict[str, Any]], to: dict[str, Any], table: str, share: float
) -> None:
    """For every plan the planner makes: its regimen, or a proposal anywhere in its range (a
    proposal below the plan's own dose makes the plan's rescue more than 1/6 of it: still an
    order sized for the regular dose the switch calls for), with the plan's own breakthrough dose
    at any count 1-6 or "not reported"."""
    plan = _plan(current, to, table)
    assume(plan is not None and plan.breakthrough is not None)
    assume(plan.breakthrough.dose is not None)
    regular = _regular(plan, share)
    assume(regular is not None)
    bt = plan.breakthrough
    rescue = {"drug": bt.drug, "route": bt.route, "form": bt.form, "prn": True,
              "dose": f"{bt.dose.value} {bt.dose.unit}"}  # fmt: skip
    seen = {
        _verdict(current, [regular, {**rescue, "doses_per_day": count}], table) for count in COUNTS
    }
    assert len(seen) == 1, (plan.regimen, bt, seen)


def test_the_size_cautions_base_is_the_proposals_total() -> None:
    """A too-small rescue names the regular dose the verdict uses (60, not the row's 40)."""
    document = json.loads((FIXTURES / "check-sc-oxy-oral-rescue.json").read_text())
    document["proposed"]["items"][1]["dose"] = "2 mg"  # below 1/10 of 40 mg/day oral oxycodone
    result = check_proposal(document, tables=TABLES)
    outside = [w for w in result.warnings if w.code == OUTSIDE]
    assert result.proposed_ome_per_day == pytest.approx(60)
    assert outside and "60 mg/day OME (as oxycodone oral, 40 mg/day)" in outside[0].message
