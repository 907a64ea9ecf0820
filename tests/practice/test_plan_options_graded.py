"""Practice grades the plan's own options as the plan does and names only true reasons
(pharmacist review 19, M4).

- w3: oxycodone ER 15 mg q12h → morphine ER (JSPM). No strength lies within the sourced range;
  the plan says "The options are 10 mg (an effective reduction of 55.6%) or 20 mg (11.1%).
  Choose with the prescriber", yet 20 mg q12h was graded WRONG with "A per-dose amount was used
  as a daily amount, or the reverse", untrue.
- w10: methadone 7.5 mg bid (15 mg/day, the target) for an exercise asking tid was told "The dose
  was rounded up … never above the reduced target", untrue (15 is the target).

Properties: every option the plan names grades correct (with the planner's other answers), and
a regimen at another interval gets a diagnosis only when the pattern's own arithmetic gives its
daily total; a right daily total at another interval is said as that.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, example, given
from hypothesis import strategies as st

from mps_pain.domain.frequency import parse_frequency
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.practice.answer_order import ORDER_DANGER
from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.diagnose import NUMBER_PATTERNS, close_to
from mps_pain.practice.expected import expected_for
from mps_pain.practice.generate import exercise_id
from mps_pain.practice.grade import grade
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import Exercise, GradeReport, KeyGrade
from mps_pain.practice.service import answer_for, grade_answer, parse_answer
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise
from tests.practice.order_danger import assert_check_calls_it_a_danger

W3 = "L3.oral-rotation.jspm-2010.19.0"
W3_ANSWERS = {
    "ome_per_day": "45 mg/day",
    "equianalgesic_daily_dose": "45 mg/day",
    "reduction": "25%",
    "target_daily_dose": "33.75 mg/day",
    "regimen": {"dose": "20 mg", "frequency": "q12h"},
    "breakthrough_dose": "5 mg",
    "warnings": ["rounding-below-range"],
}
W10 = "L5.methadone.jspm-2010.7.0"
W10_ANSWERS = {
    "ome_per_day": "135 mg/day",
    "target_daily_dose": "15 mg/day",
    "regimen": {"dose": "7.5 mg", "frequency": "bid"},
    "warnings": [
        "qtc-borderline",
        "hepatic-impairment",
        "hepatic-current",
        "methadone-specialist",
        "breakthrough-no-source",
    ],
}


def _mark(report: GradeReport, ask: str) -> KeyGrade:
    return next(r for r in report.results if r.key == ask)


def _with_regimen(tables: TableIndex, exercise_id: str, regimen: dict[str, Any]) -> GradeReport:
    exercise = find_exercise(tables, exercise_id)
    own = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = {**own["answers"], "regimen": regimen}
    return grade_answer({"exercise": exercise_id, "answers": answers}, tables=tables)


def test_w3_the_plans_other_rounding_option_is_accepted_as_that(tables: TableIndex) -> None:
    report = grade_answer({"exercise": W3, "answers": W3_ANSWERS}, tables=tables)
    mark = _mark(report, "regimen")
    assert mark.correct, mark.explanation
    assert mark.diagnosis is None
    assert mark.plan_option and mark.caution  # above the plan's own 10 mg: more of the new drug
    assert "the plan's other option" in mark.explanation
    assert "per-dose amount" not in mark.explanation
    # the breakthrough dose from that regimen (1/10-1/6 of 40 mg/day) follows from it
    assert _mark(report, "breakthrough_dose").correct
    assert report.score == report.total


def test_w10_right_daily_total_at_another_interval_is_said_as_that(tables: TableIndex) -> None:
    report = grade_answer({"exercise": W10, "answers": W10_ANSWERS}, tables=tables)
    mark = _mark(report, "regimen")
    assert not mark.correct
    assert mark.diagnosis is None, mark.explanation
    assert "rounded up" not in mark.explanation
    assert "Its daily total, 15 mg/day, is right" in mark.explanation
    assert "The exercise asks for the regimen tid." in mark.explanation


def _options(key: SwitchKey) -> list[dict[str, Any]]:
    """Every regimen the plan names besides its own: its rounding options, the interval asked."""
    plan = key.plan
    found = []
    for option in plan.rounding_options:
        if plan.regimen.dose is not None:
            found.append({"dose": option.model_dump(), "frequency": plan.regimen.frequency})
        elif option.unit == (plan.regimen.rate.unit if plan.regimen.rate else None):
            found.append({"rate": option.model_dump()})
    other = plan.interval_alternative
    if other is not None and other.regimen.dose is not None:
        found.append(
            {"dose": other.regimen.dose.model_dump(), "frequency": other.requested_frequency}
        )
    return found


TOPICS = ["oral-rotation", "to-patch", "from-patch", "infusion", "route-change", "renal"]
SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]


def _with_options(tables: TableIndex, set_id: str, topic: str, seed: int) -> list[SwitchKey]:
    """The exercises of one generate call (12: every template cycles through its rows) whose
    plans name options besides their own regimen."""
    found = []
    for index in range(12):
        exercise = find_exercise(tables, exercise_id(tables, None, seed, index, set_id, topic))
        key = answer_key(tables, exercise)
        assert isinstance(key, SwitchKey)
        if _options(key):
            found.append(key)
    return found


@expensive()
@given(set_id=st.sampled_from(SETS), topic=st.sampled_from(TOPICS), seed=st.integers(0, 10**6))
def test_every_option_the_plan_names_grades_correct(tables, set_id, topic, seed) -> None:
    for key in _with_options(tables, set_id, topic, seed):
        for regimen in _options(key):
            mark = _mark(_with_regimen(tables, key.exercise.id, regimen), "regimen")
            assert mark.correct, (key.exercise.id, regimen, mark.explanation)
            assert mark.diagnosis is None, (key.exercise.id, regimen, mark.explanation)


def test_the_property_has_options_to_grade(tables: TableIndex) -> None:
    """Not vacuous: seed 0 of the patch topics names options (12.5 or 25 mcg/h, …)."""
    found = [k for s in SETS for k in _with_options(tables, s, "to-patch", 0)]
    assert len(found) >= 3


def test_the_w3_plan_names_both_options(tables: TableIndex) -> None:
    """The example the property rests on: the option list is the plan's note's."""
    key = answer_key(tables, find_exercise(tables, W3))
    assert isinstance(key, SwitchKey)
    assert [o.value for o in key.plan.rounding_options] == [10, 20]


@expensive()
@given(
    topic=st.sampled_from(["oral-rotation", "methadone", "renal"]),
    seed=st.integers(0, 10**6),
    index=st.integers(0, 30),
    other=st.sampled_from(["daily", "bid", "tid", "q6h", "q4h"]),
    scale=st.sampled_from([0.5, 0.75, 1.0, 4 / 3, 1.5, 2.0, 3.0]),
)
# tramadol 375 mg once daily + the engine's 50 mg: above the 400 mg/day maximum (session 20)
@example(topic="oral-rotation", seed=372, index=5, other="daily", scale=1.0)
def test_at_another_interval_only_a_diagnosis_whose_arithmetic_gives_the_daily_total(
    tables, topic, seed, index, other, scale
) -> None:
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    regimen = key.plan.regimen
    assume(regimen.dose is not None and regimen.frequency is not None)
    assert regimen.dose is not None and regimen.frequency is not None
    frequency = parse_frequency(other)
    asked = parse_frequency(regimen.frequency)
    assume(abs(frequency.interval_h - asked.interval_h) > 1e-9)
    target = key.plan.target_daily_dose.value * scale
    dose = round(target / frequency.doses_per_day, 3)
    report = _with_regimen(tables, exercise.id, {"dose": f"{dose} mg", "frequency": other})
    mark = _mark(report, "regimen")
    assert not mark.correct or mark.plan_option
    total = dose * frequency.doses_per_day
    daily = expected_for(key, "target_daily_dose")
    assert daily.low is not None and daily.high is not None
    patterns = dict(NUMBER_PATTERNS)
    named = [] if mark.diagnosis is None else [mark.diagnosis.code, *mark.diagnosis.also]
    if ORDER_DANGER in named:
        # the daily total written with the engine's breakthrough dose takes the day above the
        # drug's cited maximum (re-check 21b, N-1: tramadol 375 mg daily + 50 mg): the check of
        # that order, independently, gives the maximum rule's danger too
        assert_check_calls_it_a_danger(tables, key, dose, other)
        named.remove(ORDER_DANGER)
    for code in named:
        spans = patterns[code](key, "target_daily_dose", (daily.low, daily.high))
        assert close_to(total, spans), (exercise.id, other, dose, code, mark.explanation)
    if scale == 1.0 and not mark.plan_option and not named and mark.diagnosis is not None:
        assert mark.diagnosis.code == ORDER_DANGER and not mark.correct, mark.explanation
    elif scale == 1.0 and not mark.plan_option:
        assert mark.diagnosis is None, mark.explanation
        assert "is right, at another interval" in mark.explanation, mark.explanation


# the reviewed switch of tests/rotation/test_interval_alternative.py
REPRO = {
    "from": {
        "items": [
            {
                "drug": "oxycodone",
                "route": "oral",
                "form": "ER",
                "dose": "30 mg",
                "frequency": "q12h",
            }
        ]
    },
    "to": {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
}


def test_the_interval_asked_for_beside_the_one_proposed_is_the_plans_other_option(
    tables: TableIndex,
) -> None:
    """Oxycodone ER 30 mg q12h → hydromorphone IR q4h (UK): the plan proposes 2.6 mg q6h and
    names 1.3 mg q4h, the interval asked for, as the other option
    (tests/rotation/test_interval_alternative.py): 1.3 mg q4h is accepted as that option."""
    request = RotationRequest.model_validate({**REPRO, "table": "uk-palliative"})
    exercise = Exercise(
        id="test.interval-alternative",
        level=3,
        topic="oral-rotation",
        table="uk-palliative",
        prompt="oxycodone ER 30 mg q12h to hydromorphone IR q4h",
        asks=["regimen"],
        switch=request,
    )
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey) and key.plan.interval_alternative is not None
    for regimen, option in (({"dose": "1.3 mg", "frequency": "q4h"}, True), (_own(key), False)):
        document = parse_answer({"exercise": exercise.id, "answers": {"regimen": regimen}})
        mark = grade(tables, exercise, document).results[0]
        assert mark.correct and mark.diagnosis is None, mark.explanation
        assert mark.plan_option is option, mark.explanation


def _own(key: SwitchKey) -> dict[str, Any]:
    dose = key.plan.regimen.dose
    assert dose is not None
    return {"dose": dose.model_dump(), "frequency": key.plan.regimen.frequency}


def test_a_regimen_pattern_is_said_only_of_a_dose_the_strengths_give(tables: TableIndex) -> None:
    """w3's morphine ER strengths are 10, 30 and 60 mg (the worked answer's step 4): 25 mg q12h
    is no rounding of any target, so neither "The dose was rounded up" nor "A per-dose amount
    was used as a daily amount" (33.75 as the dose rounds down to 30) is true of it; 30 mg q12h,
    what the daily target taken as the dose rounds down to, is still told so."""
    for dose, told in (("25 mg", False), ("30 mg", True)):
        answers = {**W3_ANSWERS, "regimen": {"dose": dose, "frequency": "q12h"}}
        mark = _mark(grade_answer({"exercise": W3, "answers": answers}, tables=tables), "regimen")
        assert not mark.correct
        assert (mark.diagnosis is not None) is told, (dose, mark.explanation)
