"""Outside fuzz review 3, D9: a record edited in the SQLite file was found by `patients verify`
but shown by `patients show` without a word, exported by `patients export`, and the export
imported into a fresh database verified "intact" – the edit laundered (repro/R-launder.sh).
`show` now warns (and exits 2), `export` refuses, so no file carries the edit onwards."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.conftest import records_copy

CASE = "takamatsu-2018-case-1"


@pytest.fixture
def examples(tmp_path: Path, examples_sqlite: Callable[[str | None], Path]) -> str:
    return records_copy(examples_sqlite("tester"), tmp_path / "records.sqlite3")


def _tamper_tramadol(url: str) -> None:
    """The reviewer's edit, bytes in the file (a trigger refuses an UPDATE of a regimen
    version): tramadol 200 → 900 mg/day in a stored regimen document."""
    path = Path(url.removeprefix("sqlite:///"))
    data = path.read_bytes()
    old = b'"unit": "mg/day", "value": 200.0}'
    assert old in data
    path.write_bytes(data.replace(old, b'"unit": "mg/day", "value": 900.0}', 1))


def _tamper_event_title(url: str) -> None:
    """A content edit that still validates (the event's title), found by the content hash."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute("update clinical_events set title='edited' where id=1")


def _owner_of_first_event(url: str) -> str:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        (identifier,) = conn.execute(
            "select p.identifier from clinical_events e join patients p on p.id=e.patient_id "
            "where e.id=1"
        ).fetchone()
    return str(identifier)


def test_the_reviewers_tamper_is_found_by_verify(examples: str) -> None:
    _tamper_tramadol(examples)
    assert run_cli("patients", "verify", "--database", examples).returncode == 2


def test_show_warns_about_an_edited_record(examples: str) -> None:
    _tamper_tramadol(examples)
    done = run_cli("patients", "show", CASE, "--database", examples)
    assert done.returncode == 2
    assert "changed outside mps-pain" in done.stderr
    assert done.stdout.startswith("WARNING"), done.stdout[:200]


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_export_and_show_json_refuse_an_edited_record(
    examples: str, extra: tuple[str, ...]
) -> None:
    _tamper_tramadol(examples)
    command = ("show", CASE, "--json") if extra else ("export", CASE)
    done = run_cli("patients", *command, "--database", examples)
    assert done.returncode == 2
    said = json.loads(done.stdout)["error"]["message"] if extra else done.stderr
    assert "regimen version" in said and "patients verify" in said
    assert "900" not in done.stdout


def test_an_edit_that_still_validates_is_refused_by_export(examples: str) -> None:
    owner = _owner_of_first_event(examples)
    _tamper_event_title(examples)
    done = run_cli("patients", "export", owner, "--database", examples)
    assert done.returncode == 2 and done.stdout == ""
    assert "clinical event 1" in done.stderr


def test_an_edit_cannot_be_laundered_through_export_and_import(
    examples: str, tmp_path: Path
) -> None:
    _tamper_tramadol(examples)
    exported = tmp_path / "L.json"
    run_cli("patients", "export", CASE, "-o", str(exported), "--database", examples)
    assert not exported.exists()


def test_other_patients_of_a_database_still_export(examples: str) -> None:
    """An edit in one patient's rows does not block exporting another's intact record."""
    _tamper_tramadol(examples)
    listed = json.loads(run_cli("patients", "list", "--json", "--database", examples).stdout)
    others = [p["info"]["identifier"] for p in listed if p["info"]["identifier"] != CASE]
    done = run_cli("patients", "export", others[0], "--database", examples)
    assert done.returncode == 0, done.stderr
