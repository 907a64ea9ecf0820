"""Rows edited outside the program (outside fuzz review, 2 December): reading one that no longer
validates is a one-line refusal naming the row and field (never exit 3), and `patients verify`
finds edited regimen, event and patient content through the audit chain."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from mps_pain.errors import DamagedRecordError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import CliRun, run_cli
from tests.conftest import records_copy

CASE = "takamatsu-2018-case-1"


@pytest.fixture
def examples(tmp_path: Path, examples_sqlite: Callable[[str | None], Path]) -> str:
    """The five published cases imported by "tester" (a copy of the session's template)."""
    return records_copy(examples_sqlite("tester"), tmp_path / "records.sqlite3")


def _sql(url: str, *statements: str) -> None:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        for statement in statements:
            conn.execute(statement)


def _note_with_a_pain_score(url: str) -> None:
    """The reviewer's repro: a note event given nrs=0 (NRS belongs to pain-score events only)."""
    _sql(url, "update clinical_events set nrs=0 where id=1 and kind!='nrs'")


@pytest.mark.parametrize("command", [("show", CASE), ("export", CASE), ("show", CASE, "--json")])
def test_a_stored_row_that_no_longer_validates_is_named_in_one_line(
    examples: str, command: tuple[str, ...]
) -> None:
    _note_with_a_pain_score(examples)
    done = run_cli("patients", *command, "--database", examples)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert "clinical event 1" in done.stderr and "nrs" in done.stderr
    assert "internal error" not in done.stderr


def test_the_timeline_names_the_damaged_event(examples: str) -> None:
    _note_with_a_pain_score(examples)
    service = PatientService(Database.open(examples), user="tester")
    with pytest.raises(DamagedRecordError) as caught:
        service.timeline(CASE)
    assert (caught.value.kind, caught.value.row_id, caught.value.field) == (
        "clinical event",
        1,
        "nrs",
    )


def test_a_damaged_patient_row_is_named_by_list(examples: str) -> None:
    _sql(examples, "update patients set sex='robot' where id=1")
    done = run_cli("patients", "list", "--database", examples)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "patient" in done.stderr and "sex" in done.stderr


# --- the audit chain covers content ------------------------------------------------------------
def _verify(url: str, *extra: str) -> CliRun:
    return run_cli("patients", "verify", "--database", url, *extra)


def test_an_untouched_database_verifies_and_prints_its_head(examples: str) -> None:
    done = _verify(examples)
    assert done.returncode == 0, done.stderr
    head = done.stdout.split("Head hash: ")[1][:64]
    assert len(head) == 64 and int(head, 16) >= 0
    assert _verify(examples, "--expect-head", head).returncode == 0


def test_a_regimen_dose_edited_with_its_fingerprint_recomputed_is_found(examples: str) -> None:
    """The reviewer's repro: oxycodone 40 -> 400 mg/day and document_sha256 recomputed."""
    with sqlite3.connect(examples.removeprefix("sqlite:///")) as conn:
        conn.execute("drop trigger regimen_versions_frozen")
        version_id, document = conn.execute(
            "select id, document_json from regimen_versions order by id limit 1"
        ).fetchone()
        edited = document.replace('"value": 200.0', '"value": 2000.0', 1)
        assert edited != document
        conn.execute(
            "update regimen_versions set document_json=?, document_sha256=? where id=?",
            (edited, hashlib.sha256(edited.encode()).hexdigest(), version_id),
        )
    done = _verify(examples)
    assert done.returncode == 2
    assert f"regimen_versions:{version_id}" in done.stderr and "changed outside" in done.stderr


@pytest.mark.parametrize(
    ("statement", "key"),
    [
        ("update clinical_events set title='Patient refused all analgesia' where id=1", "1"),
        ("delete from clinical_events where id=2", "2"),
        (
            "update patients set context_json=json_set(context_json,'$.opioid_tolerant',"
            "json('true')) where id=1",
            "patients:1",
        ),
        (
            "insert into clinical_events (patient_id, kind, occurred_at, title, created_at, "
            "created_by) values (1, 'note', '2026-01-01 00:00:00', 'forged', "
            "'2026-01-01 00:00:00', 'x')",
            "not recorded",
        ),
    ],
    ids=["event-edited", "event-deleted", "patient-context", "event-inserted"],
)
def test_events_and_patient_context_edited_outside_are_found(
    examples: str, statement: str, key: str
) -> None:
    _sql(examples, statement)
    done = _verify(examples)
    assert done.returncode == 2, done.stdout
    assert key in done.stderr


def test_a_cut_tail_is_found_against_a_recorded_head(examples: str) -> None:
    head = _verify(examples).stdout.split("Head hash: ")[1][:64]
    service = PatientService(Database.open(examples), user="tester")
    service.create_patient(PatientInfo(identifier="later"))
    assert _verify(examples, "--expect-head", head).returncode == 0  # grown, not cut
    newest = _verify(examples).stdout.split("Head hash: ")[1][:64]
    _sql(  # the reviewer's tamper_tail_delete: the newest patient and its audit row removed
        examples,
        "drop trigger audit_log_no_delete",
        "delete from patients where identifier='later'",
        "delete from audit_log where id=(select max(id) from audit_log)",
        # put back, as a careful tamperer would (a missing trigger is named by verify)
        "create trigger audit_log_no_delete before delete on audit_log "
        "begin select raise(abort, 'append-only'); end",
    )
    assert _verify(examples).returncode == 0  # the documented limit: a shorter chain is valid
    done = _verify(examples, "--expect-head", newest)
    assert done.returncode == 2 and "not in the audit trail" in done.stderr


def test_an_event_edited_outside_is_found_on_both_back_ends(database_url: str) -> None:
    import sqlalchemy as sa

    service = PatientService(Database.open(database_url), user="tester")
    service.import_examples()
    assert service.verify().intact
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(sa.text("update clinical_events set title='forged' where id = 1"))
        conn.execute(sa.text("update patients set note='edited' where id = 2"))
    engine.dispose()
    found = service.verify()
    assert not found.intact
    assert [m.key for m in found.content] == ["patients:2", "clinical_events:1"]


# --- fuzz review 2, finding 3: saved plans are content the chain records -------------------------
_FORGED_PLAN = (
    "insert into saved_plans (patient_id, kind, title, inputs_json, outputs_json, table_id, "
    "table_version, table_sha256, app_version, created_at, created_by) select patient_id, kind, "
    "'forged: give 400 mg', inputs_json, outputs_json, table_id, table_version, table_sha256, "
    "app_version, created_at, created_by from saved_plans order by id limit 1"
)


@pytest.fixture
def with_a_plan(examples: str) -> str:
    service = PatientService(Database.open(examples), user="tester")
    service.save_plan(
        CASE, kind="check", title="checked", inputs={"a": 1}, outputs={}, table_id="uk-palliative"
    )
    return examples


def test_a_forged_saved_plan_is_found_by_verify(with_a_plan: str) -> None:
    """The reviewer's plan_insert: a well-formed saved_plans row inserted with SQL verified as
    intact, and show/export listed it."""
    examples = with_a_plan
    assert _verify(examples).returncode == 0
    _sql(examples, _FORGED_PLAN)
    done = _verify(examples)
    assert done.returncode == 2, done.stdout
    assert "saved_plans:" in done.stderr and "not recorded" in done.stderr


def test_a_saved_plan_edited_outside_is_found_by_verify(with_a_plan: str) -> None:
    _sql(with_a_plan, "update saved_plans set title='edited' where id=1")
    done = _verify(with_a_plan)
    assert done.returncode == 2 and "saved_plans:1" in done.stderr, done.stdout


def test_a_plan_saved_by_the_program_stays_intact(with_a_plan: str) -> None:
    service = PatientService(Database.open(with_a_plan), user="tester")
    assert service.verify().intact
    assert "saved_plans:1" in _recorded(with_a_plan)


def _recorded(url: str) -> set[str]:
    import json

    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        rows = conn.execute("select content_json from audit_log where content_json is not null")
        return {key for (text,) in rows for key in json.loads(text)}


# --- fuzz review 2, finding 3a: the cached OME is checked, never shown when edited -------------
def _first_version_ome(url: str) -> tuple[int, float]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        row = conn.execute(
            "select id, ome_mg_per_day from regimen_versions where ome_mg_per_day is not null "
            "order by id limit 1"
        ).fetchone()
    return int(row[0]), float(row[1])


def test_an_edited_cached_ome_is_reported_by_verify(examples: str) -> None:
    """The reviewer's ome_cache: `update regimen_versions set ome_mg_per_day=1` verified as
    intact and `patients show` printed 1 instead of the document's OME."""
    version_id, _ = _first_version_ome(examples)
    _sql(examples, f"update regimen_versions set ome_mg_per_day=1 where id={version_id}")
    done = _verify(examples)
    assert done.returncode == 2, done.stdout
    assert f"regimen_versions:{version_id}" in done.stderr and "cached OME" in done.stderr


def test_an_edited_cached_ome_is_never_shown(examples: str) -> None:
    version_id, ome = _first_version_ome(examples)
    service = PatientService(Database.open(examples), user="tester")
    identifier = next(
        p.info.identifier
        for p in service.list_patients()
        if any(v.id == version_id for v in service.regimen_versions(p.info.identifier))
    )
    before = {p.version_id: p.ome_mg_per_day for p in service.timeline(identifier).points}
    _sql(examples, f"update regimen_versions set ome_mg_per_day=1 where id={version_id}")
    after = {p.version_id: p.ome_mg_per_day for p in service.timeline(identifier).points}
    assert after == before and after[version_id] == ome != 1
    shown = run_cli("patients", "show", identifier, "--database", examples)
    assert shown.returncode == 0 and f": {ome:g}" in shown.stdout.replace(" OME", "")


def test_verify_says_what_it_covers(examples: str) -> None:
    done = _verify(examples)
    assert done.returncode == 0
    for covered in ("saved plan", "cached OME", "patients.version"):
        assert covered in done.stdout
