"""A mcg/mg slip on ONE line of a regimen is diagnosed (pharmacist review 20, L6).

``pr/e8-w-bup-mcg.json``: L2 under fpm-2021, oxycodone IV 0.6 mg/h (43.2) + buprenorphine SL
0.75 mg qid (120) = 163.2 mg/day. The trainee read the buprenorphine as micrograms (3 mg/day
counted as 3 mcg/day: 0.12) and answered 43.32, graded wrong with no diagnosis, while the
1000-fold slip of the whole total is named. The pattern's arithmetic now covers one counted
line's amount 1000-fold off (the rest as the engine counts it), never a line left out.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from mps_pain.practice.key import MmeKey, answer_key
from mps_pain.practice.models import KeyGrade
from mps_pain.practice.service import grade_answer
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise

E8 = "L2.mme-several-prn.fpm-2021.2026.0"


def _ome(tables: TableIndex, exercise: str, answer: float) -> KeyGrade:
    report = grade_answer(
        {"exercise": exercise, "answers": {"ome_per_day": f"{answer:.6g} mg/day"}}, tables=tables
    )
    return next(r for r in report.results if r.key == "ome_per_day")


def test_e8_buprenorphine_read_as_micrograms_is_named(tables: TableIndex) -> None:
    mark = _ome(tables, E8, 43.32)
    assert not mark.correct
    assert mark.diagnosis is not None, mark.explanation
    assert mark.diagnosis.code == "unit-slip-1000", mark.diagnosis


@expensive()
@given(
    seed=st.integers(0, 10**6),
    index=st.integers(0, 11),
    line=st.integers(0, 3),
    factor=st.sampled_from([1000.0, 0.001]),
)
def test_one_line_1000_fold_off_is_named_a_unit_slip(
    tables: TableIndex, seed: int, index: int, line: int, factor: float
) -> None:
    exercise = nth_exercise(tables, topic="mme-several-prn", seed=seed, index=index)
    key = answer_key(tables, exercise)
    assert isinstance(key, MmeKey)
    counted = [
        item for item in key.result.items if item.counted and not item.prn and item.mme_per_day
    ]
    assume(line < len(counted))
    share = counted[line].mme_per_day
    assert share is not None
    answer = key.result.total_mme_per_day + share * (factor - 1)
    mark = _ome(tables, exercise.id, answer)
    assume(not mark.correct)
    assert mark.diagnosis is not None, (exercise.id, answer, mark.explanation)
    named = [mark.diagnosis.code, *mark.diagnosis.also]
    assert "unit-slip-1000" in named, (exercise.id, answer, named)


def test_a_line_left_out_is_not_called_a_unit_slip(tables: TableIndex) -> None:
    """Leaving a line out is no 1000-fold slip: 43.2 (the oxycodone alone) names none."""
    mark = _ome(tables, E8, 43.2)
    assert mark.diagnosis is None or mark.diagnosis.code != "unit-slip-1000", mark.diagnosis
