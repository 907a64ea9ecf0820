"""Practice progress in a real SQLite records file (migration 0004): learners, attempts, scores
by level and by error pattern, CSV export."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from mps_pain.errors import InputError
from mps_pain.persistence.database import Database
from mps_pain.persistence.practice_store import PracticeStore
from mps_pain.practice.service import answer_for, attempt_of, grade_answer, new_exercises
from mps_pain.tables.index import TableIndex
from tests.conftest import records_copy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def store(tmp_path: Path, migrated_sqlite: Path) -> PracticeStore:
    database = Database.open(records_copy(migrated_sqlite, tmp_path / "records.sqlite3"))
    return PracticeStore(database)


def test_attempts_are_kept_per_learner_with_scores_and_patterns(
    store: PracticeStore, tables: TableIndex
) -> None:
    exercise = new_exercises(set_id="case-reports", tables=tables)[2]  # tk1-admission-mme
    right = grade_answer(answer_for(exercise, tables=tables), tables=tables)
    wrong = grade_answer(
        {"exercise": exercise.id, "answers": {"ome_per_day": "30 mg/day"}}, tables=tables
    )
    store.record(attempt_of("Aiko Tanaka", right, exercise, tables.version))
    store.record(attempt_of("Aiko  Tanaka", wrong, exercise, tables.version))
    store.record(attempt_of("Ben", right, exercise, tables.version))
    assert [learner.name for learner in store.learners()] == ["Aiko Tanaka", "Ben"]
    attempts = store.attempts("Aiko Tanaka")
    assert [(a.score, a.total) for a in attempts] == [(1, 1), (0, 1)]
    assert attempts[1].answers[0].diagnosis == "prn-omitted"
    assert store.scores_by_level("Aiko Tanaka") == {2: (1, 2)}
    assert store.patterns("Aiko Tanaka") == {"prn-omitted": 1}
    rows = list(csv.DictReader(io.StringIO(store.export_csv("Aiko Tanaka"))))
    assert [r["score"] for r in rows] == ["1", "0"]
    assert rows[1]["diagnoses"] == "prn-omitted" and rows[1]["tables_version"] == tables.version


def test_progress_survives_reopening(
    tmp_path: Path, tables: TableIndex, migrated_sqlite: Path
) -> None:
    url = records_copy(migrated_sqlite, tmp_path / "records.sqlite3")
    exercise = new_exercises(set_id="published-cases", tables=tables)[0]
    report = grade_answer(answer_for(exercise, tables=tables), tables=tables)
    PracticeStore(Database.open(url)).record(attempt_of("C", report, exercise, tables.version))
    assert PracticeStore(Database.open(url)).attempts("C")[0].exercise_id == exercise.id


def test_an_old_records_file_is_upgraded_and_keeps_its_patients(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "records_v1.sqlite", copy)
    database = Database.open(f"sqlite:///{copy}")
    assert database.schema_revision() == database.head_revision()
    store = PracticeStore(database)
    assert store.learners() == []
    from mps_pain.services.patient_service import PatientService

    assert PatientService(database).list_patients()


def test_a_blank_learner_name_is_refused(store: PracticeStore) -> None:
    with pytest.raises(InputError) as caught:
        store.learner("   ")
    assert caught.value.location == "learner"


def test_the_rows_match_migration_0004(tmp_path: Path) -> None:
    """The ORM rows and the migration describe the same tables (no index or column drift)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from mps_pain.persistence.models import Base

    database = Database.open(f"sqlite:///{tmp_path / 'records.sqlite3'}")
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    mine = [d for d in diff if "learner" in str(d) or "practice" in str(d)]
    assert mine == []
