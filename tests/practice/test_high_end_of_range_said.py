"""An answer accepted at the end of the cited range that gives MORE of the new opioid says so
(clinician review 13 #3: hydromorphone -> morphine, 80 OME/day and 30 mg q12h marked a plain
"Correct" where the planner, by the end that gives less of the new opioid, gives 53 and a
39.75 mg/day target)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.expected import RELATIVE_TOLERANCE, expected_for
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.service import answer_for, grade_answer, new_exercises
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive

_ABOVE = "above the planner's"


def _graded(tables: TableIndex, seed: int, share: float) -> tuple[float, float, str] | None:
    """(the answer, the planner's point, the explanation) for an OME answer at ``share`` of the
    accepted range; None when the exercise is not a switch with a range."""
    exercise = new_exercises(level=3, seed=seed, count=1, tables=tables)[0]
    key = answer_key(tables, exercise)
    if not isinstance(key, SwitchKey):
        return None
    expected = expected_for(key, "ome_per_day")
    assert expected is not None and expected.value is not None
    assert expected.low is not None and expected.high is not None
    value = expected.low + share * (expected.high - expected.low)
    answers = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = {**answers["answers"], "ome_per_day": f"{value} mg/day"}
    report = grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    result = next(r for r in report.results if r.key == "ome_per_day")
    assert result.correct, result.explanation
    return value, expected.value, result.explanation


def test_the_reviewers_high_ome_is_accepted_and_said_to_be_above_the_planners(tables) -> None:
    graded = _graded(tables, 0, 1.0)  # the reviewer's exercise: the top of the range
    assert graded is not None
    value, point, explanation = graded
    assert value > point * 1.2, graded
    assert _ABOVE in explanation, explanation


@expensive()
@given(seed=st.integers(0, 500), share=st.floats(0, 1))
def test_a_note_only_when_the_answer_is_above_the_planners_point(
    tables: TableIndex, seed: int, share: float
) -> None:
    graded = _graded(tables, seed, share)
    if graded is None:
        return
    value, point, explanation = graded
    assert (_ABOVE in explanation) == (value > point * (1 + RELATIVE_TOLERANCE)), graded
