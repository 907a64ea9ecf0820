"""Clinician review 5, item 8: grading follows forward from the trainee's accepted answers.

Each step is judged against the trainee's own accepted earlier answers (within the same
tolerances), and an error pattern is named only when it explains the answer: a target that is
the trainee's accepted equianalgesic dose less the accepted reduction, the regimen the rounding
policy gives for that target, and the breakthrough dose the rule gives for that regimen are
correct, and no false pattern is recorded.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.grade import worked_answer
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.service import answer_for, grade_answer, new_exercises
from mps_pain.practice.templates import TEMPLATES
from mps_pain.tables.index import TableIndex
from tests.practice.conftest import expensive, nth_exercise

TOPICS = [t.topic for t in TEMPLATES]


def test_review5_level3_exercise_carry_forward_grades_correct(tables: TableIndex) -> None:
    exercise = new_exercises(level=3, seed=0, count=1, tables=tables)[0]
    assert exercise.switch is not None
    assert exercise.switch.from_.items[0].drug == "hydromorphone"
    answers = {
        "ome_per_day": "79.5 mg/day",
        "equianalgesic_daily_dose": "79.5 mg/day",
        "reduction": "25%",
        "target_daily_dose": "60 mg/day",
        "regimen": {"dose": "30 mg", "frequency": "q12h"},
        "breakthrough_dose": "10 mg",
        "warnings": [],
    }
    report = grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    wrong = [(r.key, r.explanation) for r in report.results if not r.correct]
    assert not wrong, wrong
    assert all(r.diagnosis is None for r in report.results)


def test_wrong_target_after_accepted_steps_is_still_wrong(tables: TableIndex) -> None:
    """Carrying forward accepts only the rule applied: 79.5 less 25% is not 79.5."""
    exercise = new_exercises(level=3, seed=0, count=1, tables=tables)[0]
    answers = {
        "ome_per_day": "79.5 mg/day",
        "equianalgesic_daily_dose": "79.5 mg/day",
        "reduction": "25%",
        "target_daily_dose": "79.5 mg/day",
        "regimen": {"dose": "30 mg", "frequency": "q12h"},
        "breakthrough_dose": "10 mg",
        "warnings": [],
    }
    report = grade_answer({"exercise": exercise.id, "answers": answers}, tables=tables)
    by_key = {r.key: r for r in report.results}
    assert not by_key["target_daily_dose"].correct


def _carried_answer(key: SwitchKey, right: dict[str, Any], share: float) -> dict[str, Any] | None:
    """The engine's answer with the equianalgesic dose moved to another accepted value and every
    later step the engine's rule applied to it (the engine asked with a current regimen scaled
    to that equianalgesic dose)."""
    eq = key.plan.equianalgesic_daily_dose
    moved = eq.low + share * (eq.high - eq.low)
    factor = moved / eq.value if eq.value else 0.0
    if factor <= 0 or abs(factor - 1) < 1e-6:
        return None
    items = key.request.from_.model_dump(mode="json", by_alias=True, exclude_none=True)["items"]
    scaled = [_scale(i, factor) for i in items]
    plan = key.replan(
        **{"from": {"items": scaled, "prn": key.plan.prn}}, reduction=key.plan.reduction
    )
    if abs(plan.equianalgesic_daily_dose.value - moved) > 1e-6 * max(1.0, moved):
        return None  # not linear in the dose (a patch chart's band): no such answer to build
    answer = dict(right)
    answer["equianalgesic_daily_dose"] = f"{moved} {eq.unit}"
    if "target_daily_dose" in answer:
        answer["target_daily_dose"] = (
            f"{plan.target_daily_dose.value} {plan.target_daily_dose.unit}"
        )
    if "regimen" in answer:
        regimen = plan.regimen
        amount = regimen.dose or regimen.rate
        if amount is None:
            return None
        answer["regimen"] = (
            {"dose": f"{amount.value} {amount.unit}", "frequency": regimen.frequency}
            if regimen.dose is not None
            else {"rate": f"{amount.value} {amount.unit}"}
        )
    if "breakthrough_dose" in answer:
        bt = plan.breakthrough
        if bt is None or bt.dose is None:
            return None
        answer["breakthrough_dose"] = f"{bt.dose.value} {bt.dose.unit}"
    return answer


def _scale(item: dict[str, Any], factor: float) -> dict[str, Any]:
    out = dict(item)
    for field in ("dose", "rate", "daily_dose"):
        if isinstance(out.get(field), dict):
            out[field] = {**out[field], "value": out[field]["value"] * factor}
    return out


@expensive()
@given(
    topic=st.sampled_from(TOPICS),
    seed=st.integers(0, 10_000),
    index=st.integers(0, 12),
    share=st.floats(0, 1),
)
def test_rule_applied_to_accepted_earlier_answers_grades_correct(
    tables: TableIndex, topic: str, seed: int, index: int, share: float
) -> None:
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    key = answer_key(tables, exercise)
    if (
        not isinstance(key, SwitchKey)
        or key.is_methadone
        or "equianalgesic_daily_dose" not in exercise.asks
    ):
        return
    right = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    answer = _carried_answer(key, right["answers"], share)
    if answer is None:
        return
    report = grade_answer({"exercise": exercise.id, "answers": answer}, tables=tables)
    wrong = [(r.key, r.given, r.explanation) for r in report.results if not r.correct]
    assert not wrong, (exercise.id, share, wrong)


def test_the_worked_answer_names_the_set_not_its_id_and_row(tables: TableIndex) -> None:
    """Clinician review 5, #10: "[morphine oral ER, uk-palliative row 1, …]"."""
    exercise = new_exercises(level=3, seed=0, count=1, tables=tables)[0]
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    steps = " ".join(worked_answer(key).steps)
    assert f"{exercise.table} row" not in steps and "factors[" not in steps
    assert tables.sets[exercise.table].name in steps
