"""Clinician review 18 #5: Practice marked "10 mg q12h" "✓ Correct" on the hydromorphone level-3
UK exercise (answers 50, 25, 25%, 18, 10 mg q12h, 3) where the right dose is 15 mg q12h. 10 mg
q12h is 20 mg/day, an effective reduction of 62% from 53 OME/day, outside the sourced 25–50%: it
was accepted only because the rounding at the 50% end of the range gives it (and a trainee whose
own accepted 50% and 26.5 mg/day carry forward gets it too). Since the same session's
stated-reduction rule (pharmacist review 18, D2: a plan at a stated reduction never rounds below
the sourced range where a dose inside it exists), the planner at the 50% end gives 15 mg q12h, so
10 mg q12h is no longer accepted at all: it is WRONG, naming the right dose; the mark below stays
for any accepted answer that still leaves the range (the property).

A regimen accepted only because it follows from an end of the range or from the trainee's earlier
numbers, whose effective reduction lies outside the sourced range, is graded "follows, but not
the right dose" (``KeyGrade.follows_only``): still scored as accepted (one mistake is counted
once), never the green tick; so is a breakthrough dose accepted only from such a regimen. The
planner's own answer is never so marked (where its own rounding leaves the range, the plan
cautions about it).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import GradeReport, KeyGrade
from mps_pain.practice.service import answer_for, grade_answer
from mps_pain.tables.index import TableIndex
from mps_pain_cli.render_practice import render_grade
from tests.practice.conftest import expensive, nth_exercise
from ui.practice.words import result_line, result_words

REVIEWER = {
    "ome_per_day": "50",
    "equianalgesic_daily_dose": "25 mg/day",
    "reduction": "25%",
    "target_daily_dose": "18 mg/day",
    "regimen": {"dose": "10 mg", "frequency": "q12h"},
    "breakthrough_dose": "3 mg",
    "warnings": [],
}
EXERCISE = "L3.oral-rotation.uk-palliative.0.0"


def _regimen(report: GradeReport) -> KeyGrade:
    return next(r for r in report.results if r.key == "regimen")


def test_the_reviewers_ten_mg_is_not_the_green_tick(tables: TableIndex) -> None:
    report = grade_answer({"exercise": EXERCISE, "answers": REVIEWER}, tables=tables)
    regimen = _regimen(report)
    assert not regimen.correct and not regimen.follows_only, regimen
    assert "15 mg q12h" in regimen.explanation, regimen.explanation
    assert report.score == 3  # the target and the regimen wrong
    for words in (result_words(regimen, None), result_line(regimen, None)):
        assert words.startswith("✗"), words
    assert "[follows, not the right dose]" not in render_grade(report)


def test_the_trainees_own_fifty_percent_carried_is_not_the_green_tick(tables) -> None:
    """Every step accepted (50%, 26.5 mg/day): 10 mg q12h rounds the trainee's own target down to
    62% from 53, outside the sourced range, where 15 mg q12h lies inside it: wrong, naming it."""
    own = {**REVIEWER, "ome_per_day": "53", "equianalgesic_daily_dose": "53 mg/day"}
    own |= {"reduction": "50%", "target_daily_dose": "26.5 mg/day"}
    report = grade_answer({"exercise": EXERCISE, "answers": own}, tables=tables)
    regimen = _regimen(report)
    assert not regimen.correct and not regimen.follows_only, regimen
    assert "15 mg q12h" in regimen.explanation, regimen.explanation


def _effective(key: SwitchKey, dose: float) -> float | None:
    """1 − the regimen's daily amount ÷ the planner's equianalgesic dose (same unit), for a
    regimen of doses by mouth; None where the units differ (rates, patches)."""
    plan = key.plan
    eq, regimen = plan.equianalgesic_daily_dose, plan.regimen
    if regimen.dose is None or regimen.daily_dose is None or eq.value <= 0:
        return None
    if f"{regimen.dose.unit}/day" != eq.unit:
        return None
    per_day = dose * regimen.daily_dose.value / regimen.dose.value
    return 1 - per_day / eq.value


@expensive()
@given(
    topic=st.sampled_from(["oral-rotation", "renal", "route-change", "infusion"]),
    seed=st.integers(0, 300),
    index=st.integers(0, 9),
    end=st.sampled_from(["plan_low_reduction", "plan_high_reduction"]),
    carried=st.booleans(),
)
def test_no_regimen_outside_the_sourced_range_is_plain_correct(
    tables, topic, seed, index, end, carried
) -> None:
    """The dose the rounding gives at either end of the sourced range, alone or with the
    trainee's own reduction and target at that end: accepted; if its effective reduction from
    the equianalgesic dose lies outside the sourced range (beyond the 2% arithmetic tolerance),
    and it is not the planner's own answer, it is never plain correct."""
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    plan = getattr(key, end)
    dose = plan.regimen.dose
    if "regimen" not in exercise.asks or dose is None or key.is_methadone:
        return
    own: dict[str, Any] = answer_for(exercise, tables=tables).model_dump(
        mode="json", exclude_none=True
    )["answers"]
    answers = {**own, "regimen": {**own["regimen"], "dose": f"{dose.value} {dose.unit}"}}
    if carried and "target_daily_dose" in exercise.asks:
        answers["reduction"] = plan.reduction
        target = plan.target_daily_dose
        answers["target_daily_dose"] = f"{target.value} {target.unit}"
    report = grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    regimen = _regimen(report)
    cut = _effective(key, dose.value)
    own_dose = key.plan.regimen.dose
    assert own_dose is not None
    if cut is None or abs(dose.value - own_dose.value) <= 1e-9 * max(1.0, dose.value):
        return
    inside = (1 - key.reduction_high) * 0.96 <= 1 - cut <= (1 - key.reduction_low) * 1.04
    if regimen.correct and not inside:
        assert regimen.follows_only, (exercise.id, end, cut, regimen)
    if regimen.follows_only:
        assert not inside, (exercise.id, end, cut, regimen)
