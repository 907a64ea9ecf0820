"""Rows edited outside the program (outside fuzz review, 2 December): reading one that no longer
validates is a one-line refusal naming the row and field (never exit 3), and `patients verify`
finds edited regimen, event and patient content through the audit chain."""

from __future__ import annotations

import sqlite3

import pytest

from mps_pain.errors import DamagedRecordError
from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import run_cli

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
