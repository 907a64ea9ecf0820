"""Pharmacist re-check 19b, L3 and L4: practice names a reason only when it is the trainee's.

- L3 ``e5-w-nopbt``: OME 50 (expected 60), target 9.375 = 50 ÷ 4 × 0.75, from the trainee's own
  OME. It was told "It is CCDHB practice bands' own band, unsmoothed: 15 mg/day, reduced within
  the method's sourced 25–50%", a coincidence of arithmetic (15 × 0.625). The method's own band is
  said to give a target only when the OME it rests on was accepted.
- L4 ``e4-w-oralratio``: 90 OME → SC oxycodone (JSPM) is 45 mg/day; 60 mg/day (÷ 1.5, the ORAL
  oxycodone row) got no diagnosis. The target drug's row by another route of the set is now the
  "factor from another set or another route" pattern, as the current side already was.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError
from mps_pain.practice.expected import within
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import GradeReport, KeyGrade
from mps_pain.practice.service import answer_for, grade_answer
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise

E5 = "L5.methadone.fpm-2021.1919.0"
E5_NOPBT = {
    "ome_per_day": "50 mg/day",
    "target_daily_dose": "9.375 mg/day",
    "regimen": {"dose": "2.5 mg", "frequency": "q8h"},
    "warnings": [
        "breakthrough-no-source",
        "methadone-band-edge",
        "methadone-specialist",
        "qtc-borderline",
        "renal-current",
    ],
}
E4 = "L4.infusion.jspm-2010.1919.0"
E4_ORAL_RATIO = {
    "ome_per_day": "90 mg/day",
    "equianalgesic_daily_dose": "60 mg/day",
    "reduction": "25%",
    "target_daily_dose": "45 mg/day",
    "regimen": {"rate": "45 mg/24 h"},
    "breakthrough_dose": "1.875 mg",
    "warnings": [],
}


def _mark(report: GradeReport, ask: str) -> KeyGrade:
    return next(r for r in report.results if r.key == ask)


def test_e5_a_target_from_a_wrong_ome_is_not_told_the_unsmoothed_band(tables) -> None:
    report = grade_answer({"exercise": E5, "answers": E5_NOPBT}, tables=tables)
    assert not _mark(report, "ome_per_day").correct
    mark = _mark(report, "target_daily_dose")
    assert not mark.correct
    assert "own band, unsmoothed" not in mark.explanation, mark.explanation
    # the expected answer still rests on the smoothing, and still says so
    assert "this program's smoothing" in mark.explanation, mark.explanation


def test_e5_with_the_right_ome_the_unsmoothed_band_is_still_said(tables) -> None:
    """The control: 60 OME (right) ÷ 4 × 0.75 = 11.25 is the method's own band, reduced."""
    answers = {**E5_NOPBT, "ome_per_day": "60 mg/day", "target_daily_dose": "11.25 mg/day"}
    mark = _mark(
        grade_answer({"exercise": E5, "answers": answers}, tables=tables), "target_daily_dose"
    )
    assert "own band, unsmoothed" in mark.explanation, mark.explanation


def test_e4_a_missing_oral_to_injection_ratio_is_named(tables: TableIndex) -> None:
    report = grade_answer({"exercise": E4, "answers": E4_ORAL_RATIO}, tables=tables)
    mark = _mark(report, "equianalgesic_daily_dose")
    assert not mark.correct
    assert mark.diagnosis is not None and mark.diagnosis.code == "wrong-table-row", mark


def _ome_per_unit(tables: TableIndex, table: str, drug: str, route: str, unit: str) -> float:
    item = {"drug": drug, "route": route, "daily_dose": {"value": 1.0, "unit": unit}}
    doc = RegimenDocument.model_validate({"table": table, "items": [item], "prn": "include"})
    return calculate_mme(doc, tables=tables).total_mme_per_day


@expensive()
@given(
    topic=st.sampled_from(["infusion", "route-change"]),
    seed=st.integers(0, 500),
    index=st.integers(0, 9),
)
def test_the_targets_oral_row_for_an_injection_is_named(tables, topic, seed, index) -> None:
    """An injected target's equianalgesic dose read with the same drug's ORAL row of the set
    (the oral-to-injection ratio left out), where that is not accepted, is named as the factor
    of another route."""
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    assume(isinstance(key, SwitchKey) and "equianalgesic_daily_dose" in exercise.asks)
    assert isinstance(key, SwitchKey)
    regimen, eq = key.plan.regimen, key.plan.equianalgesic_daily_dose
    assume(regimen.route in ("sc", "iv") and key.plan.ome_per_day > 0)
    try:
        oral = _ome_per_unit(tables, exercise.table, regimen.drug, "oral", eq.unit)
    except MpsPainError:  # no oral row for the drug (fentanyl): nothing to mistake
        oral = 0.0
    assume(oral > 0)
    wrong = key.plan.ome_per_day / oral
    assume(not within(wrong, eq.low or eq.value, eq.high or eq.value, 0.05))
    answers: dict[str, Any] = answer_for(exercise, tables=tables).model_dump(
        mode="json", exclude_none=True
    )["answers"]
    answers["equianalgesic_daily_dose"] = f"{wrong} {eq.unit}"
    report = grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    mark = _mark(report, "equianalgesic_daily_dose")
    assert not mark.correct
    codes = [] if mark.diagnosis is None else [mark.diagnosis.code, *mark.diagnosis.also]
    assert "wrong-table-row" in codes, (exercise.id, wrong, mark.explanation)
