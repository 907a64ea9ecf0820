"""The practice use cases the CLI and the app call: new exercises, grading, the engine's answer."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mps_pain.domain.market_words import speaking
from mps_pain.errors import InputError
from mps_pain.practice.catalogue import case_exercises, find_exercise, find_set
from mps_pain.practice.engine_answer import engine_answer
from mps_pain.practice.exercise_sets import load_exercise_set
from mps_pain.practice.generate import generate
from mps_pain.practice.grade import grade
from mps_pain.practice.key import answer_key
from mps_pain.practice.models import AnswerDocument, Answers, Exercise, GradeReport
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from mps_pain.validation import field_names, validate_model

if TYPE_CHECKING:
    from mps_pain.persistence.practice_store import Attempt

__all__ = [
    "CASES_SET",
    "answer_for",
    "answer_problems",
    "attempt_of",
    "grade_answer",
    "new_exercises",
    "parse_answer",
]

CASES_SET = "published-cases"


def _tables(tables: TableIndex | None) -> TableIndex:
    return tables if tables is not None else get_tables()


def _set_exercises(tables: TableIndex, set_id: str) -> list[Exercise] | None:
    if set_id == CASES_SET:
        return case_exercises(tables)
    if set_id.endswith((".yaml", ".yml")):
        return load_exercise_set(tables, Path(set_id)).exercises
    found = find_set(tables, set_id)
    return None if found is None else found.exercises


def _of_level(exercises: list[Exercise], level: int, set_id: str) -> list[Exercise]:
    """The set's exercises of ``level``; none is refused, naming the levels the set has (fuzz
    review 20, D4: published-cases at level 3 printed nothing and exited 0)."""
    chosen = [e for e in exercises if e.level == level]
    if not chosen:
        levels = ", ".join(str(n) for n in sorted({e.level for e in exercises}))
        raise InputError(
            f"'{set_id}' has no level {level} exercise: its exercises are of level {levels}; "
            "choose one of those, or leave out --set for generated exercises of any level",
            location="level",
        )
    return chosen


def new_exercises(
    *,
    level: int | None = None,
    seed: int = 0,
    set_id: str | None = None,
    topic: str | None = None,
    count: int | None = None,
    tables: TableIndex | None = None,
    market: str | None = None,
) -> list[Exercise]:
    """Generated exercises, or those of a teacher's set / the published cases when ``set_id``
    names one (a reference-set id chooses the conversion table of generated exercises). Their
    prompts name products in ``market``'s words (``market_words.speaking``; clinician re-check
    20c, L1: "ER" in a UK Practice window); no market: the catalogue's. Words only: the
    exercise, its id and its answers are the same in every market."""
    tables = _tables(tables)
    with speaking(tables, market):
        return _exercises(tables, level, seed, set_id, topic, count)


def _exercises(
    tables: TableIndex,
    level: int | None,
    seed: int,
    set_id: str | None,
    topic: str | None,
    count: int | None,
) -> list[Exercise]:
    if set_id is not None and set_id not in tables.sets:
        chosen = _set_exercises(tables, set_id)
        if chosen is None:
            known = ", ".join([*tables.sets, CASES_SET])
            raise InputError(
                f"unknown set '{set_id}': neither a reference set nor an exercise set "
                f"(reference sets and built-in sets: {known}; exercise sets in data/exercises)",
                location="set",
            )
        if level is not None:
            chosen = _of_level(chosen, level, set_id)
        if seed:
            chosen = random.Random(f"order|{set_id}|{seed}").sample(chosen, k=len(chosen))
        return chosen[: count or len(chosen)]
    return generate(tables, level=level, seed=seed, set_id=set_id, topic=topic, count=count or 1)


def parse_answer(raw: Any) -> AnswerDocument:
    """A parsed JSON/YAML answer document, validated (errors name the field)."""
    keys = field_names(AnswerDocument, Answers)
    return validate_model(AnswerDocument, raw, known_keys=keys)


def answer_problems(exercise_id: str, answers: dict[str, Any]) -> dict[str, str]:
    """Every answer field that cannot be read, each read on its own with the same parser: key
    → its refusal's words (clinician review 20, N9: "(and 1 more problem)" marked only the
    first field; the second showed at the next check). Empty when each field reads alone."""
    found = {}
    for key, value in answers.items():
        try:
            parse_answer({"exercise": exercise_id, "answers": {key: value}})
        except InputError as exc:
            found[key] = exc.message
    return found


def grade_answer(
    document: AnswerDocument | Any,
    *,
    tables: TableIndex | None = None,
    market: str | None = None,
) -> GradeReport:
    """The marks of an answer, in ``market``'s words (as ``new_exercises``)."""
    tables = _tables(tables)
    answer = document if isinstance(document, AnswerDocument) else parse_answer(document)
    with speaking(tables, market):
        exercise = find_exercise(tables, answer.exercise)
        return grade(tables, exercise, answer)


def answer_for(exercise: Exercise, *, tables: TableIndex | None = None) -> AnswerDocument:
    """The engine's own answer (shown after grading; graded correct by construction)."""
    tables = _tables(tables)
    return engine_answer(answer_key(tables, exercise), exercise)


def attempt_of(
    learner: str, report: GradeReport, exercise: Exercise, tables_version: str
) -> Attempt:
    """The record of a graded attempt, for ``PracticeStore.record``."""
    # start-up seam: SQLAlchemy (the records database) loads only when an attempt is stored
    from mps_pain.persistence.practice_store import Attempt, AttemptAnswer

    return Attempt(
        learner=learner,
        exercise_id=report.exercise,
        level=report.level,
        topic=report.topic,
        table_id=exercise.table,
        tables_version=tables_version,
        score=report.score,
        total=report.total,
        answers=[
            AttemptAnswer(
                key=r.key, correct=r.correct, diagnosis=r.diagnosis.code if r.diagnosis else None
            )
            for r in report.results
        ],
    )
