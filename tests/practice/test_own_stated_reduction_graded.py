"""The engine's own answers at the trainee's own stated reduction grade correct, wherever in
the sourced range that reduction lies (session 19, after the revert of the re-check 19b merge).

CI drew fentanyl 50 mcg/h → oral morphine (ANZCA FPM 2021): 150 mg/day at a stated 30% gives
105 mg/day and 50 mg q12h (the planner never rounds above a stated target; 4.8% below the range's
105 mg/day, within its rounding tolerance), where the planner's own 30% gives 60 mg q12h. The
narrowed allowance read 50 mg q12h as outside the range by the grader's 4% and graded it wrong;
within the range is now the planner's own reading (``practice.sourced_range``). At a stated
reduction the planner may give a dose that is one of the options the exercise's plan names (a
to-patch exercise at a stated 25%: 12.5 mcg/h, beside the plan's 25 mcg/h): graded as that
option, correct.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.service import answer_for
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise
from tests.practice.test_carry_forward_base import TOPICS, _grade, _later_answers, _plan_at


@expensive()
@given(
    topic=st.sampled_from(TOPICS),
    seed=st.integers(0, 10_000),
    index=st.integers(0, 12),
    position=st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0, 1)),
)
@example(topic="from-patch", seed=332, index=0, position=1.0)  # the CI draw
def test_the_engines_answer_at_the_trainees_stated_reduction_grades_correct(
    tables: TableIndex, topic: str, seed: int, index: int, position: float
) -> None:
    """The trainee's reduction anywhere in the sourced range, stated; the engine's target,
    regimen and breakthrough dose from it: all correct."""
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    asks = {"reduction", "target_daily_dose"}
    if not isinstance(key, SwitchKey) or key.is_methadone or not asks <= set(exercise.asks):
        return
    reduction = round(key.reduction_low + position * (key.reduction_high - key.reduction_low), 4)
    eq = key.plan.equianalgesic_daily_dose.value
    plan = _plan_at(key, eq, reduction)
    if plan is None:
        return
    right = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = _later_answers(plan, {**right["answers"], "reduction": reduction}, "reduction")
    if not answers:
        return
    report = _grade(tables, exercise, answers)
    wrong = [(r.key, r.given, r.explanation) for r in report.results if not r.correct]
    assert not wrong, (exercise.id, reduction, wrong)
