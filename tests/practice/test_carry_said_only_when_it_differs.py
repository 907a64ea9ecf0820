"""Clinician review 15, #15: "From your own accepted earlier answers: expected 5 mg" when none
of the trainee's numbers that lead to it was accepted.

Exercise L3.oral-rotation.uk-palliative.0.1 (hydromorphone ER 8 mg q12h + IR 1 mg × 1 →
oxycodone ER q12h): the trainee inverted the ratio (17 ÷ 5 = 3.4 instead of 17 × 5 = 85) and
only the reduction, 25%, the planner's own, was accepted. The breakthrough dose the grader then
expects is the planner's own (4–6.67 mg): saying it comes "from your own accepted earlier
answers" sends the trainee looking for an answer of theirs that led to it. A carried answer is
named only when it is not the planner's own (the accepted 25% still narrows the target and the
regimen, and those say so).
"""

from __future__ import annotations

from mps_pain.practice.models import KeyGrade
from mps_pain.practice.service import grade_answer
from mps_pain.tables.index import TableIndex

REVIEW15 = {
    "ome_per_day": "3.4 mg/day",
    "equianalgesic_daily_dose": "2.27 mg/day",
    "reduction": "25%",
    "target_daily_dose": "1.7 mg/day",
    "regimen": {"dose": "1 mg", "frequency": "q12h"},
    "breakthrough_dose": "0.3 mg",
    "warnings": [],
}
EXERCISE = "L3.oral-rotation.uk-palliative.0.1"


def _results(tables: TableIndex, answers: dict[str, object]) -> dict[str, KeyGrade]:
    report = grade_answer({"exercise": EXERCISE, "answers": answers}, tables=tables)
    return {r.key: r for r in report.results}


def test_review15_no_carried_answer_is_named_when_it_is_the_planners(tables: TableIndex) -> None:
    results = _results(tables, REVIEW15)
    assert results["ome_per_day"].diagnosis is not None
    assert results["ome_per_day"].diagnosis.code == "ratio-inverted"
    # the accepted 25% narrows the target (42.5, not all of 28.3–42.5) and the regimen: named
    for ask in ("target_daily_dose", "regimen"):
        carried = results[ask].judged_by
        assert carried is not None and not carried.same_answer(results[ask].expected)
    breakthrough = results["breakthrough_dose"]  # the planner's own 4–6.67 mg: not "yours"
    assert not breakthrough.correct
    assert breakthrough.judged_by is None, breakthrough.judged_by
    assert "own accepted earlier answers" not in breakthrough.explanation
    assert breakthrough.explanation.startswith(f"Expected {breakthrough.expected.text}")


def test_a_carried_answer_is_never_the_planners_own(tables: TableIndex) -> None:
    """Over answers that carry and answers that do not: when a step names the trainee's own
    base (``judged_by``), its answer differs from the planner's."""
    variants = [
        REVIEW15,
        {**REVIEW15, "equianalgesic_daily_dose": "80 mg/day"},
        {**REVIEW15, "equianalgesic_daily_dose": "80 mg/day", "target_daily_dose": "60 mg/day"},
        {**REVIEW15, "reduction": "50%"},
        {**REVIEW15, "ome_per_day": "85 mg/day", "equianalgesic_daily_dose": "56.67 mg/day"},
    ]
    named = 0
    for answers in variants:
        for result in _results(tables, answers).values():
            if result.judged_by is not None:
                named += 1
                assert not result.judged_by.same_answer(result.expected), result
                assert "own accepted earlier answers" in result.explanation
    assert named  # the carry itself still speaks when it differs
