"""Session 17: the version and hash a result carries identify EVERY data file the engine decides
from, not the tables alone: a changed form_inference.yaml (the form an interval implies, the
accepted intervals) or fhir_terminology.yaml (which code is which drug) was a result
indistinguishable from one computed before.

The temporary data folders are copies of data/ (tests/data_copy.py)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from mps_pain.domain import form_inference
from mps_pain.errors import TableValidationError
from mps_pain.fhir.terminology import get_terminology
from mps_pain.tables import data_identity, loader
from mps_pain.tables.data_identity import IDENTITY_FILE, TABLES_FILE, recorded
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli
from tests.data_copy import RULE_FILES, SHIPPED, append_a_line, clear_data_caches, use_data_copy

DOCUMENT = '{"items":[{"drug":"morphine","route":"oral","dose":"10 mg","frequency":"q4h"}]}'


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield use_data_copy(tmp_path, monkeypatch)
    monkeypatch.undo()
    clear_data_caches()


def _result_table() -> dict[str, str | None]:
    done = run_cli("mme", "-", "--json", stdin=DOCUMENT)
    assert done.returncode == 0, done.stderr
    table: dict[str, str | None] = json.loads(done.stdout)["table"]
    return table


def test_the_shipped_files_are_as_recorded_under_the_tables_version() -> None:
    record = recorded()
    assert record.version == get_tables().version, (
        "conversion_tables.sha256 records another version: after a reviewed edit of any data "
        "file, bump `version` in conversion_tables.yaml and run "
        "`python -m mps_pain.tables.loader --record`"
    )
    for name, digest in record.digests.items():
        assert hashlib.sha256((SHIPPED / name).read_bytes()).hexdigest() == digest, (
            f"data/{name} changed: after review, bump `version` in conversion_tables.yaml and "
            "run `python -m mps_pain.tables.loader --record`"
        )
    assert {TABLES_FILE, *RULE_FILES} <= set(record.digests)
    assert get_tables().modified_path is None


def test_the_hash_a_result_carries_is_that_of_the_recorded_lines() -> None:
    lines = [
        line
        for line in (SHIPPED / IDENTITY_FILE).read_text(encoding="ascii").splitlines(True)
        if not line.startswith("#")
    ]
    identity = hashlib.sha256("".join(lines).encode()).hexdigest()
    assert get_tables().sha256 == identity
    assert _result_table()["sha256"] == identity


@pytest.mark.parametrize("name", RULE_FILES)
def test_a_changed_rule_file_changes_the_hash_a_result_carries(data_copy: Path, name: str) -> None:
    shipped = _result_table()
    assert shipped["modified_path"] is None
    append_a_line(data_copy / name)
    clear_data_caches()
    changed = _result_table()
    assert changed["sha256"] != shipped["sha256"]
    assert changed["version"] == shipped["version"]
    assert changed["modified_path"] == str((data_copy / name).resolve())
    assert "MODIFIED TABLES" in run_cli("mme", "-", stdin=DOCUMENT).stdout


@pytest.mark.parametrize("name", RULE_FILES)
def test_a_rule_file_the_record_does_not_list_is_refused_naming_it(
    data_copy: Path, name: str
) -> None:
    record = data_copy / IDENTITY_FILE
    text = record.read_text(encoding="ascii")
    record.write_text(
        "".join(line for line in text.splitlines(True) if not line.endswith(f"  {name}\n")),
        encoding="ascii",
    )
    with pytest.raises(TableValidationError) as caught:
        data_identity.read_rule_file(name)
    assert caught.value.location == name
    assert f"{name} is not listed in {IDENTITY_FILE}" in caught.value.message
    reader = form_inference.interval_rules if name == "form_inference.yaml" else get_terminology
    with pytest.raises(TableValidationError):
        reader()


def test_recording_a_changed_file_under_the_recorded_version_is_refused(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (data_copy / IDENTITY_FILE).read_text(encoding="ascii")
    append_a_line(data_copy / "form_inference.yaml")
    clear_data_caches()
    assert loader.main(["--record"]) == 1
    assert "bump `version`" in capsys.readouterr().err
    assert (data_copy / IDENTITY_FILE).read_text(encoding="ascii") == before
    tables = data_copy / TABLES_FILE
    version = get_tables().version
    tables.write_text(
        tables.read_text(encoding="utf-8").replace(
            f'version: "{version}"', f'version: "{version}-test"', 1
        ),
        encoding="utf-8",
    )
    clear_data_caches()
    assert loader.main(["--record"]) == 0
    clear_data_caches()
    assert recorded().version == f"{version}-test"
    assert get_tables().modified_path is None
    assert get_tables().sha256 != _identity_of(before)


def _identity_of(record_text: str) -> str:
    lines = [line for line in record_text.splitlines(True) if not line.startswith("#")]
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def test_the_record_is_what_sha256sum_reads(data_copy: Path) -> None:
    """``sha256sum -c`` checks the record as written (its comment lines are skipped)."""
    done = subprocess.run(
        ["sha256sum", "--strict", "-c", IDENTITY_FILE],
        cwd=data_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
