"""Fuzz review 7, findings 1-3: `patients import` stored regimen versions that `mme` refuses
(shown as OME 0), accepted an unknown reference-set id, and `patients verify` said "intact"
with the append-only triggers gone. Reproducers are the reviewer's (exp1.json is an export of
the example `kodama-2024-case-1`; here built from the same example)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import RegimenVersion
from mps_pain.services.example_patients import example_documents
from mps_pain.services.patient_service import PatientService
from mps_pain.services.timeline import compute_ome_cache
from tests.cli_runner import run_cli

CASE = "kodama-2024-case-1"
FIELD = "regimen_versions.0.regimen"


def _export() -> dict[str, Any]:
    document = next(d for d in example_documents() if d.patient.identifier == CASE)
    data: dict[str, Any] = document.model_dump(mode="json")
    return data


def _with(change: dict[str, Any], *, table: str | None = None) -> dict[str, Any]:
    data = _export()
    data["regimen_versions"][0]["regimen"]["items"][0].update(change)
    if table is not None:
        data["regimen_versions"][0]["regimen"]["table"] = table
    return data


REFUSED = {  # the reviewer's imp_*.json, each refused by `mme`
    "imp_dd": (_with({"daily_dose": "100 g/day"}), f"{FIELD}.items[0].daily_dose"),
    "imp_form": (_with({"form": "10 mL"}), f"{FIELD}.items[0].form"),
    "imp_drug": (_with({"drug": "notadrug"}), f"{FIELD}.items[0].drug"),
    "imp_route": (_with({"route": "transdermal"}), f"{FIELD}.items[0].route"),
    "imp_table": (_with({}, table="no-such-set"), f"{FIELD}.table"),
}


def _import(url: str, tmp_path: Path, data: dict[str, Any]) -> Any:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return run_cli("patients", "import", str(path), "--as", "imp", "--database", url)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_import_refuses_a_regimen_version_that_mme_refuses(
    sqlite_url: str, tmp_path: Path, name: str
) -> None:
    data, field = REFUSED[name]
    mme = run_cli("mme", "-", stdin=json.dumps(data["regimen_versions"][0]["regimen"]))
    assert mme.returncode == 2  # the same regimen through `mme`
    done = _import(sqlite_url, tmp_path, data)
    assert done.returncode == 2, done.stdout
    # after a refusal that ends its sentence, "Nothing was imported" starts the next (fuzz 19 D6)
    assert field in done.stderr and "nothing was imported" in done.stderr.lower()
    assert done.stderr.count("\n") == 1
    listed = run_cli("patients", "list", "--json", "--database", sqlite_url)
    assert "imp" not in [p["identifier"] for p in json.loads(listed.stdout)]


def test_a_valid_export_still_imports_and_shows_its_ome(sqlite_url: str, tmp_path: Path) -> None:
    assert _import(sqlite_url, tmp_path, _export()).returncode == 0
    shown = run_cli("patients", "show", "imp", "--database", sqlite_url)
    assert shown.returncode == 0 and "day 0: 150 — " in shown.stdout


def _legacy_database(url: str) -> PatientService:
    """A database written before import validated regimens: a version of 100 g/day oxycodone
    stored with the cache the old import computed (0.0 with an error)."""
    service = PatientService(Database.open(url), user="tester")
    data = _export()
    service.import_patient(data, as_identifier="old")
    bad = RegimenDocument.model_validate(REFUSED["imp_dd"][0]["regimen_versions"][0]["regimen"])
    version = RegimenVersion.model_validate(
        {
            **data["regimen_versions"][0],
            "effective_from": "1970-01-15T00:00:00Z",
            "regimen": bad.model_dump(mode="json"),
        }
    )
    cache = compute_ome_cache(bad, service.tables, service.timeline_table)
    assert cache.ome_mg_per_day == 0.0 and cache.error  # what older imports stored
    with service.records.writing() as repo:
        repo.add_regimen_version("old", version, cache)
    return service


def test_a_stored_version_without_a_computable_ome_is_never_shown_as_0(sqlite_url: str) -> None:
    service = _legacy_database(sqlite_url)
    last = service.timeline("old").points[-1]
    assert last.ome_mg_per_day is None and last.error and "unit slip" in last.error
    shown = run_cli("patients", "show", "old", "--database", sqlite_url)
    lines = [line for line in shown.stdout.splitlines() if "not computable" in line]
    assert len(lines) == 1 and "unit slip" in lines[0] and ": 0 —" not in shown.stdout


TRIGGERS = [
    "audit_log_no_update",
    "audit_log_no_delete",
    "audit_log_no_replace",
    "regimen_versions_frozen",
    "regimen_versions_no_delete",
]


@pytest.mark.parametrize("dropped", [TRIGGERS[:1], TRIGGERS[3:4], TRIGGERS])
def test_verify_names_a_dropped_append_only_trigger(
    sqlite_url: str, tmp_path: Path, dropped: list[str]
) -> None:
    assert _import(sqlite_url, tmp_path, _export()).returncode == 0
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        for name in dropped:
            conn.execute(f"DROP TRIGGER {name}")
    done = run_cli("patients", "verify", "--database", sqlite_url)
    assert done.returncode == 2 and "is intact" not in done.stdout
    for name in dropped:
        assert name in done.stdout + done.stderr
    kept = [t for t in TRIGGERS if t not in dropped]
    assert not any(t in done.stdout + done.stderr for t in kept)


def test_verify_of_an_untouched_database_is_intact(sqlite_url: str, tmp_path: Path) -> None:
    assert _import(sqlite_url, tmp_path, _export()).returncode == 0
    done = run_cli("patients", "verify", "--database", sqlite_url)
    assert done.returncode == 0 and "trigger" not in done.stdout
