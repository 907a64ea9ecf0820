"""Clinician review 10, #5: two bands for one field, and a breakthrough re-marked by another field.

Hydromorphone ER 4 mg q12h + IR 1.3 mg x2 -> morphine ER q12h, UK set (age 72). Answers 79.5,
79.5, 25%, 59.6, 30 mg q12h, 10 mg: 7 of 7. Then the rounded dose 10 mg q12h: "expected 25 mg
q12h (accepted: ... from 25 up to 29.8 mg, never above)" although 30 mg q12h had just been
accepted (30 is above 29.8), and the unchanged breakthrough 10 mg (1/6 of the trainee's own
59.6 mg/day) flipped to wrong, judged against 25 mg q12h: one mistake cost two marks.

Expected: the band stated for the rounded dose is the band the grader accepts (every accepted
dose inside it, its top itself accepted); the breakthrough dose is judged from the trainee's own
accepted base, whatever regimen the grader would have accepted from it, and a wrong regimen
never changes its mark.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from mps_pain.practice.catalogue import find_exercise
from mps_pain.tables.index import TableIndex
from tests.practice.test_own_base_rounding import REVIEW8_EXERCISE, _by_key, _grade

REVIEW10 = {
    "ome_per_day": "79.5 mg/day",
    "equianalgesic_daily_dose": "79.5 mg/day",
    "reduction": "25%",
    "target_daily_dose": "59.6 mg/day",
    "regimen": {"dose": "30 mg", "frequency": "q12h"},
    "breakthrough_dose": "10 mg",
    "warnings": ["elderly-caution"],
}
# trainees' accepted bases (equianalgesic dose, reduction, target): reviews 7, 8, 9 and 10
BASES = [
    ("79.5 mg/day", "25%", "59.6 mg/day"),
    ("79.5 mg/day", "25%", "60 mg/day"),
    ("79.5 mg/day", "30%", "55.65 mg/day"),
    ("53 mg/day", "25%", "39.75 mg/day"),
]
LADDER = [f"{d} mg" for d in (5, 10, 15, 20, 25, 30, 35, 40, 45, 50)]


def _marks(tables: TableIndex, **changed: Any) -> dict[str, Any]:
    exercise = find_exercise(tables, REVIEW8_EXERCISE)
    return _by_key(_grade(tables, exercise, {**REVIEW10, **changed}))


def _regimen(dose: str) -> dict[str, str]:
    return {"dose": dose, "frequency": "q12h"}


def test_review10_5_a_wrong_regimen_leaves_the_breakthrough_right(tables: TableIndex) -> None:
    assert all(r.correct for r in _marks(tables).values())  # 7 of 7, as the trainee saw
    marks = _marks(tables, regimen=_regimen("10 mg"))
    assert not marks["regimen"].correct
    breakthrough = marks["breakthrough_dose"]
    assert breakthrough.correct, breakthrough.explanation  # 1/6 of the trainee's own 60 mg/day
    assert "your own accepted earlier answers" in breakthrough.explanation
    assert sum(r.correct for r in marks.values()) == len(marks) - 1  # one mistake, one mark


def test_review10_5_the_stated_band_is_the_accepted_band(tables: TableIndex) -> None:
    text = _marks(tables, regimen=_regimen("10 mg"))["regimen"].explanation
    assert text.count("(accepted") == 1, text
    assert re.search(r"from 25 up to 30 mg\b", text), text  # 30 mg q12h was accepted
    assert "29.8" not in text


@pytest.mark.parametrize(("eq", "reduction", "target"), BASES)
def test_every_accepted_dose_lies_in_the_band_the_words_state(
    tables: TableIndex, eq: str, reduction: str, target: str
) -> None:
    base = {"equianalgesic_daily_dose": eq, "reduction": reduction, "target_daily_dose": target}
    marks = {d: _marks(tables, **base, regimen=_regimen(d))["regimen"] for d in LADDER}
    accepted = [float(d.split()[0]) for d, m in marks.items() if m.correct]
    assert accepted, marks
    for dose, mark in marks.items():
        if mark.correct:
            continue
        bands = re.findall(r"from ([0-9.]+) up to ([0-9.]+) mg", mark.explanation)
        if not bands:  # a single dose accepted: stated as the dose expected
            bands = re.findall(r"expected ([0-9.]+)() mg q12h;", mark.explanation)
            bands = [(b[0], b[0]) for b in bands]
        assert len(bands) == 1, mark.explanation  # one band, the one that governs
        low, high = (float(b) for b in bands[0])
        assert low == min(accepted) and high == max(accepted), (accepted, mark.explanation)
        assert not low <= float(dose.split()[0]) <= high, mark.explanation


@pytest.mark.parametrize(("eq", "reduction", "target"), [BASES[0], BASES[-1]])
def test_a_wrong_regimen_never_changes_the_breakthrough_mark(
    tables: TableIndex, eq: str, reduction: str, target: str
) -> None:
    """The breakthrough with a wrong regimen is right exactly when it is right with some regimen
    the grader accepts from the same base (the base is the trainee's accepted target)."""
    base = {"equianalgesic_daily_dose": eq, "reduction": reduction, "target_daily_dose": target}
    regimens = {d: _marks(tables, **base, regimen=_regimen(d))["regimen"].correct for d in LADDER}
    right = [d for d, ok in regimens.items() if ok]
    wrong = [d for d, ok in regimens.items() if not ok and d in ("5 mg", "10 mg", "50 mg")]
    for breakthrough in ("2.5 mg", "5 mg", "8 mg", "10 mg", "15 mg"):
        with_right = any(
            _marks(tables, **base, regimen=_regimen(d), breakthrough_dose=breakthrough)[
                "breakthrough_dose"
            ].correct
            for d in right
        )
        for dose in wrong:
            mark = _marks(tables, **base, regimen=_regimen(dose), breakthrough_dose=breakthrough)
            assert mark["breakthrough_dose"].correct == with_right, (
                dose,
                breakthrough,
                mark["breakthrough_dose"].explanation,
            )
