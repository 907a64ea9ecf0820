"""clinical11 task 4: `patients import` refusals are coded and located by the service and said
in a clinician's or pharmacist's words by the command line (it used to print pydantic's own
sentence, e.g. "Input should be a valid datetime or date, input is too short")."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.errors import DocumentFormatError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.patient_transfer import parse_record_document
from tests.cli_runner import run_cli


@pytest.fixture
def exported(sqlite_url: str) -> dict[str, Any]:
    source = PatientService(Database.open(sqlite_url), user="tester")
    source.create_patient(PatientInfo(identifier="p"))
    source.save_plan(
        "p", kind="check", title="t", inputs={"a": 1}, outputs={"b": 2.5}, table_id="fpm-2021"
    )
    document: dict[str, Any] = source.export_patient("p").model_dump(mode="json")
    return document


def _spoiled(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> Any:
    spoiled = copy.deepcopy(document)
    *parents, last = path
    holder = spoiled
    for key in parents:
        holder = holder[key]
    if value is _DELETE:
        del holder[last]
    else:
        holder[last] = value
    return spoiled


_DELETE = object()

# (where, what the file holds, reason, location, words the person reads)
BAD: list[tuple[tuple[str | int, ...], Any, str, tuple[str | int, ...], str]] = [
    (("exported_at",), "yesterday", "not-a-date-time", ("exported_at",), "a date and time"),
    (("patient",), _DELETE, "missing", ("patient",), "The record lacks the patient"),
    (("patient", "colour"), "red", "unknown-key", ("patient", "colour"), "does not know"),
    (("format",), "other", "not-a-record-file", ("format",), "not an mps-pain patient record"),
    (("format_version",), 2, "unknown-format-version", ("format_version",), "reads version 1"),
    (("plans",), {}, "not-a-list", ("plans",), "The saved plans ('plans') should be a list"),
    (("patient", "identifier"), 5, "not-text", ("patient", "identifier"), "should be text"),
    (("plans", 0, "id"), 7, "exported-id", ("plans", 0, "id"), "'id' of saved plan 1 carries"),
]


@pytest.mark.parametrize(("path", "value", "reason", "location", "words"), BAD)
def test_the_service_names_the_problem_by_code_and_place(
    exported: dict[str, Any],
    path: tuple[str | int, ...],
    value: Any,
    reason: str,
    location: tuple[str | int, ...],
    words: str,
) -> None:
    with pytest.raises(DocumentFormatError) as caught:
        parse_record_document(_spoiled(exported, path, value))
    assert caught.value.code == "malformed-document"
    assert caught.value.reason == reason
    assert caught.value.location_path == location
    assert caught.value.context["others"] == 0


@pytest.mark.parametrize(("path", "value", "reason", "location", "words"), BAD)
def test_the_command_line_says_it_in_words(
    exported: dict[str, Any],
    sqlite_url: str,
    tmp_path: Path,
    path: tuple[str | int, ...],
    value: Any,
    reason: str,
    location: tuple[str | int, ...],
    words: str,
) -> None:
    file = tmp_path / "in.json"
    file.write_text(json.dumps(_spoiled(exported, path, value)), encoding="utf-8")
    done = run_cli("patients", "import", str(file), "--database", sqlite_url)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert words in done.stderr, done.stderr
    assert done.stderr.rstrip().endswith("Nothing was imported.")
    assert "Input should be" not in done.stderr and "Field required" not in done.stderr
    as_json = run_cli("patients", "import", str(file), "--database", sqlite_url, "--json")
    error = json.loads(as_json.stdout)["error"]
    assert error["code"] == "malformed-document" and words in error["message"]


def test_what_the_file_holds_is_shown_and_other_problems_are_counted(
    exported: dict[str, Any],
) -> None:
    spoiled = _spoiled(_spoiled(exported, ("exported_at",), "soon"), ("app_version",), 3)
    with pytest.raises(DocumentFormatError) as caught:
        parse_record_document(spoiled)
    assert caught.value.context["input"] == "soon" and caught.value.context["others"] == 1
