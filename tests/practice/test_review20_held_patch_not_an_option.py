"""A patch the plan rules out for this patient is not "the plan's other option" (pharmacist
review 20, L5).

``pr/e2-w-10patch.json``: morphine ER 15 mg q12h → buprenorphine patch for a 66-year-old. No
patch lies within the sourced range; the plan takes 5 mcg/h and says "The patch above the range
(10 mcg/h), though nearer it, is not taken for this patient: Age 66 (≥ 65) …". Practice accepted
10 mcg/h "with caution: the plan's other option … leaves the choice to the prescriber" and then
re-based the breakthrough dose on it (2 mg, the plan's own, graded WRONG). One rule with the
plan's own choice: the options the plan offers are those its rounding note leaves open.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.generate import exercise_id
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import GradeReport, KeyGrade
from mps_pain.practice.service import answer_for, grade_answer
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive

E2 = "L4.to-patch.uk-palliative.2020.0"
E2_ANSWERS = {
    "ome_per_day": "30 mg/day",
    "equianalgesic_daily_dose": "12.5 mcg/h",
    "reduction": 0.25,
    "target_daily_dose": "9.375 mcg/h",
    "regimen": {"rate": "10 mcg/h"},
    "breakthrough_dose": "2 mg",
    "warnings": [
        "breakthrough-alternative",
        "patch-not-for-unstable-pain",
        "patch-onset",
        "rounding-nearer-patch",
    ],
}
#: the plan's own words for a patch it does not take for this patient (``held_words``)
HELD = re.compile(r"The patch above the range \(([\d.]+) (\S+)\), though nearer it, is not taken")


def _mark(report: GradeReport, ask: str) -> KeyGrade:
    return next(r for r in report.results if r.key == ask)


def _held(key: SwitchKey) -> tuple[float, str] | None:
    """The patch the plan's rounding note says it does not take for this patient."""
    for warning in key.plan.warnings:
        found = HELD.search(warning.message)
        if found:
            return float(found.group(1)), found.group(2)
    return None


def test_e2_the_held_patch_is_not_accepted_as_the_plans_option(tables: TableIndex) -> None:
    report = grade_answer({"exercise": E2, "answers": E2_ANSWERS}, tables=tables)
    mark = _mark(report, "regimen")
    assert not mark.correct, mark.explanation
    assert not mark.plan_option and not mark.caution
    assert "the plan's other option" not in mark.explanation
    assert "not taken for this patient" in mark.explanation, mark.explanation
    # the breakthrough is not re-based on the refused patch: the plan's own 2 mg stands
    assert _mark(report, "breakthrough_dose").correct, _mark(report, "breakthrough_dose")


def test_e2_plan_offers_no_held_patch(tables: TableIndex) -> None:
    key = answer_key(tables, find_exercise(tables, E2))
    assert isinstance(key, SwitchKey)
    assert _held(key) == (10.0, "mcg/h")
    # the plan's own 5 mcg/h is the only option it leaves open; 10 mcg/h is named as held back
    assert [o.value for o in key.plan.rounding_options] == [5.0]
    held = key.plan.held_option
    assert held is not None and (held.amount.value, held.amount.unit) == (10.0, "mcg/h")
    assert held.reason.startswith("Age 66")


SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]


def _check_held(tables: TableIndex, exercise_id_: str) -> bool:
    """The patch the plan holds back graded: never correct, never the plan's option; whether
    the exercise's plan held one back."""
    exercise = find_exercise(tables, exercise_id_)
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    held = _held(key)
    if held is None:
        assert key.plan.held_option is None
        return False
    value, unit = held
    assert key.plan.held_option is not None
    assert key.plan.held_option.amount.value == value
    assert all(o.value != value for o in key.plan.rounding_options)
    own = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = {**own["answers"], "regimen": {"rate": f"{value:g} {unit}"}}
    report = grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    mark = _mark(report, "regimen")
    assert not mark.correct and not mark.plan_option, (exercise.id, mark.explanation)
    assert "is not taken for this patient" in mark.explanation, (exercise.id, mark.explanation)
    return True


@expensive()
@given(set_id=st.sampled_from(SETS), seed=st.integers(0, 10**6))
def test_a_patch_the_plan_does_not_take_is_never_its_other_option(
    tables: TableIndex, set_id: str, seed: int
) -> None:
    for index in range(12):  # one generate call: the template cycles through its rows
        _check_held(tables, exercise_id(tables, None, seed, index, set_id, "to-patch"))
