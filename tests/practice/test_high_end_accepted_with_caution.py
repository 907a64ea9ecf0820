"""Clinician review 14 #3 (13b #2): Practice marked a regimen twice the planner's with a green
"✓ Correct" (hydromorphone level-3 UK exercise, answers 80, 80, 25%, 60, 30 mg q12h, 10): only
the total OME's feedback said "above the planner's point". Every step that rests on the high-end
choice (the OME, the equianalgesic dose, then the target, regimen and breakthrough carried from
them) is now graded "accepted, with caution" (``KeyGrade.caution``: still scored as accepted, its
own mark, not the green tick); the planner's own answers never are.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.models import GradeReport
from mps_pain.practice.service import answer_for, grade_answer, new_exercises
from mps_pain.tables.index import TableIndex
from mps_pain_cli.main import main
from tests.practice.conftest import expensive

REVIEWER = {
    "ome_per_day": "80 mg/day",
    "equianalgesic_daily_dose": "80 mg/day",
    "reduction": 0.25,
    "target_daily_dose": "60 mg/day",
    "regimen": {"dose": "30 mg", "frequency": "q12h"},
    "breakthrough_dose": "10 mg",
    "warnings": [],
}
RESTING = ("ome_per_day", "equianalgesic_daily_dose", "target_daily_dose", "regimen")


def _graded(tables: TableIndex, level: int, seed: int, answers: dict[str, Any]) -> GradeReport:
    exercise = new_exercises(level=level, seed=seed, count=1, tables=tables)[0]
    own = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    mine = {k: v for k, v in answers.items() if k in exercise.asks}
    document = {"exercise": exercise.id, "answers": {**own["answers"], **mine}}
    return grade_answer(document, tables=tables)


def test_the_reviewers_answers_are_accepted_with_caution_at_every_step_on_the_high_end(
    tables,
) -> None:
    report = _graded(tables, 3, 0, REVIEWER)
    marks = {r.key: (r.correct, r.caution) for r in report.results}
    assert report.score == report.total, marks  # still scored as accepted
    for key in (*RESTING, "breakthrough_dose"):
        assert marks[key] == (True, True), (key, marks)
    assert marks["reduction"] == (True, False), marks
    assert marks["warnings"] == (True, False), marks


@expensive()
@given(level=st.sampled_from([3, 4]), seed=st.integers(0, 300))
def test_the_planners_own_answers_are_never_cautioned(tables, level, seed) -> None:
    report = _graded(tables, level, seed, {})
    assert not any(r.caution for r in report.results), report.results


@expensive()
@given(seed=st.integers(0, 300), share=st.floats(0, 1))
def test_a_caution_is_an_accepted_answer_resting_on_a_cautioned_step(tables, seed, share):
    """The OME anywhere in its accepted range, the rest the planner's: cautioned exactly when
    above the planner's point; a later step only after a cautioned one, and only if accepted."""
    exercise = new_exercises(level=3, seed=seed, count=1, tables=tables)[0]
    first = grade_answer(
        answer_for(exercise, tables=tables).model_dump(mode="json"), tables=tables
    ).results[0]
    low, high = first.expected.low, first.expected.high
    assert low is not None and high is not None
    report = _graded(tables, 3, seed, {"ome_per_day": f"{low + share * (high - low)} mg/day"})
    seen = False
    for result in report.results:
        assert not result.caution or result.correct, result
        if result.key != "ome_per_day":
            assert not result.caution or seen, result
        seen = seen or result.caution


def test_the_cli_marks_a_cautioned_answer_apart(tables, capsys, tmp_path) -> None:
    """``practice grade`` (text): "[accepted, with caution]", never "[correct]", for the steps
    resting on the high end; the reduction keeps "[correct]"."""
    exercise = new_exercises(level=3, seed=0, count=1, tables=tables)[0]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"exercise": exercise.id, "answers": REVIEWER}), encoding="utf-8")
    assert main(["practice", "grade", str(path)]) == 0
    out = capsys.readouterr().out
    for key in (*RESTING, "breakthrough_dose"):
        assert f"[accepted, with caution] {key}: Accepted with caution:" in out, (key, out)
    assert "[correct] reduction:" in out, out
    assert "Score: 7/7" in out, out
