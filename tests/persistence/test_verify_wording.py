"""Fuzz review 16, N7: `patients verify` named a deleted event's patient as '?' although its
audit row records the patient, and `--expect-head` read a mistyped value ('', '2', '３', '0x10')
as tampering ("rows were cut from its end or the chain was rewritten"), sending a pharmacist who
mistyped to the wrong investigation. A value that is not a head hash is refused as such."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.conftest import records_copy


@pytest.fixture
def examples(tmp_path: Path, examples_sqlite: Callable[[str | None], Path]) -> str:
    return records_copy(examples_sqlite("tester"), tmp_path / "records.sqlite3")


def test_a_deleted_event_is_named_by_the_patient_its_audit_row_recorded(examples: str) -> None:
    with sqlite3.connect(examples.removeprefix("sqlite:///")) as conn:
        (patient,) = conn.execute(
            "select p.identifier from clinical_events e join patients p on p.id = e.patient_id "
            "where e.id = 2"
        ).fetchone()
        conn.execute("delete from clinical_events where id=2")
    done = run_cli("patients", "verify", "--database", examples)
    assert done.returncode == 2, done.stdout
    assert "clinical_events:2" in done.stderr and "'?'" not in done.stderr, done.stderr
    assert f"of '{patient}'" in done.stderr, done.stderr


@pytest.mark.parametrize("typed", ["", "2", "３", "0x10", "a" * 63, "g" * 64])
def test_a_value_that_is_not_a_head_hash_is_a_typing_slip_not_tampering(
    examples: str, typed: str
) -> None:
    done = run_cli("patients", "verify", "--database", examples, "--expect-head", typed)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert "is not a head hash" in done.stderr and "cut" not in done.stderr, done.stderr


def test_the_printed_head_written_in_capitals_or_with_spaces_is_still_read(examples: str) -> None:
    head = run_cli("patients", "verify", "--database", examples).stdout.split("Head hash: ")[1]
    typed = f" {head[:64].upper()} "
    assert (
        run_cli("patients", "verify", "--database", examples, "--expect-head", typed).returncode
        == 0
    )
