"""Pharmacist re-check 20d, H-1, the part left open by da8da49: under jspm-2010 a rescue beside
an infusion is judged by its top, but a fentanyl rescue was skipped (the 1/6 rule's source
excludes fentanyl, ``breakthrough.fraction_excludes``), so 250 mcg IV beside 25 mcg/h read
WITHIN. The set's own rule for an infusion's rescue is the 1-hour amount as a bolus (JSPM 2010
ch. 3 rec. 21, ``breakthrough.infusion_rescue``): a fentanyl rescue beside a JSPM infusion is
judged against the planner's own bolus for the whole regular dose, never "below"; above it the
verdict is ``rescue_above``, and the danger is the one rule of every rescue
(``above_danger``: more than twice 1/6 of the 24-h dose). Under a set without that rule the
plan gives no fentanyl rescue and the check does not size one (``excluded_note``): kept."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.errors import MpsPainError
from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from mps_pain.units import scale
from tests.clinical.infusion_plans import planned_infusion
from tests.rotation.generated import DEAR

TABLES = get_tables()
RULES = rotation_rules(TABLES).breakthrough
CASE = Path(__file__).parent / "fixtures" / "review20d" / "big0-N08-mor120-fentIV-jspm-JP.json"
OUTSIDE = "breakthrough-dose-outside-rule"


def _case(dose: str, table: str = "jspm-2010", count: Any = "0") -> dict[str, Any]:
    document = json.loads(CASE.read_text())
    document["table"] = table
    document["proposed"]["items"][1] |= {"dose": dose, "doses_per_day": count}
    return document


def test_the_reviewers_250_mcg_beside_25_mcg_an_hour_is_a_danger() -> None:
    """250 mcg is 10 times the 1-hour amount (25 mcg) and above 1/3 of the 600 mcg a day."""
    result = check_proposal(json.loads(CASE.read_text()), tables=TABLES)
    assert result.verdict == "rescue_above", (result.verdict, result.reasons)
    above = result.rescues_above[0]
    assert (above.index, above.drug, above.danger) == (1, "fentanyl", True)
    assert above.high_mg == pytest.approx(0.025) and above.times == pytest.approx(10)
    assert OUTSIDE in [w.code for w in result.warnings]
    view = check_view(result)
    assert (view.verdict, view.severity.name) == ("danger", "danger")
    assert "1-hour amount" in view.verdict_sentence, view.verdict_sentence


@pytest.mark.parametrize("count", ["0", "1", "6"])
def test_twice_the_bolus_is_above_but_not_a_danger(count: str) -> None:
    """50 mcg: twice the 1-hour amount, 1/12 of the day, under the danger's 1/3."""
    result = check_proposal(_case("50 mcg", count=count), tables=TABLES)
    assert result.verdict == "rescue_above", (result.verdict, result.reasons)
    assert not result.rescues_above[0].danger
    assert check_view(result).severity.name == "caution"


@pytest.mark.parametrize("dose", ["25 mcg", "20 mcg", "10 mcg", "5 mcg"])
def test_the_bolus_and_less_reads_within_never_below(dose: str) -> None:
    result = check_proposal(_case(dose), tables=TABLES)
    assert result.verdict == "within" and result.rescues_above == ()
    assert OUTSIDE not in [w.code for w in result.warnings]


@pytest.mark.parametrize("table", ["fpm-2021"])
def test_under_a_set_without_the_infusion_rule_fentanyl_is_not_sized(table: str) -> None:
    """The plan gives no fentanyl rescue there (``excluded_note``: agree it with the palliative
    care team), so no source sizes it; changed on purpose (pharmacist re-check 21b, N-2, the
    lead's decision): the program's own danger ceiling bounds every rescue, more than twice 1/6
    of the whole regular dose (600 mcg a day: 1/6 is 100 mcg). 250 mcg is above it: a danger,
    ``rescue_above`` read against 1/6 (no source's size); 150 mcg, under it, is not sized: the
    caution, no ``rescues_above``."""
    result = check_proposal(_case("250 mcg", table=table), tables=TABLES)
    assert result.verdict == "not_reduced", result.reasons  # kept: the amount's own verdict
    above = result.rescues_above[0]
    assert above.danger and not above.sized and above.times == pytest.approx(2.5)
    assert above.danger_top_mg == pytest.approx(0.1) == above.high_mg
    assert "danger" in {w.severity for w in result.warnings if w.code == OUTSIDE}
    under = check_proposal(_case("150 mcg", table=table), tables=TABLES)
    assert under.rescues_above == ()
    assert OUTSIDE not in [w.code for w in under.warnings]
    assert "breakthrough-dose-not-sized" in [w.code for w in under.warnings]


def _rescue(plan: Any, value: float, count: Any) -> dict[str, Any]:
    bt = plan.breakthrough
    return {"drug": bt.drug, "route": bt.route, "form": bt.form, "prn": True,
            "dose": {"value": value, "unit": bt.high.unit}, "doses_per_day": count}  # fmt: skip


def _top(plan: Any) -> float:
    """The top the set's rule gives (an independent reading of data/): for a drug the 1/6 rule's
    source excludes, the planner's 1-hour bolus; for another, 1/6 of the 24-h amount."""
    bt = plan.breakthrough
    if bt.drug in RULES.fraction_excludes:
        return float(bt.high.value)
    rate = plan.regimen.rate  # the rate the check reads, as the bolus's mass a day
    per_day = rate.value * scale(rate.unit, f"{bt.high.unit}/h") * 24
    return float(per_day * RULES.fraction_high)


TARGETS = [("fentanyl", "iv"), ("morphine", "iv"), ("morphine", "sc"), ("oxycodone", "iv"),
           ("oxycodone", "sc")]  # fmt: skip


@DEAR
@given(
    daily=st.integers(10, 600),
    to=st.sampled_from(TARGETS),
    times=st.floats(1.06, 30),
    count=st.sampled_from([0, 1, 6, "not reported"]),
)
@example(daily=120, to=("fentanyl", "iv"), times=10.0, count=0)  # the reviewer's case
def test_no_rescue_above_the_sets_rule_reads_within_and_the_plans_own_does(
    daily: int, to: tuple[str, str], times: float, count: Any
) -> None:
    """Under jspm-2010, for a plan's own infusion: its own rescue reads WITHIN (rotate → check),
    and a rescue of its drug above the set's rule never does, whatever its count."""
    found = planned_infusion(daily, to, "jspm-2010")
    if found is None:
        return  # no infusion plan whose own rate reads within (``plan_within``)
    plan, base = found
    if plan.breakthrough is None or plan.breakthrough.high is None:
        return
    regimen = plan.regimen.model_dump(mode="json", exclude_none=True)
    own = plan.breakthrough.dose.value if plan.breakthrough.dose else None
    if own is not None:
        items = [regimen, _rescue(plan, own, count)]
        mine = check_proposal(base | {"proposed": {"items": items}}, tables=TABLES)
        assert mine.verdict == "within" and mine.rescues_above == (), (daily, to, mine.reasons)
    big = math.ceil(_top(plan) * times * 1000) / 1000
    order = {"items": [regimen, _rescue(plan, big, count)]}
    try:
        result = check_proposal(base | {"proposed": order}, tables=TABLES)
    except MpsPainError:  # refused (a count left out of an order above 1/6, or a day's
        return  # intake far beyond clinical doses): never WITHIN
    assert result.verdict != "within" and result.rescues_above, (daily, to, big, result.reasons)


def test_a_fentanyl_rescue_beside_another_opioids_infusion_is_judged_by_the_bolus_too() -> None:
    """Beside IV morphine 1.25 mg/h the whole regular dose as IV fentanyl is 600 mcg a day
    under the set: the 1-hour amount, 25 mcg, is the top, whatever the infusion's drug."""
    document = _case("30 mcg")
    document["proposed"]["items"][0] = {"drug": "morphine", "route": "iv", "form": "injection",
                                        "rate": "1.25 mg/h"}  # fmt: skip
    above = check_proposal(document, tables=TABLES).rescues_above
    assert [(r.drug, r.danger) for r in above] == [("fentanyl", False)]
    assert above[0].high_mg == pytest.approx(0.025)
    document["proposed"]["items"][1]["dose"] = "25 mcg"
    assert check_proposal(document, tables=TABLES).rescues_above == ()
