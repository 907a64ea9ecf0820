"""Pharmacist re-check 21b, N-1 (practice): a trainee's tramadol ER 200 mg q12h (the 400 mg/day
maximum) with tramadol 50 mg as needed scored 7/7, while the planner calls that order a danger.
The answer is read as the order it writes by the planner's own maximum rule
(``practice.answer_order``): a danger about it makes the regimen wrong, with the rule's words as
the diagnosis; the engine's own answer (150 mg q12h + 50 mg) stays right.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.practice.answer_order import ORDER_DANGER
from mps_pain.practice.models import GradeReport, KeyGrade
from mps_pain.practice.service import grade_answer
from mps_pain.tables.loader import get_tables

FIXTURES = Path(__file__).parent / "fixtures" / "review21b"
TABLES = get_tables()


def _report(document: dict[str, Any]) -> GradeReport:
    return grade_answer(document, tables=TABLES)


def _answer(name: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return found


def _regimen(report: GradeReport) -> KeyGrade:
    return next(r for r in report.results if r.key == "regimen")


def test_the_reproducer_is_wrong_with_the_rules_words() -> None:
    report = _report(_answer("ans-L3new-high-at-max.json"))
    mark = _regimen(report)
    assert not mark.correct and report.score < report.total
    assert mark.diagnosis is not None and mark.diagnosis.code == ORDER_DANGER
    assert "takes the day above the maximum" in mark.diagnosis.message


def test_the_engine_answer_keeps_full_marks() -> None:
    report = _report(_answer("ans-L3new-engine.json"))
    assert report.score == report.total, [r.explanation for r in report.results if not r.correct]


@settings(max_examples=12, deadline=None)
@given(dose=st.sampled_from([100, 150, 200]), rescue=st.sampled_from([25, 50]))
def test_a_regimen_is_wrong_exactly_when_its_order_leaves_no_room(dose: int, rescue: int) -> None:
    """Over regimens and rescue sizes: the order-danger diagnosis exactly when the regular day
    leaves less than one rescue dose to the 400 mg/day maximum."""
    document = _answer("ans-L3new-high-at-max.json")
    document["answers"] |= {
        "regimen": {"dose": f"{dose} mg", "frequency": "q12h"},
        "breakthrough_dose": f"{rescue} mg",
    }
    mark = _regimen(_report(document))
    flagged = mark.diagnosis is not None and mark.diagnosis.code == ORDER_DANGER
    assert flagged == (400 - 2 * dose < rescue), (dose, rescue, mark.explanation)
    assert not (flagged and mark.correct)
