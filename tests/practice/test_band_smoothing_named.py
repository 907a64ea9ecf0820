"""The program's methadone band smoothing is named where a grade rests on it (pharmacist review
19, L3).

pr/m5-red25: 60 oMEDD ÷ 4 (CCDHB "<90 → 4:1") × 0.75 = 11.25 mg/day, the published arithmetic,
was marked "Expected 8.438 (accepted 5.62–8.44); you gave 11.25 mg/day" with no reason: the
expected answer rests on this program's smoothing across a band edge (held at 90 ÷ 8), which the
prompt did not mention. The grade line and the worked answer name the smoothing rule and its
source, and the prompt says the method as the planner applies it.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.generate import exercise_id
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import KeyGrade
from mps_pain.practice.service import answer_for, grade_answer
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive

M5 = "L5.methadone.fpm-2021.5.0"
M5_RED25 = {
    "ome_per_day": "60 mg/day",
    "target_daily_dose": "11.25 mg/day",
    "regimen": {"dose": "3.5 mg", "frequency": "q8h"},
    "warnings": ["breakthrough-no-source", "methadone-specialist", "qtc-borderline"],
}
SMOOTHING = "this program's smoothing"


def _source(tables: TableIndex) -> str:
    rules = tables.tables.rotation
    assert rules is not None
    return tables.cite(rules.methadone.band_edge.citation)


def _mark(tables: TableIndex, exercise_id: str, answers: dict[str, object], ask: str) -> KeyGrade:
    report = grade_answer({"exercise": exercise_id, "answers": answers}, tables=tables)
    return next(r for r in report.results if r.key == ask)


def test_m5_red25_the_published_arithmetic_is_told_the_smoothing(tables: TableIndex) -> None:
    mark = _mark(tables, M5, M5_RED25, "target_daily_dose")
    assert not mark.correct
    assert mark.diagnosis is None
    assert "CCDHB practice bands' own band, unsmoothed: 15 mg/day" in mark.explanation
    assert SMOOTHING in mark.explanation and "held down at 11.25 mg/day" in mark.explanation
    assert _source(tables) in mark.explanation
    regimen = _mark(tables, M5, M5_RED25, "regimen")
    assert SMOOTHING in regimen.explanation and _source(tables) in regimen.explanation


def test_m5_the_prompt_and_the_worked_answer_name_the_smoothing(tables: TableIndex) -> None:
    exercise = find_exercise(tables, M5)
    assert "smoothing across a band edge" in exercise.prompt
    report = grade_answer({"exercise": M5, "answers": M5_RED25}, tables=tables)
    step = next(s for s in report.worked.steps if s.startswith("2. Methadone"))
    assert SMOOTHING in step and _source(tables) in step


SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]  # CCDHB under fpm-2021, the JP label else


@expensive()
@given(
    set_id=st.sampled_from(SETS),
    seed=st.integers(0, 10**6),
    index=st.integers(0, 11),
    at=st.sampled_from([0, 1]),
)
def test_a_target_from_the_unsmoothed_band_is_said_as_that(tables, set_id, seed, index, at) -> None:
    """Every methadone exercise whose method's dose was held at a band edge (about half of the
    CCDHB ones under fpm-2021): the method's own
    band reduced at either end of its sourced range is either accepted or told what it is,
    never given an error pattern; a ratio-band method's prompt names the smoothing."""
    exercise = find_exercise(tables, exercise_id(tables, None, seed, index, set_id, "methadone"))
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    method = key.plan.methadone_method
    chosen = next(o for o in key.plan.methadone_options if o.method == method)
    rules = tables.tables.rotation
    assert rules is not None
    kind = next(m.kind for m in rules.methadone.methods if m.id == method)
    if kind == "ratio_tiers":  # the bands the smoothing can hold
        assert "smoothing across a band edge" in exercise.prompt, exercise.prompt
    if not chosen.held_at_edge or chosen.band_dose is None:
        return
    reduction = (key.reduction_low, key.reduction_high)[at]
    target = chosen.band_dose.value * (1 - reduction)
    own = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answers = {**own["answers"], "target_daily_dose": f"{target} mg/day"}
    mark = _mark(tables, exercise.id, answers, "target_daily_dose")
    if not mark.correct:
        assert mark.diagnosis is None, mark.explanation
        assert "own band, unsmoothed" in mark.explanation, mark.explanation
        assert _source(tables) in mark.explanation
