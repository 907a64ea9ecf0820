"""Teachers' exercise sets: ``data/exercises/*.yaml``, validated strictly like the tables.

A set file::

    id: case-reports                 # lower-case letters, digits and '-'
    title: Exercises that follow the published MPS case reports
    description: …                   # optional
    exercises:
      - id: tk1-admission            # unique in the set
        level: 2
        topic: mme-several-prn
        source: Takamatsu 2018 case 1   # optional
        prompt: …                       # optional (a prompt is written from the given)
        asks: [ome_per_day]
        regimen: {table: …, items: […]}     # an MME exercise, or
        switch: {from: …, to: …, table: …}  # a switch, as `mps-pain rotate` reads it

Unknown keys, a missing key, a bad quantity, a switch the planner cannot plan, a question an
MME exercise cannot ask: each is an InputError whose location names the file and the place
(``case-reports.yaml: exercises[3].switch.from.items[0].dose``).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import InputError, MpsPainError
from mps_pain.paths import data_dir
from mps_pain.practice.generate import build_prompt, plan_is_exercise, warning_choices
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import AskKey, Exercise
from mps_pain.services.documents import parse_document_text
from mps_pain.tables.index import TableIndex
from mps_pain.validation import field_names, validate_model

__all__ = ["ExerciseSet", "exercises_dir", "load_exercise_set", "load_exercise_sets"]

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]


class _In(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class SetExercise(_In):
    id: Slug
    level: Annotated[int, Field(ge=1, le=5)]
    topic: Annotated[str, Field(min_length=1)]
    asks: Annotated[list[AskKey], Field(min_length=1)]
    prompt: str | None = None
    source: str | None = None
    regimen: RegimenDocument | None = None
    switch: RotationRequest | None = None


class SetFile(_In):
    id: Slug
    title: Annotated[str, Field(min_length=1)]
    description: str | None = None
    exercises: Annotated[list[SetExercise], Field(min_length=1)]


class ExerciseSet(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    description: str | None
    path: str
    exercises: list[Exercise]


def exercises_dir() -> Path:
    return data_dir() / "exercises"


def _check(tables: TableIndex, spec: SetExercise, where: str, set_id: str) -> Exercise:
    if (spec.regimen is None) == (spec.switch is None):
        raise InputError("give exactly one of 'regimen' (MME) or 'switch'", location=where)
    if len(set(spec.asks)) != len(spec.asks):
        raise InputError("a question is asked twice", location=f"{where}.asks")
    if spec.regimen is not None and spec.asks != ["ome_per_day"]:
        raise InputError(
            "an MME exercise (regimen) can only ask 'ome_per_day'", location=f"{where}.asks"
        )
    table = spec.switch.table if spec.switch is not None else spec.regimen.table  # type: ignore[union-attr]
    if table is None:
        raise InputError("name the reference set ('table')", location=where)
    exercise = Exercise(
        id=f"set.{set_id}.{spec.id}",
        level=spec.level,
        topic=spec.topic,
        table=table,
        prompt=spec.prompt or "",
        asks=spec.asks,
        switch=spec.switch,
        regimen=spec.regimen,
        source=spec.source,
    )
    try:
        key = answer_key(tables, exercise)
    except MpsPainError as exc:
        inner = "switch" if spec.switch is not None else "regimen"
        raise InputError(
            exc.message, location=f"{where}.{inner}.{exc.location}" if exc.location else where
        ) from None
    if isinstance(key, SwitchKey) and not plan_is_exercise(key, exercise):
        raise InputError(
            "the planner gives no dose (or no breakthrough dose) for this switch, so it cannot "
            "be graded",
            location=f"{where}.switch",
        )
    choices = []
    if isinstance(key, SwitchKey) and "warnings" in spec.asks:
        choices = warning_choices(key, random.Random(exercise.id))
    prompt = spec.prompt or build_prompt(tables, spec.regimen, spec.switch, tables.sets[table])
    return exercise.model_copy(update={"choices": choices, "prompt": prompt})


def load_exercise_set(tables: TableIndex, path: Path) -> ExerciseSet:
    """Read and validate one set file; every error names the file and the place."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", location=name) from None
    raw = parse_document_text(text, origin=name)
    keys = field_names(SetFile, RotationRequest, RegimenDocument) | {"from"}
    try:
        spec = validate_model(SetFile, raw, known_keys=keys)
    except InputError as exc:
        exc.location = f"{name}: {exc.location}"
        raise
    if spec.id in tables.sets:
        raise InputError(
            f"'{spec.id}' is the id of a reference set; choose another", location=f"{name}: id"
        )
    seen: set[str] = set()
    exercises = []
    for position, item in enumerate(spec.exercises):
        where = f"{name}: exercises[{position}]"
        if item.id in seen:
            raise InputError(f"exercise id '{item.id}' is used twice", location=f"{where}.id")
        seen.add(item.id)
        exercises.append(_check(tables, item, where, spec.id))
    return ExerciseSet(
        id=spec.id,
        title=spec.title,
        description=spec.description,
        path=str(path),
        exercises=exercises,
    )


_CACHE: dict[tuple[str, str, float], list[ExerciseSet]] = {}


def load_exercise_sets(tables: TableIndex, folder: Path | None = None) -> list[ExerciseSet]:
    """Every set in ``folder`` (default ``data/exercises``), sorted by id."""
    folder = folder or exercises_dir()
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    stamp = max((f.stat().st_mtime for f in files), default=0.0)
    cache_key = (tables.sha256, str(folder), stamp)
    if cache_key not in _CACHE:
        sets = [load_exercise_set(tables, f) for f in files]
        ids = [s.id for s in sets]
        duplicate = next((i for i in ids if ids.count(i) > 1), None)
        if duplicate:
            raise InputError(f"two set files use the id '{duplicate}'", location=str(folder))
        _CACHE[cache_key] = sorted(sets, key=lambda s: s.id)
    return _CACHE[cache_key]
