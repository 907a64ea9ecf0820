"""Every exercise by id: generated (``L3.…``), the published cases (``case.…``) and the
teachers' sets (``set.<set>.<exercise>``, ``data/exercises/*.yaml``)."""

from __future__ import annotations

from pathlib import Path

from mps_pain.domain.form_words import product_label
from mps_pain.domain.regimen import RegimenItem
from mps_pain.paths import cases_dir
from mps_pain.practice.exercise_sets import ExerciseSet, load_exercise_sets
from mps_pain.practice.generate import build_exercise, unknown_exercise
from mps_pain.practice.models import Exercise
from mps_pain.services.documents import parse_document_text, parse_regimen
from mps_pain.tables.index import TableIndex

__all__ = ["case_exercises", "find_exercise", "find_set"]


def _product(tables: TableIndex, item: RegimenItem) -> str:
    """An item's drug, route and form as the app prints them: "oxycodone oral ER", never the
    file's "er" (clinician re-check 18b #6: form words by the one form-label rule)."""
    drug = tables.resolve_drug(item.drug, location=None)
    form = tables.resolve_form(drug, item.form) if item.form else None
    return product_label(item.drug, item.route, form or item.form)


def _case_exercise(tables: TableIndex, folder: Path) -> Exercise:
    """The case's last regimen in its timeline, as an MME exercise under the file's own set."""
    timeline = parse_document_text(
        (folder / "timeline.yaml").read_text(encoding="utf-8"), origin=str(folder)
    )
    step = next(v["regimen"] for v in reversed(timeline["versions"]) if v.get("regimen"))
    text = (folder / step).read_text(encoding="utf-8")
    regimen = parse_regimen(parse_document_text(text, origin=step))
    regimen = regimen.model_copy(update={"title": None, "note": None})
    opioids = [i for i in regimen.items if tables.resolve_drug(i.drug, location=None).is_opioid]
    several = len(opioids) > 1 or any(i.prn for i in regimen.items)
    set_ = tables.reference_set(regimen.table or "cdc-2022")
    items = "; ".join(
        f"{_product(tables, i)} {i.daily_dose or i.rate or i.dose}{' as needed' if i.prn else ''}"
        for i in regimen.items
    )
    prompt = (
        f"{timeline['display_name']} ({timeline['source']}): {timeline['summary']} "
        f"Regimen ({timeline['versions'][-1]['reason']}): {items}. "
        f"What is the total daily {set_.output_label} under {set_.name} ({set_.id})?"
    )
    return Exercise(
        id=f"case.{folder.name}",
        level=2 if several else 1,
        topic="published-case",
        table=set_.id,
        prompt=prompt,
        asks=["ome_per_day"],
        regimen=regimen,
        source=str(timeline["source"]),
    )


def case_exercises(tables: TableIndex) -> list[Exercise]:
    """The five published cases of ``data/cases``, one exercise each."""
    folders = sorted(p for p in cases_dir().iterdir() if (p / "timeline.yaml").is_file())
    return [_case_exercise(tables, folder) for folder in folders]


def find_set(tables: TableIndex, set_id: str) -> ExerciseSet | None:
    return next((s for s in load_exercise_sets(tables) if s.id == set_id), None)


def find_exercise(tables: TableIndex, exercise_id: str) -> Exercise:
    """The exercise an id names, regenerated from the tables; unknown ids are refused."""
    if exercise_id.startswith("case."):
        found = next((e for e in case_exercises(tables) if e.id == exercise_id), None)
    elif exercise_id.startswith("set."):
        set_id = exercise_id.split(".")[1] if exercise_id.count(".") >= 2 else ""
        exercise_set = find_set(tables, set_id)
        found = (
            next((e for e in exercise_set.exercises if e.id == exercise_id), None)
            if exercise_set
            else None
        )
    else:
        return build_exercise(tables, exercise_id)
    if found is None:
        raise unknown_exercise(exercise_id)
    return found
