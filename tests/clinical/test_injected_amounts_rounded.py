"""Clinician review 11 #5 and docs/clinical-review.md "Open after session 10": injected plans
printed unrounded amounts — a CSCI of "33.6 mg over 24 h by syringe driver (1.4 mg/h)", rescue
doses of 7.48 mg, pump rates of 1.87 mg/h — where a UK prescriber writes 30 or 35 mg/24 h.
Diamorphine has no dose strengths in the catalogue (it is drawn up by volume from ampoules), so
nothing rounded it but 3 significant figures of the hourly rate.

Every injected amount (an infusion's 24-h amount, a scheduled injected dose, a rescue bolus) is
rounded DOWN by one rule in data (``rotation.rounding.injected_step``): a multiple of the step its
size takes within its decade. The infusion's rate is the 24-h amount ÷ 24 h. The spread's "The
set's plan gives" says a CSCI as the headline does (the one wording function)."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import cli_text
from tests.rotation.generated import DEAR, plan_or_discard

TABLES = get_tables()
LADDER = [(s.at, s.step) for s in rotation_rules(TABLES).rounding.injected_step.ladder]


def _document(line: dict[str, Any], to: dict[str, Any], table: str = "uk-palliative") -> Any:
    return {"from": {"items": [line]}, "to": to, "table": table}


def _on_ladder(value: float) -> bool:
    """``value`` is a whole number of the step its decade and size take (read from data)."""
    decade = 10.0 ** math.floor(math.log10(value) + 1e-9)
    step = decade * [s for at, s in LADDER if value / decade >= at - 1e-9][-1]
    return math.isclose(value / step, round(value / step), abs_tol=1e-6)


def _on_a_finer_step(value: float) -> bool:
    """``value`` is a whole number of a ladder step of its decade or the two below (where the
    ladder's own step would leave the range: pharmacist review 12, #2)."""
    decade = 10.0 ** math.floor(math.log10(value) + 1e-9)
    steps = [decade * s / 10**k for k in range(3) for _, s in LADDER]
    return any(math.isclose(value / s, round(value / s), abs_tol=1e-6) for s in steps)


OXY_80 = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "40 mg", "frequency": "q12h"}
MORPHINE_120 = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg",
                "frequency": "q12h"}  # fmt: skip
DIAMORPHINE_CSCI = {"drug": "diamorphine", "route": "sc", "continuous": True}


def test_diamorphine_csci_is_a_round_24h_amount_with_a_round_rescue() -> None:
    # 80 mg/day oral oxycodone = 120 OME → diamorphine 40 mg/day, −25% = 30 mg/24 h
    document = _document(OXY_80, DIAMORPHINE_CSCI)
    plan = plan_rotation(RotationRequest.model_validate(document), tables=TABLES)
    assert plan.regimen.daily_dose is not None and plan.regimen.daily_dose.value == 30
    assert plan.regimen.rate is not None and plan.regimen.rate.value == 1.25
    assert plan.breakthrough is not None and plan.breakthrough.dose is not None
    assert plan.breakthrough.dose.value == 5  # 1/6 of 30
    text = cli_text("rotate", document)
    assert "diamorphine sc injection 30 mg over 24 h by syringe driver (1.25 mg/h)" in text


def test_same_drug_route_switch_keeps_its_whole_24h_amount() -> None:
    # 120 mg/day oral morphine ÷ 3 = 40 mg/24 h (was "39.84 mg over 24 h (1.66 mg/h)")
    plan = plan_rotation(
        RotationRequest.model_validate(_document(MORPHINE_120, DIAMORPHINE_CSCI)), tables=TABLES
    )
    assert plan.regimen.daily_dose is not None and plan.regimen.daily_dose.value == 40
    assert plan.breakthrough is not None and plan.breakthrough.dose is not None
    assert plan.breakthrough.dose.value == 6.5  # 1/6 of 40 = 6.67, down to the 0.5 mg step


def test_the_spread_says_a_csci_as_the_headline_does() -> None:
    document = _document(MORPHINE_120, {"drug": "morphine", "route": "sc", "continuous": True})
    view = plan_view(plan_rotation(RotationRequest.model_validate(document), tables=TABLES))
    given = [row.given for row in view.spread if row.current]
    assert given == ["60 mg over 24 h by syringe driver (2.5 mg/h)"], given


TARGETS = st.sampled_from(
    [
        DIAMORPHINE_CSCI,
        {"drug": "diamorphine", "route": "sc", "frequency": "q4h"},
        {"drug": "morphine", "route": "sc", "continuous": True},
        {"drug": "morphine", "route": "iv", "continuous": True},
        {"drug": "morphine", "route": "sc", "frequency": "q4h"},
        {"drug": "oxycodone", "route": "sc", "continuous": True},
        {"drug": "hydromorphone", "route": "sc", "continuous": True},
        {"drug": "alfentanil", "route": "sc", "continuous": True},
    ]
)


@DEAR  # the planner and the check on every draw: ~15 ms of CPU each
@given(
    st.floats(10, 800).map(lambda d: round(d, 1)),
    TARGETS,
    st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_every_injected_amount_is_on_the_step_and_passes_its_own_check(
    mg_per_day: float, to: dict[str, Any], table: str
) -> None:
    line = {"drug": "morphine", "route": "oral", "daily_dose": f"{mg_per_day} mg/day"}
    document = _document(line, to, table)
    plan = plan_or_discard(document)
    assume(plan.regimen.no_dose is None)
    amounts = [plan.regimen.daily_dose if plan.regimen.rate else plan.regimen.dose]
    bt = plan.breakthrough
    if bt is not None and bt.dose is not None and bt.route in ("sc", "iv", "im"):
        amounts.append(bt.dose)
    for amount in amounts:  # on the ladder, or a finer step where the ladder's leaves the range
        assert amount is not None, plan.regimen
        on = _on_ladder(amount.value) or (
            _on_a_finer_step(amount.value) and not plan.rounding_leaves_range
        )
        assert on, (amount, plan.regimen)
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    check = check_proposal(
        {"from": document["from"], "proposed": {"items": [proposal]}, "table": table},
        tables=TABLES,
    )
    assert check.verdict == "within" or (check.verdict == "below" and plan.rounding_leaves_range), (
        check.verdict,
        plan.regimen,
    )
