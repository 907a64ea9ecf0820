"""Pharmacist re-check 19b, M3: a dose the plan names is graded as the plan's option, and one rule
decides a regimen outside the sourced reduction range.

- (a) ``e4-nopump5``: JSPM SC oxycodone 32.5 mg/24 h; the plan gives the pump's 1-hour bolus,
  1.3 mg, and names "Without a pump that gives boluses: oxycodone sc 5 mg". 5 mg was "[WRONG]
  Expected 1.3 mg" with no reason.
- (b) ``e1-opt50``: 50%, 53 mg/day accepted, 25 mg q12h (52.8% of 25–50%): wrong, no reason.
  ``e3-5mg``: 30%, 14 mg/day accepted, 5 mg q12h (50% of 0–30%): "follows", scored 7/7. The
  grader's tolerance around the trainee's target asked the planner past the range's end (31.4%),
  where its rounding left the range. Now both are wrong, each saying by how much it misses.

Property: a regimen outside the sourced range is never accepted unless the plan gives or names
it, wherever in the range the trainee's own reduction and target lie: a mark never improves as
an answer moves further outside the range.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, example, given
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.follows import effective_cut, inside_range
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import GradeReport, KeyGrade
from mps_pain.practice.service import answer_for, grade_answer
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise

E4 = "L4.infusion.jspm-2010.1919.0"
E4_NO_PUMP = {
    "ome_per_day": "90 mg/day",
    "equianalgesic_daily_dose": "45 mg/day",
    "reduction": "25%",
    "target_daily_dose": "33.75 mg/day",
    "regimen": {"rate": "32.5 mg/24 h"},
    "breakthrough_dose": "5 mg",
    # the current regimen's 15 mg rescue beside 30 mg/day regular: rotate cautions it since
    # clinician review 20, N2 (session 19)
    "warnings": ["breakthrough-dose-outside-rule"],
}
E1 = "L3.oral-rotation.uk-palliative.1919.0"
E1_OPT50 = {
    "ome_per_day": "106 mg/day",
    "equianalgesic_daily_dose": "106 mg/day",
    "reduction": "50%",
    "target_daily_dose": "53 mg/day",
    "regimen": {"dose": "25 mg", "frequency": "q12h"},
    "breakthrough_dose": "5 mg",
    "warnings": [],
}
E3 = "L4.from-patch.uk-palliative.1919.0"
E3_5MG = {
    "ome_per_day": "30 mg/day",
    "equianalgesic_daily_dose": "20 mg/day",
    "reduction": "30%",
    "target_daily_dose": "14 mg/day",
    "regimen": {"dose": "5 mg", "frequency": "q12h"},
    "breakthrough_dose": "1.5 mg",
    "warnings": ["patch-lingers"],
}


def _mark(report: GradeReport, ask: str) -> KeyGrade:
    return next(r for r in report.results if r.key == ask)


def test_e4_the_plans_dose_without_a_pump_is_the_plans_other_option(tables: TableIndex) -> None:
    report = grade_answer({"exercise": E4, "answers": E4_NO_PUMP}, tables=tables)
    mark = _mark(report, "breakthrough_dose")
    assert mark.correct and mark.plan_option and mark.caution, mark.explanation
    assert mark.diagnosis is None
    assert "without a pump that gives boluses" in mark.explanation
    assert "1.3 mg" in mark.explanation  # the pump's bolus the worked answer uses
    assert report.score == report.total


def test_e4_another_dose_is_still_wrong(tables: TableIndex) -> None:
    answers = {**E4_NO_PUMP, "breakthrough_dose": "4 mg"}
    mark = _mark(
        grade_answer({"exercise": E4, "answers": answers}, tables=tables), "breakthrough_dose"
    )
    assert not mark.correct and not mark.plan_option


def test_e1_and_e3_outside_the_range_are_both_wrong_saying_by_how_much(tables) -> None:
    e1 = _mark(grade_answer({"exercise": E1, "answers": E1_OPT50}, tables=tables), "regimen")
    e3 = _mark(grade_answer({"exercise": E3, "answers": E3_5MG}, tables=tables), "regimen")
    for mark in (e1, e3):
        assert not mark.correct and not mark.follows_only, mark.explanation
    assert "an effective reduction of 52.8%" in e1.explanation, e1.explanation
    assert "above the sourced reduction (25–50%) by 2.83 percentage points" in e1.explanation
    assert "an effective reduction of 50%" in e3.explanation, e3.explanation
    assert "above the sourced reduction (0–30%) by 20 percentage points" in e3.explanation


@expensive()
@given(
    topic=st.sampled_from(["oral-rotation", "from-patch", "route-change"]),
    seed=st.integers(0, 300),
    index=st.integers(0, 9),
    position=st.one_of(st.just(1.0), st.floats(0, 1)),
    beyond=st.one_of(st.floats(0.001, 0.03), st.floats(0.03, 0.4)),
)
@example(topic="from-patch", seed=1919, index=0, position=1.0, beyond=0.014)  # e3-5mg
@example(topic="from-patch", seed=52, index=3, position=1.0, beyond=0.015625)  # 25 mg from 28.6%
# ci-long (session 19): 5 mg q12h (62.5% of 25–50%) "followed" from an equianalgesic dose the
# grader's tolerance stretched (26.38 for an accepted 26.67), where the planner at the trainee's
# own 25.8% gives no dose
@example(topic="oral-rotation", seed=14, index=1, position=0.03125, beyond=0.015625)
def test_no_regimen_outside_the_range_is_accepted_unless_the_plan_names_it(
    tables, topic, seed, index, position, beyond
) -> None:
    """The trainee's own reduction anywhere in the sourced range and its target, then the dose
    the planner gives at a stated reduction past the range's end: where that dose's effective
    reduction lies outside the range, it is wrong, unless it is one of the plan's own doses or
    the planner's at the trainee's own stated reduction (the grader's tolerance never stretches
    the trainee's numbers past the range). Not the renal topic: there the planner's lower dose
    for a flagged patient, from the trainee's own reading, follows by the carry-forward rule
    (``test_carry_forward_base``), wherever it lies; left open, see docs/practice.md."""
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    assume(isinstance(key, SwitchKey) and not key.is_methadone)
    assert isinstance(key, SwitchKey)
    assume("target_daily_dose" in exercise.asks and "regimen" in exercise.asks)
    assume(key.plan.regimen.dose is not None)
    try:
        past = key.at_reduction(min(0.95, key.reduction_high + beyond)).regimen.dose
    except MpsPainError:
        past = None
    assume(past is not None)
    assert past is not None
    cut = effective_cut(key, past.value)
    assume(cut is not None and not inside_range(cut, key))
    own_doses = [
        p.regimen.dose.value
        for p in (key.plan, key.plan_low_reduction, key.plan_high_reduction)
        if p.regimen.dose is not None
    ]
    assume(all(abs(past.value - d) > 1e-9 for d in own_doses))
    reduction = key.reduction_low + position * (key.reduction_high - key.reduction_low)
    # the planner's own dose at the trainee's stated reduction follows from it, whatever its
    # rule (a flagged patient's lower dose may leave the range): not this property's answer
    try:  # stated even where it is the planner's own 25% (``at_reduction`` would not state it)
        stated = key.replan(reduction=round(reduction, 3)).regimen.dose
    except MpsPainError:
        stated = None
    assume(stated is None or abs(stated.value - past.value) > 1e-9)
    eq = key.plan.equianalgesic_daily_dose
    answers: dict[str, Any] = answer_for(exercise, tables=tables).model_dump(
        mode="json", exclude_none=True
    )["answers"]
    answers |= {
        "reduction": round(reduction, 3),
        "target_daily_dose": f"{eq.value * (1 - round(reduction, 3))} {eq.unit}",
        "regimen": {**answers["regimen"], "dose": f"{past.value} {past.unit}"},
    }
    mark = _mark(
        grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables), "regimen"
    )
    assert not mark.correct or mark.plan_option, (exercise.id, reduction, past, cut, mark)


def test_e4_the_plan_carries_the_dose_its_words_name(tables: TableIndex) -> None:
    """The grader reads the plan's field, never its words: the two name the same dose."""
    key = answer_key(tables, find_exercise(tables, E4))
    assert isinstance(key, SwitchKey)
    rescue = key.plan.breakthrough
    assert rescue is not None and rescue.outside_pump is not None
    assert (rescue.outside_pump.value, rescue.outside_pump.unit) == (5.0, "mg")
    assert "Without a pump that gives boluses: oxycodone sc 5 mg" in (rescue.note or "")


@expensive()
@given(seed=st.integers(0, 500), index=st.integers(0, 9))
def test_every_infusions_dose_without_a_pump_is_the_plans_option(tables, seed, index) -> None:
    """Wherever the plan names a dose for a ward without a bolus pump, that dose, given with
    the rest of the engine's answers, is accepted as the plan's other option."""
    exercise = nth_exercise(tables, topic="infusion", seed=seed, index=index)
    key = answer_key(tables, exercise)
    assume(isinstance(key, SwitchKey) and "breakthrough_dose" in exercise.asks)
    assert isinstance(key, SwitchKey)
    rescue = key.plan.breakthrough
    outside = None if rescue is None else rescue.outside_pump
    assume(outside is not None and rescue is not None and rescue.dose is not None)
    assert outside is not None and rescue is not None and rescue.dose is not None
    assume(abs(outside.value - rescue.dose.value) > 1e-9)
    answers: dict[str, Any] = answer_for(exercise, tables=tables).model_dump(
        mode="json", exclude_none=True
    )["answers"]
    answers["breakthrough_dose"] = f"{outside.value} {outside.unit}"
    report = grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    mark = _mark(report, "breakthrough_dose")
    assert mark.correct, (exercise.id, mark.explanation)
