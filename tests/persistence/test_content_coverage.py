"""`patients verify` finds a change to any stored column but the two it leaves out on purpose
(outside fuzz review 5, R5: a patient's `created_at` back-dated by SQL, and edits to a regimen
version's `ome_error`, `ome_seal` or `ome_table_sha256`, all verified as intact).

Every column is covered by one of: the content hash the audit chain records
(`content_hash.CONTENT_FIELDS`), the chain itself (audit rows), or a recomputation in `verify`
(the regimen document's fingerprint and the sealed OME cache); the exceptions are
`content_hash.NOT_COVERED`, each with its reason (docs/records.md)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.persistence.content_hash import (
    CHAIN_COLUMNS,
    CONTENT_FIELDS,
    NOT_COVERED,
    RECOMPUTED_COLUMNS,
)
from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import CliRun, run_cli
from tests.conftest import records_copy

CASE = "takamatsu-2018-case-1"
FIXTURE_V7 = Path(__file__).parents[1] / "fixtures" / "records_v7.sqlite"
TABLES = ("patients", "regimen_versions", "clinical_events", "saved_plans", "audit_log")
SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
}


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


@pytest.fixture(scope="module")
def template(
    tmp_path_factory: pytest.TempPathFactory, examples_sqlite: Callable[[str | None], Path]
) -> Path:
    """The five published cases and one saved check, triggers dropped, one self-contained file."""
    url = records_copy(examples_sqlite("tester"), tmp_path_factory.mktemp("cover") / "r.sqlite3")
    database = Database.open(url)
    PatientService(database, user="tester").save_plan(
        CASE, kind="check", title="c", inputs={"a": 1}, outputs={"b": 2}, table_id="uk-palliative"
    )
    database.close()
    conn = sqlite3.connect(_path(url))
    try:
        with conn:
            for (name,) in conn.execute(
                "select name from sqlite_master where type='trigger'"
            ).fetchall():
                conn.execute(f"drop trigger {name}")
        conn.execute("pragma journal_mode=delete")
    finally:
        conn.close()
    return _path(url)


def _copy(template: Path, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.glob("r.sqlite3*"):
        leftover.unlink()
    shutil.copyfile(template, folder / "r.sqlite3")
    return f"sqlite:///{folder / 'r.sqlite3'}"


def _sql(url: str, statement: str, *params: Any) -> None:
    conn = sqlite3.connect(_path(url))
    try:
        with conn:
            conn.execute(statement, params)
    finally:
        conn.close()


def _verify(url: str) -> CliRun:
    return run_cli("patients", "verify", "--database", url)


def _names_row(done: CliRun, table: str, row_id: int) -> bool:
    """verify named this row: its key, or (a regimen's fingerprint, an audit row) its words."""
    return (
        f"{table}:{row_id} " in done.stderr
        or (table == "regimen_versions" and f"regimen version {row_id} " in done.stderr)
        or (table == "audit_log" and f"broken at row {row_id}:" in done.stderr)
    )


# --- the reviewer's repro and the cache columns --------------------------------------------------
def test_a_back_dated_patient_created_at_is_found(template: Path, tmp_path: Path) -> None:
    url = _copy(template, tmp_path)
    _sql(
        url,
        "update patients set created_at='2019-01-01 00:00:00.000000' "
        "where identifier='kodama-2024-case-2'",
    )
    done = _verify(url)
    assert done.returncode == 2
    assert "patients:5 of 'kodama-2024-case-2' differs" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("ome_error", "nothing left out"),
        ("ome_seal", "0" * 64),
        ("ome_table_sha256", "f" * 64),
        ("ome_table_id", "fpm-2021"),
        ("ome_document_sha256", "e" * 64),
        ("ome_mg_per_day", 1.0),
    ],
)
def test_an_edited_ome_cache_column_is_found(
    template: Path, tmp_path: Path, column: str, value: Any
) -> None:
    url = _copy(template, tmp_path)
    _sql(url, f"update regimen_versions set {column}=? where id=3", value)
    done = _verify(url)
    assert done.returncode == 2 and "regimen_versions:3 " in done.stderr, done.stderr
    assert "seal" in done.stderr


def test_a_cached_ome_edited_with_its_seal_recomputed_is_found_by_recomputation(
    template: Path, tmp_path: Path
) -> None:
    """The seal is a plain hash anyone can recompute: verify also recomputes the value."""
    from mps_pain.persistence.unit_of_work import OmeCache, ome_cache_seal

    url = _copy(template, tmp_path)
    with sqlite3.connect(_path(url)) as conn:
        row = conn.execute(
            "select ome_error, ome_table_id, ome_table_sha256, ome_document_sha256 "
            "from regimen_versions where id=3"
        ).fetchone()
    conn.close()
    forged = OmeCache(
        ome_mg_per_day=1.0,
        error=row[0],
        table_id=row[1],
        table_sha256=row[2],
        document_sha256=row[3],
    )
    _sql(
        url,
        "update regimen_versions set ome_mg_per_day=1.0, ome_seal=? where id=3",
        ome_cache_seal(forged),
    )
    done = _verify(url)
    assert done.returncode == 2
    assert "regimen_versions:3 " in done.stderr and "cached OME of 1.0 mg/day" in done.stderr


def test_every_column_is_covered_or_left_out_with_a_reason(template: Path) -> None:
    """A column added later must be put in one of the three places, or left out with a reason."""
    with sqlite3.connect(template) as conn:
        for table in TABLES:
            columns = {row[1] for row in conn.execute(f"pragma table_info({table})")} - {"id"}
            covered = (
                set(CONTENT_FIELDS.get(table, ()))
                | set(RECOMPUTED_COLUMNS.get(table, ()))
                | set(CHAIN_COLUMNS.get(table, ()))
            )
            left_out = {column for (t, column) in NOT_COVERED if t == table}
            assert columns == covered | left_out, table
            assert not covered & left_out, table
    assert set(NOT_COVERED) == {("patients", "version"), ("patients", "updated_at")}
    assert all(len(reason) > 20 for reason in NOT_COVERED.values())


# --- the class: any covered column of any row ----------------------------------------------------
def _covered_columns(template: Path) -> list[tuple[str, str, str, bool]]:
    with sqlite3.connect(template) as conn:
        return [
            (table, name, kind.upper(), not notnull)
            for table in TABLES
            for _, name, kind, notnull, _, pk in conn.execute(f"pragma table_info({table})")
            if not pk and (table, name) not in NOT_COVERED
        ]


def _other_value(kind: str, nullable: bool, old: Any, data: st.DataObject) -> Any:
    """A well-typed value of the column's kind that differs from ``old``."""
    if kind == "INTEGER":
        new = st.integers(min_value=-(2**31), max_value=2**31)
    elif kind == "FLOAT":
        new = st.floats(allow_nan=False, allow_infinity=False, width=32)
    elif kind == "DATETIME":
        new = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
            lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f")
        )
    else:
        new = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
    if nullable:
        new = st.one_of(st.none(), new)
    value = data.draw(new.filter(lambda v: v != old))
    if kind == "DATETIME" and isinstance(old, str) and value is not None:
        # the same instant written another way is not a change
        moment = datetime.fromisoformat(value)
        if moment == datetime.fromisoformat(old):
            value = (moment + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _check_one_change(template: Path, folder: Path, data: st.DataObject) -> None:
    table, column, kind, nullable = data.draw(st.sampled_from(_covered_columns(template)))
    url = _copy(template, folder)
    with sqlite3.connect(_path(url)) as conn:
        ids = [i for (i,) in conn.execute(f"select id from {table} order by id")]
        row_id = data.draw(st.sampled_from(ids))
        (old,) = conn.execute(f"select {column} from {table} where id=?", (row_id,)).fetchone()
    conn.close()
    value = _other_value(kind, nullable, old, data)
    _sql(url, f"update {table} set {column}=? where id=?", value, row_id)
    done = _verify(url)
    assert done.returncode == 2, (table, column, old, value, done.stdout)
    assert _names_row(done, table, row_id), (table, column, row_id, done.stderr)


@settings(max_examples=60, **SETTINGS)
@given(data=st.data())
def test_a_change_to_any_covered_column_is_found_at_its_row(
    template: Path, tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    """One verify per example on a fresh copy: 60 in the default run, the campaign below in the
    long run."""
    _check_one_change(template, tmp_path_factory.getbasetemp() / "covered", data)


@pytest.mark.slow
@settings(max_examples=1000, **SETTINGS)
@given(data=st.data())
def test_a_change_to_any_covered_column_long_campaign(
    template: Path, tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    _check_one_change(template, tmp_path_factory.getbasetemp() / "covered", data)


@pytest.mark.parametrize("table", TABLES)
def test_every_covered_column_of_one_row_is_found(
    template: Path, tmp_path: Path, table: str
) -> None:
    """Exhaustive over the columns (the property samples rows and values)."""
    for _, column, kind, _ in (c for c in _covered_columns(template) if c[0] == table):
        url = _copy(template, tmp_path)
        with sqlite3.connect(_path(url)) as conn:
            row_id, old = conn.execute(
                f"select id, {column} from {table} order by id desc limit 1"
            ).fetchone()
        conn.close()
        value: Any = {"INTEGER": 987654, "FLOAT": 12345.5, "DATETIME": "1999-09-09 09:09:09"}.get(
            kind, "edited by hand"
        )
        assert value != old
        _sql(url, f"update {table} set {column}=? where id=?", value, row_id)
        done = _verify(url)
        assert done.returncode == 2 and _names_row(done, table, row_id), (column, done.stderr)


# --- migration: a schema-7 database, whose trail recorded patients without created_at ----------
@pytest.fixture
def v7(tmp_path: Path) -> str:
    target = tmp_path / "v7.sqlite3"
    shutil.copyfile(FIXTURE_V7, target)
    with sqlite3.connect(target) as conn:
        assert conn.execute("select version_num from alembic_version").fetchone() == ("0007",)
    conn.close()
    return f"sqlite:///{target}"


def test_a_schema_7_database_still_verifies_after_the_upgrade(v7: str) -> None:
    done = _verify(v7)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(_path(v7)) as conn:
        actions = [a for (a,) in conn.execute("select action from audit_log order by id")]
    conn.close()
    assert actions[-1] == "baseline"  # schema 8 recorded the patients' content again
    # and from now on created_at is covered
    _sql(v7, "update patients set created_at='2019-01-01 00:00:00.000000'")
    done = _verify(v7)
    assert done.returncode == 2 and "patients:1 " in done.stderr


def test_an_edit_made_before_the_upgrade_is_not_laundered_by_it(v7: str) -> None:
    """Schema 8 records a patient's new hash only if its old one is what the trail recorded."""
    _sql(v7, "update patients set display_name='edited before the upgrade'")
    done = _verify(v7)
    assert done.returncode == 2 and "patients:1 " in done.stderr, done.stderr


def test_a_cache_seal_broken_before_the_upgrade_is_found_after_it(v7: str) -> None:
    _sql(v7, "update regimen_versions set ome_error='forged'")
    done = _verify(v7)
    assert done.returncode == 2 and "regimen_versions:1 " in done.stderr, done.stderr
