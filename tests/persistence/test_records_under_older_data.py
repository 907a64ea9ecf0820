"""Session 17: the hash a result carries now covers every rule file, so a change to
form_inference.yaml gives every new result another hash. Records saved before it carry the older
identity: they still read, their cached OMEs are recomputed (never shown as they were), and
`patients verify` does not call them damaged."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from mps_pain.services.rotation_service import RotationRequest, plan_rotation
from tests.cli_runner import run_cli
from tests.conftest import records_copy
from tests.data_copy import append_a_line, clear_data_caches, use_data_copy

CASE = "takamatsu-2018-case-1"
REQUEST = {
    "from": {
        "items": [{"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}]
    },
    "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
    "market": "UK",
}


def _saved_under_the_shipped_data(url: str) -> str:
    database = Database.open(url)
    try:
        service = PatientService(database, user="tester")
        request = RotationRequest.model_validate(REQUEST)
        result = plan_rotation(request, tables=service.tables)
        service.save_plan(CASE, kind="plan", title="p", inputs=request, outputs=result)
        service.timeline(CASE)  # caches each version's OME under the shipped identity
        return service.tables.sha256
    finally:
        database.close()


@pytest.mark.parametrize("name", ["form_inference.yaml", "fhir_terminology.yaml"])
def test_records_saved_before_a_rule_file_changed_read_and_verify_intact(
    examples_sqlite: Callable[[str | None], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    url = records_copy(examples_sqlite("tester"), tmp_path / "r.sqlite3")
    older = _saved_under_the_shipped_data(url)
    folder = use_data_copy(tmp_path, monkeypatch)
    append_a_line(folder / name)
    clear_data_caches()
    try:
        done = run_cli("patients", "verify", "--database", url)
        assert done.returncode == 0, done.stderr
        assert "intact" in done.stdout
        shown = run_cli("patients", "show", CASE, "--json", "--database", url)
        assert shown.returncode == 0, shown.stderr
        [plan] = json.loads(shown.stdout)["plans"]
        database = Database.open(url)
        try:
            service = PatientService(database, user="tester")
            assert service.tables.sha256 != older
            assert service.plans(CASE)[0].table_sha256 == older
            points = service.timeline(CASE).points
            assert points and all(p.ome_mg_per_day is not None for p in points)
        finally:
            database.close()
    finally:
        monkeypatch.undo()
        clear_data_caches()
    assert plan["table_sha256"] == older
