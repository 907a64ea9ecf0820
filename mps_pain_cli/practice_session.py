"""The interactive terminal session of ``mps-pain practice``: prompts, feedback, a summary.

Each answer is typed at a prompt; a value that cannot be read gets a one-line error and the same
prompt again. End of input ends the session early with the summary so far.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from mps_pain.errors import MpsPainError
from mps_pain_cli.render_practice import QUESTION_TEXT, render_exercise, render_grade

__all__ = ["read_value", "run_session"]


class _EndOfInput(Exception):
    pass


def read_value(ask: str, text: str) -> Any:
    """A typed line as the answer document's value for ``ask``: warnings and a regimen are read
    by the answer document itself, as a file's text is (``practice/answer_text.py``; fuzz review
    20, D5)."""
    text = text.strip()
    if ask == "ome_per_day":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def _ask(ask: str, stdin: TextIO, stdout: TextIO) -> str:
    stdout.write(f"{ask} — {QUESTION_TEXT[ask]}: ")
    stdout.flush()
    line = stdin.readline()
    if not line:
        raise _EndOfInput
    return line


def _answer_one(exercise: Any, stdin: TextIO, stdout: TextIO) -> Any:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.practice.service import grade_answer

    answers: dict[str, Any] = {}
    for ask in exercise.asks:
        answers[ask] = read_value(ask, _ask(ask, stdin, stdout))
    while True:
        try:
            return grade_answer({"exercise": exercise.id, "answers": answers})
        except MpsPainError as exc:
            stdout.write(f"mps-pain: {exc}\n")
            location = exc.location or ""
            bad = next((a for a in exercise.asks if f"answers.{a}" in location), None)
            if bad is None:
                raise
            answers[bad] = read_value(bad, _ask(bad, stdin, stdout))


def run_session(exercises: list[Any], stdin: TextIO, stdout: TextIO) -> int:
    scores: list[tuple[str, int, int]] = []
    patterns: Counter[str] = Counter()
    for number, exercise in enumerate(exercises, start=1):
        stdout.write(f"\n[{number}/{len(exercises)}] {render_exercise(exercise)}\n")
        try:
            report = _answer_one(exercise, stdin, stdout)
        except _EndOfInput:
            stdout.write("\n(end of input)\n")
            break
        stdout.write(render_grade(report))
        scores.append((exercise.id, report.score, report.total))
        patterns.update(r.diagnosis.code for r in report.results if r.diagnosis is not None)
    stdout.write("\nSummary:\n")
    for exercise_id, score, total in scores:
        stdout.write(f"  {exercise_id}: {score}/{total}\n")
    got = sum(s for _, s, _ in scores)
    out_of = sum(t for _, _, t in scores)
    stdout.write(f"  Total: {got}/{out_of} over {len(scores)} exercise(s)\n")
    if patterns:
        listed = ", ".join(f"{code} ×{n}" for code, n in patterns.most_common())
        stdout.write(f"  Error patterns: {listed}\n")
    return 0
