"""Rows edited outside the program (outside fuzz review, 2 December): reading one that no longer
validates is a one-line refusal naming the row and field (never exit 3), and `patients verify`
finds edited regimen, event and patient content through the audit chain."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from mps_pain.errors import DamagedRecordError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import CliRun, run_cli

CASE = "takamatsu-2018-case-1"


@pytest.fixture
def examples(sqlite_url: str) -> str:
    service = PatientService(Database.open(sqlite_url), user="tester")
    service.import_examples()
    return sqlite_url


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
    )
    assert _verify(examples).returncode == 0  # the documented limit: a shorter chain is valid
    done = _verify(examples, "--expect-head", newest)
    assert done.returncode == 2 and "not in the audit trail" in done.stderr
