"""Issue #9 §2 invariants: the engine's own answer to every exercise grades correct; for every
template, an answer built with each applicable error pattern grades incorrect with that code."""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.practice.catalogue import case_exercises, find_exercise
from mps_pain.practice.exercise_sets import load_exercise_sets
from mps_pain.practice.grade import grade
from mps_pain.practice.key import answer_key
from mps_pain.practice.models import Exercise
from mps_pain.practice.patterns import PATTERN_CODES
from mps_pain.practice.service import answer_for, grade_answer, new_exercises, parse_answer
from mps_pain.practice.templates import TEMPLATES
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise
from tests.practice.mistakes import BUILDERS

TOPICS = [t.topic for t in TEMPLATES]


def _engine_grades_correct(tables: TableIndex, exercise: Exercise) -> None:
    report = grade_answer(answer_for(exercise, tables=tables), tables=tables)
    wrong = [(r.key, r.explanation) for r in report.results if not r.correct]
    assert not wrong, (exercise.id, wrong)
    assert report.score == report.total == len(exercise.asks)


@expensive()
@given(topic=st.sampled_from(TOPICS), seed=st.integers(0, 10_000), index=st.integers(0, 12))
def test_engine_answer_grades_correct(
    tables: TableIndex, topic: str, seed: int, index: int
) -> None:
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    _engine_grades_correct(tables, exercise)


def test_engine_answer_to_every_set_exercise_and_case_grades_correct(tables: TableIndex) -> None:
    exercises = case_exercises(tables) + [
        e for s in load_exercise_sets(tables) for e in s.exercises
    ]
    assert len(exercises) >= 25
    for exercise in exercises:
        _engine_grades_correct(tables, exercise)


def _diagnosed(tables: TableIndex, exercise: Exercise, counts: Counter[str]) -> None:
    # grade_answer is parse_answer, find_exercise (regenerating the exercise from its id, the
    # dearest step) and grade: the exercise is regenerated once here, each wrong answer graded.
    assert find_exercise(tables, exercise.id) == exercise
    key = answer_key(tables, exercise)
    right = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    for code, build in BUILDERS.items():
        wrong = build(key, right["answers"])
        if wrong is None or set(wrong) - set(exercise.asks):
            continue
        report = grade(tables, exercise, parse_answer({"exercise": exercise.id, "answers": wrong}))
        changed = [r for r in report.results if not r.correct]
        made = {k for k in wrong if wrong[k] != right["answers"].get(k)}
        if not changed or all(r.correct for r in report.results if r.key in made):
            # the mistake lands inside the sourced range: not an error for this exercise (and
            # the later steps are judged from it as the trainee's own accepted base, review 8 #3)
            continue
        assert len(changed) == 1, (exercise.id, code, [r.key for r in changed])
        diagnosis = changed[0].diagnosis
        assert diagnosis is not None, (exercise.id, code, changed[0].explanation)
        # An answer that two mistakes produce alike is named by both (the first in `also`).
        assert code == diagnosis.code or code in diagnosis.also, (exercise.id, code, diagnosis)
        counts[code] += 1


@expensive()
@given(topic=st.sampled_from(TOPICS), seed=st.integers(0, 10_000), index=st.integers(0, 12))
# a wrong answer carried forward re-asked the engine where it gives no dose: grading crashed
@example(topic="from-patch", seed=4, index=4)
# a helper's run found it (CCDHB gives no dose at 10 mg/day OME): a carried wrong answer again
@example(topic="methadone", seed=390, index=3)
def test_each_applicable_error_pattern_is_diagnosed(
    tables: TableIndex, topic: str, seed: int, index: int
) -> None:
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    _diagnosed(tables, exercise, Counter())


def test_every_pattern_is_diagnosed_somewhere_and_mostly_first(tables: TableIndex) -> None:
    """Over a fixed sweep of every template, every pattern is applicable and diagnosed."""
    counts: Counter[str] = Counter()
    for template in TEMPLATES:
        for exercise in new_exercises(topic=template.topic, seed=3, count=6, tables=tables):
            _diagnosed(tables, exercise, counts)
    assert set(counts) == set(PATTERN_CODES), set(PATTERN_CODES) - set(counts)
