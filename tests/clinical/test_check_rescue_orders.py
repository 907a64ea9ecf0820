"""Pharmacist review 15, D4, and clinician review 15, #1: the check and a proposal's rescues.

- D4 (medium): a plan's complete order, its regimen and its breakthrough dose, typed into
  `check` as printed was refused ("missing doses_per_day"), and with a count of doses it read
  "DANGER: ABOVE the expected range" on the planner's own plan (A01: morphine SC 1.25 mg/h +
  5 mg SC as needed × 3 = 45 against 20–30 mg/day). A rescue written beside a regular opioid is
  an order up to a ceiling, not an intake: the check leaves it out of the proposed daily amount,
  as the plan leaves its breakthrough out of the new regimen, says so, marks its row
  (`proposed_rescues`), and judges its size by the rescue rule (`rescue_fit_warnings`). That
  is a rescue written as the plan prints it, its doses a day "not reported". Clinician review 16,
  #2 (high) reversed D4's "a count stays an intake": a count on a proposed rescue is its expected
  use, shown but never summed (a pharmacist cut a correct order after a false DANGER).
- #1 (high): a proposal of a regular opioid with no breakthrough dose read WITHIN in green,
  though the patient had used two rescues a day. A proposal whose regular opioid has no
  as-needed line beside it carries a caution naming the sourced breakthrough rule.

An as-needed-only proposal is still the amount proposed (its doses a day are the order).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, reject
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_rescues import NO_BREAKTHROUGH, SEVERAL_RESCUES
from mps_pain.presentation.orders import RESCUE_MARK
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli
from tests.clinical.test_planner_check_property import ARGS
from tests.rotation.generated import generated_request, plan_or_discard

TABLES = get_tables()
ORAL_ER = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
INFUSION = {"drug": "morphine", "route": "sc", "rate": "1.25 mg/h"}
# a breakthrough order as the plan prints it: no count of doses ("not reported")
RESCUE = {"drug": "morphine", "route": "sc", "dose": "5 mg", "prn": True,
          "doses_per_day": "not reported"}  # fmt: skip


def _check(proposed: list[dict[str, Any]], current: list[dict[str, Any]] | None = None) -> Any:
    document = {"from": {"items": current or [ORAL_ER]}, "proposed": {"items": proposed}}
    return check_proposal(document, tables=TABLES)


def test_a01_the_plans_full_order_reads_as_its_regimen() -> None:
    alone, full = _check([INFUSION]), _check([INFUSION, RESCUE])
    assert (full.verdict, full.proposed_ome_per_day) == (alone.verdict, alone.proposed_ome_per_day)
    assert full.verdict == "within" and full.proposed_rescues == (1,)
    assert any(reason.startswith("Breakthrough order (row 2)") for reason in full.reasons)
    assert not any(w.code == NO_BREAKTHROUGH for w in full.warnings)
    assert any(w.code == NO_BREAKTHROUGH for w in alone.warnings)


def test_a_counted_rescue_beside_a_regular_opioid_is_an_order_not_an_intake() -> None:
    """Clinician review 16, #2 (high), reversing session 14's D4 ("a count stays an intake"): a
    proposed as-needed line beside a regular opioid is an order whatever its count. Nobody
    knows the doses taken of an order not yet written: a count on it is the expected use,
    shown in the orders but never summed, and the proposal's as-needed choice changes nothing."""
    counted = RESCUE | {"doses_per_day": 3}
    alone = _check([INFUSION])
    for prn in (None, "include", "exclude"):
        proposed: dict[str, Any] = {"items": [INFUSION, counted]} | ({"prn": prn} if prn else {})
        full = check_proposal({"from": {"items": [ORAL_ER]}, "proposed": proposed}, tables=TABLES)
        assert (full.verdict, full.proposed_ome_per_day) == ("within", 30), prn
        assert full.proposed_ome_per_day == alone.proposed_ome_per_day
        assert full.proposed_rescues == (1,), prn


def test_a_counted_rescue_beyond_the_rule_is_still_summed() -> None:
    """The breakthrough-size rule is unchanged: a dose above 1/6 of the regular opioid's 24-h
    OME is not set aside as an order (pharmacist re-check 15b); with a count it is summed."""
    huge = RESCUE | {"dose": "20 mg", "doses_per_day": 2}  # 20 mg SC against 30 mg/day SC
    result = _check([INFUSION, huge])
    assert result.proposed_rescues == () and result.proposed_ome_per_day > 30


@pytest.mark.parametrize("count", [0, 2, 5, "not reported"])
def test_the_current_rescue_repeated_beside_the_same_regular_reads_as_unchanged(count) -> None:
    """Start from the current regimen and change nothing but the rescue's count: nothing is
    prescribed differently, so the rescue reads as the current one (its doses taken on both
    sides) and the regimen as unchanged; raise the regular dose and it is a new order."""
    rescue = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True}
    current = [ORAL_ER, rescue | {"doses_per_day": 2}]
    same = _check([ORAL_ER, rescue | {"doses_per_day": count}], current)
    assert (same.verdict, same.proposed_ome_per_day) == ("within", 80), same.reasons
    assert same.proposed_rescues == ()
    raised = _check([ORAL_ER | {"dose": "40 mg"}, rescue | {"doses_per_day": count}], current)
    assert (raised.proposed_ome_per_day, raised.proposed_rescues) == (80, (1,)), raised.reasons


REVIEW16 = Path(__file__).parent / "fixtures" / "review16"


@pytest.mark.parametrize("count", [1, 2, 4, 6, 0])
def test_review16_a_counted_rescue_reads_as_not_reported(count: int) -> None:
    """Clinician review 16, #2: morphine MR 30 mg q12h + IR 10 mg prn × 2 (80 OME) → oxycodone
    MR 20 mg q12h + IR 5 mg prn with a count read ABOVE or DANGER; "not reported" read WITHIN.
    Every count gives the verdict and amount of "not reported"."""
    document = json.loads((REVIEW16 / "check-rescue-summed.json").read_text())
    document["proposed"]["items"][1]["doses_per_day"] = count
    counted = run_cli("check", "-", stdin=json.dumps(document))
    reported = run_cli("check", str(REVIEW16 / "check-rescue-nr.json"))
    assert counted.returncode == reported.returncode == 0, counted.stderr + reported.stderr
    head = counted.stdout.splitlines()[:3]
    assert head == reported.stdout.splitlines()[:3], counted.stdout[:600]
    assert head[0].startswith("Verdict: WITHIN") and "Proposed: 60 mg/day OME" in head[2]
    assert "DANGER" not in counted.stdout
    rescue = next(line for line in counted.stdout.splitlines() if "5 mg as needed" in line)
    assert rescue.endswith(f"— {RESCUE_MARK}"), rescue
    if count:
        assert f"about {count} dose" in rescue and "expected" in rescue, rescue


def test_a_patch_with_an_oral_rescue_reads_as_the_patch() -> None:
    patch = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
    oral = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
            "doses_per_day": "not reported"}  # fmt: skip
    current = [ORAL_ER | {"dose": "45 mg"}]
    alone, full = _check([patch], current), _check([patch, oral], current)
    assert (full.verdict, full.proposed_ome_per_day) == (alone.verdict, alone.proposed_ome_per_day)
    assert full.proposed_rescues == (1,)


def test_clinician_no_rescue_is_a_caution() -> None:
    current = [
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True,
         "doses_per_day": 2},
    ]  # fmt: skip
    result = _check([ORAL_ER], current)
    assert result.verdict == "within"
    caution = next(w for w in result.warnings if w.code == NO_BREAKTHROUGH)
    assert caution.severity == "caution" and caution.source


def test_an_as_needed_only_proposal_is_still_its_amount() -> None:
    as_needed = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
                 "doses_per_day": 6}  # fmt: skip
    result = _check([as_needed])
    assert result.proposed_ome_per_day == 60 and result.proposed_rescues == ()
    assert not any(w.code == NO_BREAKTHROUGH for w in result.warnings)


@given(**ARGS, count=st.one_of(st.integers(1, 6), st.just("not reported")))
def test_every_plan_with_its_breakthrough_passes_as_its_regimen(
    lines, to, table, market, patient, pain, count
) -> None:
    """The plan's regimen and its own breakthrough dose read as the regimen alone, whatever
    count of doses a day the order carries (1-6, or not reported; clinician review 16, #2)."""
    request = generated_request(
        lines, to, table, patient=patient, market=market, pain_controlled=pain
    )
    plan = plan_or_discard(request)
    rescue = plan.breakthrough
    assume(plan.regimen.dose is not None or plan.regimen.rate is not None)
    if rescue is None or rescue.dose is None or plan.regimen.prn:
        reject()  # no printed rescue dose (methadone's is agreed with the specialist)
    regimen = plan.regimen.model_dump(mode="json", exclude_none=True)
    order = {"drug": rescue.drug, "route": rescue.route, "dose": rescue.dose.model_dump(),
             "prn": True, "doses_per_day": count} | (
                 {"form": rescue.form} if rescue.form else {})  # fmt: skip
    base: dict[str, Any] = {"from": {"items": lines}, "table": table, "patient": patient}
    base |= ({"market": market} if market else {}) | (
        {"pain_controlled": pain} if pain is not None else {}
    )
    alone = check_proposal(base | {"proposed": {"items": [regimen]}}, tables=TABLES)
    full = check_proposal(base | {"proposed": {"items": [regimen, order]}}, tables=TABLES)
    context = (request, regimen, order, full.reasons)
    assert full.verdict == alone.verdict, context
    assert full.proposed_ome_per_day == alone.proposed_ome_per_day, context
    assert not any(w.code == NO_BREAKTHROUGH for w in full.warnings), context
    # the plan's one breakthrough dose is never two rescues (pharmacist re-check 15b, #10)
    assert not any(w.code == SEVERAL_RESCUES for w in full.warnings), context


def test_the_command_line_marks_the_breakthrough_order() -> None:
    document = {"from": {"items": [ORAL_ER]}, "proposed": {"items": [INFUSION, RESCUE]}}
    done = run_cli("check", "-", stdin=json.dumps(document))
    assert done.returncode == 0, done.stderr
    rescue = next(line for line in done.stdout.splitlines() if "5 mg as needed" in line)
    assert rescue.endswith(f"— {RESCUE_MARK}")
    infusion = next(line for line in done.stdout.splitlines() if "1.25 mg/h" in line)
    assert RESCUE_MARK not in infusion


RECHECK = Path(__file__).parent / "fixtures" / "recheck15b"


@pytest.mark.parametrize(
    "name",
    [
        "B02-rescue-huge.json",  # oxycodone IR 200 mg beside 60 mg/day ER
        "B14-buccal-1600.json",  # buccal fentanyl 1600 mcg beside a 25 mcg/h patch
        "B16-rescue-hm-24.json",  # hydromorphone 24 mg beside oxycodone 60 mg/day
        "B18-rescue-morphine-100.json",
        "B19-rescue-oxy-sc-50.json",
    ],
)
def test_recheck_15b_a_rescue_beyond_the_rule_is_not_set_aside(name: str) -> None:
    """Pharmacist re-check 15b, #1 and #2 (high): after D4, a rescue of any size or drug written
    "not reported" was set aside unjudged (hydromorphone 24 mg, buccal fentanyl 1600 mcg:
    WITHIN). A rescue is set aside only when one dose is within the sourced rule, at most 1/6 of
    the regular opioid's 24-h OME under the set; any other is refused for its missing count, as
    before, and never reads WITHIN."""
    done = run_cli("check", str(RECHECK / name))
    assert done.returncode == 2 or "WITHIN" not in done.stdout.splitlines()[0], done.stdout[:300]
    if done.returncode == 2:
        assert "doses_per_day" in done.stderr, done.stderr
