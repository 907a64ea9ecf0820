"""An OME answer written with its own label reads as the same amount (fuzz reviews 12 #5 and 13
#3: "55" and "55 mg/day" were graded, "55 mg/day OME" refused as "not a unit this program
understands"). The label of the set's own output (OME, oMEDD) after the amount is read as what it
is, the name of the quantity; any other word is still refused."""

from __future__ import annotations

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.practice.service import answer_for, grade_answer, new_exercises
from mps_pain.tables.index import TableIndex


def _graded(tables: TableIndex, written: str) -> tuple[bool, str]:
    exercise = new_exercises(level=3, seed=0, count=1, tables=tables)[0]
    document = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = {**document["answers"]}
    right = answers["ome_per_day"]
    value = right["value"] if isinstance(right, dict) else float(str(right).split()[0])
    answers["ome_per_day"] = written.format(value=value)
    report = grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    result = next(r for r in report.results if r.key == "ome_per_day")
    return result.correct, result.given


@pytest.mark.parametrize(
    "written",
    [
        "{value} mg/day OME",
        "{value} mg/day oMEDD",
        "{value} OME",
        "{value} ome/day",
        "{value} OME/d",
    ],
)
def test_the_right_ome_written_with_its_label_is_graded_correct(tables, written) -> None:
    correct, given = _graded(tables, written)
    assert correct, given


@pytest.mark.parametrize(
    "written", ["{value} mg/day MORPHINE", "{value} OMEGA", "{value} mg/day OME OME"]
)
def test_another_word_after_the_amount_is_still_refused(tables, written) -> None:
    with pytest.raises(MpsPainError):
        _graded(tables, written)
