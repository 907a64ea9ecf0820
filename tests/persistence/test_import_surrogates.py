"""Outside fuzz review 4, C2 (the class on ``patients import``): a lone surrogate (valid JSON
``"\\ud800"``, no character) in ANY text of a record document is refused naming the field with
exit 2, nothing imported. Before, one in ``app_version`` or an audit entry's ``after`` texts
ended in exit 3 (UnicodeEncodeError)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.validation import NOT_TEXT
from tests.cli_runner import run_cli


def _texts(value: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(value, str):
        return [loc]
    if isinstance(value, dict):
        return [p for k, inner in value.items() for p in _texts(inner, (*loc, k))]
    if isinstance(value, list):
        return [p for i, inner in enumerate(value) for p in _texts(inner, (*loc, i))]
    return []


def _with_mark(document: Any, path: tuple[str | int, ...]) -> Any:
    copy = json.loads(json.dumps(document))
    inner = copy
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] += "\ud800"
    return copy


def test_a_lone_surrogate_in_any_text_of_an_import_is_refused_naming_it(
    sqlite_url: str, tmp_path: Path
) -> None:
    service = PatientService(Database.open(sqlite_url), user="tester")
    service.create_patient(PatientInfo(identifier="p", note="n"))
    service.save_plan(
        "p",
        kind="check",
        title="t",
        inputs={"a": "x"},
        outputs={"b": 2.5},
        table_id="uk-palliative",
    )
    document = service.export_patient("p").model_dump(mode="json")
    paths = _texts(document)
    assert ("app_version",) in paths and len(paths) > 10
    for path in paths:
        file = tmp_path / "in.json"
        file.write_text(json.dumps(_with_mark(document, path)), encoding="utf-8")
        done = run_cli("patients", "import", str(file), "--as", "q", "--database", sqlite_url)
        where = ".".join(map(str, path))
        assert done.returncode == 2, (path, done.stderr)
        assert done.stderr == f"mps-pain: {where}: {NOT_TEXT}; nothing was imported\n"
    assert [p.info.identifier for p in service.list_patients()] == ["p"]
