"""Clinician review 7, #5 (raw note N10): carry-forward by the grader's own tolerance.

Hydromorphone ER 4 mg q12h + IR 1.3 mg x2 -> morphine ER q12h, UK set. The trainee answers 79.5,
79.5, 25%, 59.6 (accepted: within the grader's tolerance of 79.5 x 0.75 = 59.625), 30 mg q12h and
10 mg. The regimen was graded against the planner's 39.75 ("Expected 15 mg q12h") and the
breakthrough dose, 1/6 of the trainee's own 60 mg/day, was diagnosed "breakthrough fraction is
wrong": the fraction was right, only the base differed.

The later steps are built here by asking the engine (``key.replan``) with the trainee's numbers,
never by a rule of the test's own.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import MpsPainError
from mps_pain.practice.expected import REDUCTION_TOLERANCE, RELATIVE_TOLERANCE, regimen_target
from mps_pain.practice.grade import grade
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import Exercise, GradeReport
from mps_pain.practice.service import answer_for, grade_answer, new_exercises, parse_answer
from mps_pain.practice.templates import TEMPLATES
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise

TOPICS = [t.topic for t in TEMPLATES]


def _grade(tables: TableIndex, exercise: Exercise, answers: dict[str, Any]) -> GradeReport:
    """``grade_answer`` without regenerating the exercise from its id (its dearest step; the
    regeneration is held equal by test_generation and test_invariants)."""
    return grade(tables, exercise, parse_answer({"exercise": exercise.id, "answers": answers}))


REVIEW = {
    "ome_per_day": "79.5 mg/day",
    "equianalgesic_daily_dose": "79.5 mg/day",
    "reduction": "25%",
    "target_daily_dose": "59.6 mg/day",
    "regimen": {"dose": "30 mg", "frequency": "q12h"},
    "breakthrough_dose": "10 mg",
    "warnings": [],
}


def _review_exercise_id(tables: TableIndex) -> str:
    exercise = new_exercises(level=3, seed=0, count=1, tables=tables)[0]
    assert exercise.switch is not None and exercise.table == "uk-palliative"
    assert [i.drug for i in exercise.switch.from_.items] == ["hydromorphone"] * 2
    return exercise.id


def test_review7_n10_the_typed_target_is_the_base_of_every_later_step(tables: TableIndex) -> None:
    report = grade_answer(
        {"exercise": _review_exercise_id(tables), "answers": REVIEW}, tables=tables
    )
    by_key = {r.key: r for r in report.results}
    wrong = [(r.key, r.explanation) for r in report.results if not r.correct]
    assert not wrong, wrong
    assert all(r.diagnosis is None for r in report.results)
    for ask in ("target_daily_dose", "regimen", "breakthrough_dose"):
        assert "your own accepted earlier answers" in by_key[ask].explanation


def test_review7_a_wrong_regimen_is_judged_from_the_trainees_base(tables: TableIndex) -> None:
    """45 mg q12h (90 mg/day) after an accepted 59.6 mg/day: the expectation named is the one
    from the trainee's own target, not the planner's 15 mg q12h; the breakthrough 15 mg is 1/6
    of the trainee's 90 mg/day: the base is named, never the fraction."""
    answers = {**REVIEW, "regimen": {"dose": "45 mg", "frequency": "q12h"}}
    answers["breakthrough_dose"] = "15 mg"
    report = grade_answer(
        {"exercise": _review_exercise_id(tables), "answers": answers}, tables=tables
    )
    by_key = {r.key: r for r in report.results}
    regimen, breakthrough = by_key["regimen"], by_key["breakthrough_dose"]
    assert not regimen.correct
    assert regimen.diagnosis is not None and regimen.diagnosis.code == "rounded-up"
    assert regimen.explanation.startswith("From your own accepted earlier answers: expected 25 mg")
    assert not breakthrough.correct
    assert breakthrough.diagnosis is None or "breakthrough-fraction" not in (
        [breakthrough.diagnosis.code, *breakthrough.diagnosis.also]
    )
    assert "fraction is wrong" not in breakthrough.explanation
    assert "your own regimen" in breakthrough.explanation


def test_review7_a_wrong_fraction_of_the_trainees_accepted_regimen_is_the_fraction(
    tables: TableIndex,
) -> None:
    """30 mg q12h accepted (60 mg/day): 20 mg is a third of it, the fraction is wrong."""
    answers = {**REVIEW, "breakthrough_dose": "20 mg"}
    report = grade_answer(
        {"exercise": _review_exercise_id(tables), "answers": answers}, tables=tables
    )
    breakthrough = {r.key: r for r in report.results}["breakthrough_dose"]
    assert not breakthrough.correct
    assert breakthrough.diagnosis is not None
    assert breakthrough.diagnosis.code == "breakthrough-fraction"
    assert "From your own accepted earlier answers" in breakthrough.explanation


# --------------------------------------------------------------------- the engine, asked --------
def _plan_at(key: SwitchKey, equianalgesic: float, reduction: float) -> RotationPlan | None:
    """The engine's plan for this exercise with the current regimen scaled so that its
    equianalgesic dose is ``equianalgesic``, at ``reduction``; None where the engine is not
    linear in the dose (a patch chart's band) or refuses."""
    own = key.plan.equianalgesic_daily_dose.value
    if own <= 0 or equianalgesic <= 0 or not 0 <= reduction < 1:
        return None
    factor = equianalgesic / own
    items = key.request.from_.model_dump(mode="json", by_alias=True, exclude_none=True)["items"]
    for item in items:
        for name in ("dose", "rate", "daily_dose"):
            if isinstance(item.get(name), dict):
                item[name] = {**item[name], "value": item[name]["value"] * factor}
    try:
        plan = key.replan(**{"from": {"items": items, "prn": key.plan.prn}}, reduction=reduction)
    except MpsPainError:
        return None
    if abs(plan.equianalgesic_daily_dose.value - equianalgesic) > 1e-6 * equianalgesic:
        return None
    return plan


def _later_answers(plan: RotationPlan, answers: dict[str, Any], after: str) -> dict[str, Any]:
    """``answers`` with every step after ``after`` the engine's answer from ``plan``."""
    order = ["target_daily_dose", "regimen", "breakthrough_dose"]
    later = order[order.index(after) + 1 :] if after in order else order
    out = dict(answers)
    if "target_daily_dose" in later and "target_daily_dose" in out:
        target = plan.target_daily_dose
        out["target_daily_dose"] = f"{target.value} {target.unit}"
    if "regimen" in later and "regimen" in out:
        regimen = plan.regimen
        amount = regimen.dose or regimen.rate
        if amount is None:
            return {}  # no dose the rounding policy can give at this amount: nothing to answer
        out["regimen"] = (
            {"dose": f"{amount.value} {amount.unit}", "frequency": regimen.frequency}
            if regimen.dose is not None
            else {"rate": f"{amount.value} {amount.unit}"}
        )
    if "breakthrough_dose" in later and "breakthrough_dose" in out:
        bt = plan.breakthrough
        if bt is None or bt.dose is None:
            return {}
        out["breakthrough_dose"] = f"{bt.dose.value} {bt.dose.unit}"
    return out


def _perturbed(
    key: SwitchKey, answers: dict[str, Any], step: str, delta: float
) -> dict[str, Any] | None:
    """The trainee's answer to ``step`` moved by ``delta`` of the grader's tolerance (so it is
    accepted), and every later step the engine's answer from the moved value."""
    plan = key.plan
    eq, reduction = plan.equianalgesic_daily_dose.value, plan.reduction
    out = dict(answers)
    if step == "equianalgesic_daily_dose":
        eq *= 1 + delta * RELATIVE_TOLERANCE
        out[step] = f"{eq} {plan.equianalgesic_daily_dose.unit}"
    elif step == "reduction":
        reduction = max(0.0, reduction + delta * REDUCTION_TOLERANCE)
        out[step] = reduction
    else:
        target = plan.target_daily_dose.value * (1 + delta * RELATIVE_TOLERANCE)
        reduction = 1 - target / eq
        out[step] = f"{target} {plan.target_daily_dose.unit}"
    moved = _plan_at(key, eq, reduction)
    if moved is None:
        return None
    if step == "target_daily_dose" and abs(moved.target_daily_dose.value - target) > 1e-6 * target:
        return None  # the engine's target is not the dose less the reduction (a patch chart)
    return _later_answers(moved, out, step) or None


@expensive()
@given(
    topic=st.sampled_from(TOPICS),
    seed=st.integers(0, 10_000),
    index=st.integers(0, 12),
    step=st.sampled_from(["equianalgesic_daily_dose", "reduction", "target_daily_dose"]),
    delta=st.floats(-1, 1),
)
# CI on 37ab402 (session 18): after the practice re-check 19b branch, the engine's own regimen
# from its own equianalgesic answer was graded wrong (60 expected, 50 given)
@example(topic="from-patch", seed=332, index=0, step="equianalgesic_daily_dose", delta=0.0)
# ci-long (session 19): 32.67 mcg/h less a stated 25% is 24.5 mcg/h, the engine's 12.5 mcg/h patch
# (never above a stated target), graded wrong: the planner's own 25% takes 25 mcg/h
@example(topic="to-patch", seed=1358, index=11, step="equianalgesic_daily_dose", delta=-1.0)
def test_engine_answers_from_a_perturbed_accepted_answer_grade_correct(
    tables: TableIndex, topic: str, seed: int, index: int, step: str, delta: float
) -> None:
    """Property (b): any accepted perturbation of an early answer within the grader's tolerance,
    and the engine's answers from the perturbed value at every later step: all correct."""
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    if not isinstance(key, SwitchKey) or key.is_methadone or step not in exercise.asks:
        return
    right = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = _perturbed(key, right["answers"], step, delta)
    if answers is None:
        return
    report = _grade(tables, exercise, answers)
    wrong = [(r.key, r.given, r.explanation) for r in report.results if not r.correct]
    assert not wrong, (exercise.id, step, delta, wrong)


def _wrong_regimen(key: SwitchKey) -> float | None:
    """A marketed dose one smallest unit above the planner's, as a trainee rounds up."""
    target = regimen_target(key)
    units = key.plan.regimen.dose_units or []
    if target.kind != "dose" or not units:
        return None
    return target.value + min(u.value for u in units)


@expensive()
@given(topic=st.sampled_from(TOPICS), seed=st.integers(0, 10_000), index=st.integers(0, 12))
def test_fraction_and_base_are_told_apart(
    tables: TableIndex, topic: str, seed: int, index: int
) -> None:
    """Property (c): a wrong fraction of a right base is diagnosed as the fraction; the right
    fraction of a wrong base (the engine's breakthrough for the trainee's own wrong regimen) is
    never diagnosed as the fraction."""
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    asks = {"regimen", "breakthrough_dose"}
    if not isinstance(key, SwitchKey) or key.is_methadone or not asks <= set(exercise.asks):
        return
    right = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    bt = key.plan.breakthrough
    if bt is not None and bt.dose is not None and bt.high is not None:
        third = {**right["answers"], "breakthrough_dose": f"{bt.high.value * 2} {bt.dose.unit}"}
        report = _grade(tables, exercise, third)
        got = {r.key: r for r in report.results}["breakthrough_dose"]
        assert not got.correct and got.diagnosis is not None, (exercise.id, got.explanation)
        assert "breakthrough-fraction" in [got.diagnosis.code, *got.diagnosis.also]
    dose = _wrong_regimen(key)
    target = regimen_target(key)
    if dose is None:
        return
    reduction = key.plan.reduction
    base = _plan_at(key, dose * target.doses_per_day / (1 - reduction), reduction)
    if base is None or base.regimen.dose is None or abs(base.regimen.dose.value - dose) > 1e-6:
        return
    answers = _later_answers(base, right["answers"], "target_daily_dose")
    if not answers:
        return
    report = _grade(tables, exercise, answers)
    got = {r.key: r for r in report.results}["breakthrough_dose"]
    if got.correct:
        return  # the same dose is also right from an accepted base
    codes = [got.diagnosis.code, *got.diagnosis.also] if got.diagnosis else []
    assert "breakthrough-fraction" not in codes, (exercise.id, got.explanation)
    assert "your own regimen" in got.explanation, (exercise.id, got.explanation)
