"""Plain text and JSON of exercises and grades (``mps-pain practice``)."""

from __future__ import annotations

from typing import Any

from mps_pain.practice.models import Exercise, GradeReport, WorkedAnswer

__all__ = ["QUESTION_TEXT", "grade_json", "render_exercise", "render_grade", "render_worked"]

QUESTION_TEXT: dict[str, str] = {
    "ome_per_day": "total oral morphine equivalent (mg/day)",
    "equianalgesic_daily_dose": "equianalgesic daily dose of the new opioid (before reduction)",
    "reduction": "cross-tolerance reduction (e.g. 25%)",
    "target_daily_dose": "target daily dose after the reduction",
    "regimen": "the rounded regimen (dose and frequency, e.g. '20 mg q12h', or a rate '25 mcg/h')",
    "breakthrough_dose": "breakthrough (as-needed) dose",
    "warnings": "warnings that must be raised (codes, comma-separated; 'none' for none)",
}


def render_exercise(exercise: Exercise) -> str:
    lines = [
        f"Exercise {exercise.id} — level {exercise.level}, {exercise.topic}, set {exercise.table}",
        f"  {exercise.prompt}",
        "  Questions:",
        *(f"    - {ask}: {QUESTION_TEXT[ask]}" for ask in exercise.asks),
    ]
    if exercise.choices:
        lines.append(f"  Warning codes to choose from: {', '.join(exercise.choices)}")
    return "\n".join(lines)


def render_worked(worked: WorkedAnswer) -> str:
    table = worked.table
    head = f"Worked answer ({table.id}; tables v{table.version}, sha256 {table.sha256[:12]}…):"
    return "\n".join([head, *(f"  {step}" for step in worked.steps)]) + "\n"


def render_grade(report: GradeReport) -> str:
    lines = [f"Exercise {report.exercise}"]
    for result in report.results:
        mark = "correct" if result.correct else "WRONG"
        mark = "accepted, with caution" if result.correct and result.caution else mark
        mark = "follows, not the right dose" if result.correct and result.follows_only else mark
        lines.append(f"  [{mark}] {result.key}: {result.explanation}")
        if result.diagnosis is not None:
            lines.append(f"      diagnosis: {result.diagnosis.code}")
    lines.append(f"Score: {report.score}/{report.total}")
    lines.append("")
    return "\n".join(lines) + "\n" + render_worked(report.worked)


def grade_json(report: GradeReport) -> dict[str, Any]:
    """``{exercise, results: {KEY: {correct, expected, given, diagnosis, explanation}}, score,
    total, worked_answer}``."""
    payload = report.model_dump(mode="json")
    results = {}
    for result in payload.pop("results"):
        key = result.pop("key")
        results[key] = result
    worked = payload.pop("worked")
    return {**payload, "results": results, "worked_answer": worked}
