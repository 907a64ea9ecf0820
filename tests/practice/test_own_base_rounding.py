"""Clinician review 8, #3: the rounded regimen and the breakthrough dose judged from the trainee's
own base, with the planner's own rules.

Hydromorphone ER 4 mg q12h + IR 1.3 mg x2 -> morphine ER q12h, UK set (age 72). The trainee
answered 79.5, 79.5, 30%, 55.65 (all accepted) and then "10 mg q12h" = 20 mg/day: graded correct
("accepted from 10 up to 19.9 mg", the planner's range at ITS 50% end), 64% below the trainee's
own accepted target, whose rounding is 25 mg q12h. And the breakthrough dose for the planner's
30 mg/day was "accepted 2-5": 2 mg is 1/15 of the daily dose, outside the 1/10-1/6 rule (the 2
came from the plan at the other end of the reduction range, whose regimen is not the one asked).

The ladder of givable doses below a regimen is asked of the planner (a stated reduction is
rounded to the nearest givable amount not above it), never computed here.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.as_printed import printed_slack
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import MpsPainError
from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.expected import RELATIVE_TOLERANCE
from mps_pain.practice.grade import grade
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import Exercise, GradeReport
from mps_pain.practice.service import answer_for, parse_answer
from mps_pain.practice.templates import TEMPLATES
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise

TOPICS = [t.topic for t in TEMPLATES]
REVIEW8_EXERCISE = "L3.oral-rotation.uk-palliative.0.0"


def _grade(tables: TableIndex, exercise: Exercise, answers: dict[str, Any]) -> GradeReport:
    return grade(tables, exercise, parse_answer({"exercise": exercise.id, "answers": answers}))


def _by_key(report: GradeReport) -> dict[str, Any]:
    return {r.key: r for r in report.results}


REVIEW8 = {
    "ome_per_day": "79.5 mg/day",
    "equianalgesic_daily_dose": "79.5 mg/day",
    "reduction": "30%",
    "target_daily_dose": "55.65 mg/day",
    "regimen": {"dose": "25 mg", "frequency": "q12h"},
    "breakthrough_dose": "5 mg",
    "warnings": [],
}


def test_review8_3_a_regimen_far_below_the_trainees_own_target_is_wrong(
    tables: TableIndex,
) -> None:
    exercise = find_exercise(tables, REVIEW8_EXERCISE)
    right = _by_key(_grade(tables, exercise, REVIEW8))
    assert right["target_daily_dose"].correct
    assert right["regimen"].correct, right["regimen"].explanation  # 55.65 / 2 -> 25 mg
    for dose in ("10 mg", "15 mg"):  # 20 and 30 mg/day for a trainee's own 55.65 mg/day
        answers = {**REVIEW8, "regimen": {"dose": dose, "frequency": "q12h"}}
        regimen = _by_key(_grade(tables, exercise, answers))["regimen"]
        assert not regimen.correct, (dose, regimen.explanation)
        assert "25 mg q12h" in regimen.explanation


def test_review8_3_a_breakthrough_below_a_tenth_of_the_daily_dose_is_wrong(
    tables: TableIndex,
) -> None:
    """The planner's own answers, 15 mg q12h (30 mg/day): 1/10-1/6 is 3-5 mg, so 2 mg is wrong."""
    exercise = find_exercise(tables, REVIEW8_EXERCISE)
    answers = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = {**answers["answers"], "breakthrough_dose": "2 mg"}
    breakthrough = _by_key(_grade(tables, exercise, answers))["breakthrough_dose"]
    assert not breakthrough.correct, breakthrough.explanation
    assert breakthrough.expected.low == 3 and breakthrough.expected.high == 5


def _scaled(key: SwitchKey, eq_share: float) -> dict[str, Any]:
    """The current regimen scaled so the engine's equianalgesic dose is the trainee's, moved to
    ``eq_share`` of the accepted range (the trainee's own accepted equianalgesic dose)."""
    eq = key.plan.equianalgesic_daily_dose
    factor = (eq.low + eq_share * (eq.high - eq.low)) / eq.value if eq.value else 1.0
    data = key.request.from_.model_dump(mode="json", by_alias=True, exclude_none=True)
    items = []
    for item in data["items"]:
        for name in ("dose", "rate", "daily_dose"):
            if isinstance(item.get(name), dict):
                item = {**item, name: {**item[name], "value": item[name]["value"] * factor}}
        items.append(item)
    return {"items": items, "prn": key.plan.prn}


def _at(key: SwitchKey, given: dict[str, Any], reduction: float) -> RotationPlan | None:
    """The planner asked with a stated reduction (its rounding: nearest givable, never above)."""
    try:
        plan = key.replan(**{"from": given}, reduction=reduction)
    except MpsPainError:
        return None
    return plan if plan.regimen.dose is not None and plan.regimen.daily_dose else None


def _next_below(key: SwitchKey, given: dict[str, Any], plan: RotationPlan) -> RotationPlan | None:
    """The planner's plan whose regimen is the next givable dose below ``plan``'s: asked with a
    target two half-figures below its amount a day (session 20: a target a hair below a dose
    that prints as it takes that dose, ``as_printed``; 1e-6 below gave the same dose back)."""
    assert plan.regimen.daily_dose is not None
    eq = plan.equianalgesic_daily_dose.value
    daily = plan.regimen.daily_dose.value
    below = daily - 2 * printed_slack(daily)
    return None if eq <= 0 or below <= 0 else _at(key, given, 1 - below / eq)


def _trainee(
    key: SwitchKey, exercise: Exercise, share: float, eq_share: float
) -> tuple[dict[str, Any], RotationPlan, dict[str, Any]] | None:
    """The engine's answers from the trainee's own equianalgesic dose and reduction (anywhere in
    the accepted ranges): the target they give, the planner's regimen and breakthrough dose."""
    reduction = key.reduction_low + share * (key.reduction_high - key.reduction_low)
    given = _scaled(key, eq_share)
    plan = _at(key, given, reduction)
    if plan is None or plan.breakthrough is None or plan.breakthrough.dose is None:
        return None
    eq = plan.equianalgesic_daily_dose
    if not eq.low * 0.999 <= eq.value <= key.plan.equianalgesic_daily_dose.high * 1.001:
        return None  # not linear in the dose: no such trainee to build
    assert plan.regimen.dose is not None
    answers = answer_for(exercise, tables=key.tables).model_dump(mode="json", exclude_none=True)
    answers = dict(answers["answers"])
    answers["equianalgesic_daily_dose"] = f"{eq.value} {eq.unit}"
    answers["reduction"] = reduction
    answers["target_daily_dose"] = f"{plan.target_daily_dose.value} {plan.target_daily_dose.unit}"
    answers["regimen"] = {
        "dose": f"{plan.regimen.dose.value} {plan.regimen.dose.unit}",
        "frequency": plan.regimen.frequency,
    }
    bt = plan.breakthrough.dose
    answers["breakthrough_dose"] = f"{bt.value} {bt.unit}"
    return answers, plan, given


def _switch(
    tables: TableIndex, topic: str, seed: int, index: int
) -> tuple[Exercise, SwitchKey] | None:
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    wanted = {"reduction", "target_daily_dose", "regimen", "breakthrough_dose"}
    if not isinstance(key, SwitchKey) or key.is_methadone or not wanted <= set(exercise.asks):
        return None
    return (exercise, key) if key.plan.regimen.dose is not None else None


@expensive()
@given(
    topic=st.sampled_from(TOPICS),
    seed=st.integers(0, 10_000),
    index=st.integers(0, 12),
    share=st.floats(0, 1),
    eq_share=st.floats(0, 1),
)
def test_a_regimen_two_strengths_below_the_trainees_own_rounding_is_wrong(
    tables: TableIndex, topic: str, seed: int, index: int, share: float, eq_share: float
) -> None:
    found = _switch(tables, topic, seed, index)
    built = None if found is None else _trainee(found[1], found[0], share, eq_share)
    if found is None or built is None:
        return
    (exercise, key), (answers, plan, given) = found, built
    report = _by_key(_grade(tables, exercise, answers))
    assert report["regimen"].correct, (exercise.id, share, eq_share, report["regimen"].explanation)
    one = _next_below(key, given, plan)
    lower = None if one is None else _next_below(key, given, one)
    for _rung in range(4):  # two, three, four and five givable doses below: each one wrong
        if lower is None or lower.regimen.dose is None or lower.regimen.dose.value <= 0:
            return
        dose = lower.regimen.dose
        answers = {
            **answers,
            "regimen": {"dose": f"{dose.value} {dose.unit}", "frequency": plan.regimen.frequency},
        }
        regimen = _by_key(_grade(tables, exercise, answers))["regimen"]
        assert not regimen.correct, (exercise.id, share, eq_share, regimen.explanation)
        lower = _next_below(key, given, lower)


@expensive()
@given(
    topic=st.sampled_from(TOPICS),
    seed=st.integers(0, 10_000),
    index=st.integers(0, 12),
    share=st.floats(0, 1),
    eq_share=st.floats(0, 1),
    below=st.booleans(),
    factor=st.floats(1.03, 4),
)
def test_a_breakthrough_outside_the_rule_for_the_trainees_regimen_is_wrong(
    tables: TableIndex,
    topic: str,
    seed: int,
    index: int,
    share: float,
    eq_share: float,
    below: bool,
    factor: float,
) -> None:
    found = _switch(tables, topic, seed, index)
    built = None if found is None else _trainee(found[1], found[0], share, eq_share)
    if found is None or built is None:
        return
    (exercise, _key), (answers, plan, _given) = found, built
    bt = plan.breakthrough
    assert bt is not None and bt.dose is not None
    ends = [bt.dose.value] + [a.value for a in (bt.low, bt.high) if a is not None]
    value = min(ends) / factor if below else max(ends) * factor
    assert factor > 1 + RELATIVE_TOLERANCE
    answers = {**answers, "breakthrough_dose": f"{value} {bt.dose.unit}"}
    report = _by_key(_grade(tables, exercise, answers))
    assert report["regimen"].correct
    assert not report["breakthrough_dose"].correct, (
        exercise.id,
        value,
        report["breakthrough_dose"].explanation,
    )
