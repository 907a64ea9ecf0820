"""A diagnosis is never one the rest of the grade contradicts (pharmacist review 18, D3 and L1).

- D3: a methadone target and regimen were told "You left out the as-needed (PRN) doses actually
  taken" though the trainee's OME, with them, was marked correct.
- L1 (a1-q8h): oxycodone ER 5 mg q6h, the right daily total at the wrong interval after a right
  reduction and a right target, was told "The cross-tolerance reduction was applied twice".
- L1 (a1-inverted): the hydromorphone dose left unconverted as the OME (8) and the factor then
  applied the wrong way (12) was told "A per-dose amount was used as a daily amount", and the
  target that follows from them (9 = 12 × 0.75) "The cross-tolerance reduction was applied
  twice".

The rule (``practice/diagnosis_agrees.py``): a mistake made at an earlier step (the as-needed
doses at the OME; the reduction at the reduction or the target) is not named at a later step
when every step it is made at was answered right; and a pattern is not named at a step after a
wrong earlier answer that the same pattern does not explain (the later number was not built on
the planner's base, so a match against it is a coincidence).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.diagnose import NUMBER_PATTERNS
from mps_pain.practice.expected import expected_for
from mps_pain.practice.grade import grade
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import GradeReport
from mps_pain.practice.service import answer_for, parse_answer
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise

E1 = "L3.oral-rotation.uk-palliative.7.0"
RIGHT_E1 = {
    "ome_per_day": "40 mg/day",
    "equianalgesic_daily_dose": "26.67 mg/day",
    "reduction": "25%",
    "target_daily_dose": "20 mg/day",
    "regimen": {"dose": "10 mg", "frequency": "q12h"},
    "breakthrough_dose": "3 mg",
    "warnings": [],
}

#: where each mistake is made: a later step shows it only through one of these
MADE_AT = {
    "prn-omitted": {"ome_per_day"},
    "prn-counted-wrongly": {"ome_per_day"},
    "reduction-missing": {"reduction", "target_daily_dose"},
    "reduction-twice": {"reduction", "target_daily_dose"},
    "reduction-on-same-drug": {"reduction", "target_daily_dose"},
}


def _grade(tables: TableIndex, exercise_id: str, answers: dict[str, Any]) -> GradeReport:
    exercise = find_exercise(tables, exercise_id)
    return grade(tables, exercise, parse_answer({"exercise": exercise_id, "answers": answers}))


def _codes(report: GradeReport, key: str) -> list[str]:
    mark = next(r for r in report.results if r.key == key)
    return [] if mark.diagnosis is None else [mark.diagnosis.code, *mark.diagnosis.also]


def test_a1_q8h_a_wrong_interval_is_not_a_reduction_applied_twice(tables: TableIndex) -> None:
    answers = RIGHT_E1 | {"regimen": {"dose": "5 mg", "frequency": "q6h"}}
    report = _grade(tables, E1, answers)
    mark = next(r for r in report.results if r.key == "regimen")
    assert not mark.correct
    assert "reduction-twice" not in _codes(report, "regimen"), mark.explanation
    assert "The exercise asks for the regimen q12h." in mark.explanation


def test_a1_inverted_no_diagnosis_its_own_earlier_answers_contradict(tables: TableIndex) -> None:
    answers = RIGHT_E1 | {
        "ome_per_day": "8 mg/day",
        "equianalgesic_daily_dose": "12 mg/day",
        "target_daily_dose": "9 mg/day",
        "regimen": {"dose": "5 mg", "frequency": "q12h"},
        "breakthrough_dose": "1 mg",
    }
    report = _grade(tables, E1, answers)
    assert "per-dose-vs-per-day" not in _codes(report, "equianalgesic_daily_dose")
    assert "reduction-twice" not in _codes(report, "target_daily_dose")


_LATER = ("equianalgesic_daily_dose", "target_daily_dose", "regimen", "breakthrough_dose")


def _tempting(key: SwitchKey, ask: str, code: str) -> float | None:
    """A number the pattern ``code`` gives at ``ask`` (the middle of its first span)."""
    expected = expected_for(key, ask)
    if expected.low is None or expected.high is None:
        return None
    pattern = dict(NUMBER_PATTERNS)[code]
    spans = [s for s in pattern(key, ask, (expected.low, expected.high)) if s[1] > 0]
    return None if not spans else (spans[0][0] + spans[0][1]) / 2


@expensive()
@given(
    topic=st.sampled_from(["oral-rotation", "to-patch", "methadone", "renal", "infusion"]),
    seed=st.integers(0, 10_000),
    index=st.integers(0, 12),
    ask=st.sampled_from(_LATER),
    code=st.sampled_from(sorted(MADE_AT)),
    early=st.sampled_from([None, "ome_per_day", "equianalgesic_daily_dose"]),
)
def test_no_diagnosis_of_a_mistake_its_steps_were_answered_without(
    tables: TableIndex, topic: str, seed: int, index: int, ask: str, code: str, early: str | None
) -> None:
    """The engine's answer with a later step replaced by the number a pattern gives there (and
    sometimes an earlier step off by a third): no step is told a mistake whose every step was
    answered right, and no step after a wrong answer is told a pattern that does not explain
    that wrong answer too."""
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    if ask not in exercise.asks:
        return
    value = _tempting(key, ask, code)
    if value is None:
        return
    answers = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = answers["answers"]
    unit = expected_for(key, ask).unit
    if ask == "regimen":
        shape = answers["regimen"]
        answers["regimen"] = {
            **shape,
            **(
                {"dose": {"value": value, "unit": unit}}
                if "dose" in shape
                else {"rate": {"value": value, "unit": unit}}
            ),
        }
    else:
        answers[ask] = {"value": value, "unit": unit}
    if (
        early is not None
        and early in exercise.asks
        and exercise.asks.index(early) < exercise.asks.index(ask)
    ):
        earlier = expected_for(key, early)
        answers[early] = {"value": (earlier.value or 1.0) * 1.33, "unit": earlier.unit}
    report = grade(tables, exercise, parse_answer({"exercise": exercise.id, "answers": answers}))
    marks = {r.key: r for r in report.results}
    for later in exercise.asks:
        for named in _codes(report, later):
            steps = MADE_AT.get(named)
            if steps is None or later in steps:
                continue
            asked = [s for s in steps if s in exercise.asks]
            before = all(exercise.asks.index(s) < exercise.asks.index(later) for s in asked)
            right = (
                asked
                and before
                and len(asked) == len(steps)
                and all(marks[s].correct for s in asked)
            )
            assert not right, (exercise.id, later, named, marks[later].explanation)
