"""A records row whose column holds what the schema does not allow, written by SQL (outside fuzz
review 5, R1): `patients verify`, `list`, `show` and `export` crashed (exit 3) on a time column
holding `5` or `'x'`. Now every value read back is checked against its column
(`persistence/stored_values.py`): verify names the row (exit 2), list shows the other patients
and names the damaged one (exit 2), show and export refuse in one line naming the row (exit 2)."""

from __future__ import annotations

import functools
import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_runner import CliRun, run_cli
from tests.conftest import records_copy

CASE = "takamatsu-2018-case-1"
TABLES = ("patients", "regimen_versions", "clinical_events", "saved_plans", "audit_log")
SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
}


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _unfrozen(url: str) -> str:
    """The reviewer's first step: the triggers that refuse edits are dropped. The file is left
    self-contained (no -wal file), so a plain copy of it is the whole database."""
    conn = sqlite3.connect(_path(url))
    try:
        with conn:
            triggers = conn.execute("select name from sqlite_master where type='trigger'")
            for (name,) in triggers.fetchall():
                conn.execute(f"drop trigger {name}")
        conn.execute("pragma journal_mode=delete")
        assert not conn.execute("select name from sqlite_master where type='trigger'").fetchall()
    finally:
        conn.close()
    return url


@pytest.fixture(scope="module")
def template(
    tmp_path_factory: pytest.TempPathFactory, examples_sqlite: Callable[[str | None], Path]
) -> Path:
    """The five published cases, one saved plan added, triggers dropped (made once)."""
    from mps_pain.persistence.database import Database
    from mps_pain.services.patient_service import PatientService

    url = records_copy(examples_sqlite("tester"), tmp_path_factory.mktemp("bad") / "r.sqlite3")
    database = Database.open(url)
    PatientService(database, user="tester").save_plan(
        CASE,
        kind="check",
        title="a check",
        inputs={"a": 1},
        outputs={"b": 2},
        table_id="uk-palliative",
    )
    database.close()
    shutil.copyfile(_path(url), _intact(_path(url)))
    return _path(_unfrozen(url))


def _intact(template: Path) -> Path:
    """The template as it was before its triggers were dropped: a database without them is
    every record's problem, and its records are not exported (fuzz review 21, D2)."""
    return template.with_name("intact.sqlite3")


@pytest.fixture(scope="module")
def export_file(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    target = folder / "case.json"
    source = _copy(_intact(template), folder / "source")  # only ever copied
    done = run_cli("patients", "export", CASE, "-o", str(target), "--database", source)
    assert done.returncode == 0, done.stderr
    return target


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _copy(template: Path, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "r.sqlite3"
    for leftover in folder.glob("r.sqlite3*"):
        leftover.unlink()
    shutil.copyfile(template, target)
    return _url(target)


def _commands(url: str, patient: str, folder: Path, export_file: Path) -> dict[str, CliRun]:
    out = folder / "out.json"
    out.unlink(missing_ok=True)
    db = ("--database", url)
    return {
        "verify": run_cli("patients", "verify", *db),
        "list": run_cli("patients", "list", *db),
        "show": run_cli("patients", "show", patient, *db),
        "show --json": run_cli("patients", "show", patient, "--json", *db),
        "export": run_cli("patients", "export", patient, "-o", str(out), *db),
        "import": run_cli("patients", "import", str(export_file), "--as", "new-one", *db),
    }


def _never_crash(runs: dict[str, CliRun]) -> None:
    for name, done in runs.items():
        assert done.returncode in (0, 1, 2), (name, done.stderr)
        assert "internal error" not in done.stderr, (name, done.stderr)


# --- the reviewer's repro ------------------------------------------------------------------------
def test_the_reviewers_time_columns_are_named_not_crashed(
    template: Path, tmp_path: Path, export_file: Path
) -> None:
    url = _copy(template, tmp_path)
    with sqlite3.connect(_path(url)) as conn:
        audit = conn.execute("select max(id) from audit_log").fetchone()[0]
        event, owner = conn.execute(
            "select e.id, p.identifier from clinical_events e join patients p "
            "on p.id = e.patient_id order by e.id desc limit 1"
        ).fetchone()
        conn.execute(f"update audit_log set occurred_at=5 where id={audit}")
        conn.execute("update patients set updated_at='x' where identifier='kodama-2024-case-1'")
        conn.execute(f"update clinical_events set ends_at=1 where id={event}")
    runs = _commands(url, owner, tmp_path, export_file)
    _never_crash(runs)

    verify = runs["verify"]
    assert verify.returncode == 2
    assert f"broken at row {audit}" in verify.stderr and "occurred_at" in verify.stderr
    assert "patients:" in verify.stderr and "updated_at holds the text 'x'" in verify.stderr

    listing = runs["list"]
    assert listing.returncode == 2
    assert listing.stderr.count("\n") == 1
    assert "kodama-2024-case-1" in listing.stderr and "updated_at" in listing.stderr
    assert "kodama-2024-case-1" not in listing.stdout
    assert len(listing.stdout.splitlines()) == 4  # every other patient is still listed

    for name in ("show", "show --json", "export"):
        done = runs[name]
        assert done.returncode == 2 and done.stderr.count("\n") == 1, (name, done.stderr)
        assert f"clinical event {event}" in done.stderr and "ends_at" in done.stderr
    assert not (tmp_path / "out.json").exists()


def test_list_json_lists_the_others_and_names_the_damaged_one(
    template: Path, tmp_path: Path
) -> None:
    url = _copy(template, tmp_path)
    with sqlite3.connect(_path(url)) as conn:
        conn.execute("update patients set created_at=12 where identifier='kodama-2024-case-2'")
    done = run_cli("patients", "list", "--json", "--database", url)
    assert done.returncode == 2
    listed = [p["info"]["identifier"] for p in json.loads(done.stdout)]
    assert len(listed) == 4 and "kodama-2024-case-2" not in listed
    assert "kodama-2024-case-2" in done.stderr and "created_at" in done.stderr


def test_a_damaged_chain_head_refuses_a_save_and_names_the_row(
    template: Path, tmp_path: Path, export_file: Path
) -> None:
    url = _copy(template, tmp_path)
    with sqlite3.connect(_path(url)) as conn:
        conn.execute(
            "update audit_log set row_hash=x'00ff' where id=(select max(id) from audit_log)"
        )
    done = run_cli("patients", "import", str(export_file), "--as", "new-one", "--database", url)
    assert done.returncode == 2 and "audit row" in done.stderr and "row_hash" in done.stderr
    assert "new-one" not in run_cli("patients", "list", "--database", url).stdout


# --- the class: any column of any row, any wrong type ---------------------------------------------
@functools.cache  # the template is never written to (each example edits a copy)
def _columns(template: Path) -> list[tuple[str, str, str, bool]]:
    """(table, column, declared type, NOT NULL) of every column but the row id."""
    with sqlite3.connect(template) as conn:
        return [
            (table, name, kind.upper(), bool(notnull))
            for table in TABLES
            for _, name, kind, notnull, _, pk in conn.execute(f"pragma table_info({table})")
            if not pk
        ]


def _well_formed(kind: str, stored: Any, typeof: str) -> bool:
    """The test's own oracle: does the stored value fit its declared column type?"""
    if typeof == "null":
        return True  # only reachable where NULL is allowed (NOT NULL refuses the update)
    if kind.startswith(("VARCHAR", "TEXT")):
        return typeof == "text"
    if kind == "INTEGER":
        return typeof == "integer"
    if kind == "FLOAT":
        return typeof in ("integer", "real")
    if kind == "DATETIME" and typeof == "text":
        try:
            datetime.fromisoformat(stored)
        except ValueError:
            return False
        return True
    return False


WRONG = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(["x", "garbage", "2026-13-45 00:00:00", "", "5", "1e5", "2026-01-01"]),
    st.binary(max_size=16),
    st.none(),
)
# Built once, not per example (a new strategy is validated afresh on its first draw): the
# values a NOT NULL column can be given, and the template's columns to choose from.
WRONG_NOT_NULL = WRONG.filter(lambda v: v is not None)


@functools.cache
def _column_choices(template: Path) -> st.SearchStrategy[tuple[str, str, str, bool]]:
    return st.sampled_from(_columns(template))


def _edit(url: str, table: str, column: str, row_index: int, value: Any) -> tuple[int, Any, str]:
    """Set one column of one row: (row id, stored value, its SQLite type)."""
    with sqlite3.connect(_path(url)) as conn:
        ids = [i for (i,) in conn.execute(f"select id from {table} order by id")]
        row_id = ids[row_index % len(ids)]
        conn.execute(f"update {table} set {column}=? where id=?", (value, row_id))
        stored, typeof = conn.execute(
            f"select {column}, typeof({column}) from {table} where id=?", (row_id,)
        ).fetchone()
    return row_id, stored, typeof


def _owner(url: str, table: str, row_id: int) -> str:
    with sqlite3.connect(_path(url)) as conn:
        if table == "patients":
            found = conn.execute("select identifier from patients where id=?", (row_id,))
        elif table == "audit_log":
            found = conn.execute("select patient_identifier from audit_log where id=?", (row_id,))
        else:
            found = conn.execute(
                f"select p.identifier from {table} t join patients p on p.id = t.patient_id "
                "where t.id=?",
                (row_id,),
            )
        row = found.fetchone()
    return row[0] if row and isinstance(row[0], str) and row[0] else CASE


def _check_one_edit(template: Path, folder: Path, export_file: Path, data: st.DataObject) -> None:
    table, column, kind, notnull = data.draw(_column_choices(template))
    value = data.draw(WRONG_NOT_NULL if notnull else WRONG)
    row_index = data.draw(st.integers(min_value=0, max_value=50))
    url = _copy(template, folder)
    row_id, stored, typeof = _edit(url, table, column, row_index, value)
    runs = _commands(url, _owner(url, table, row_id), folder, export_file)
    _never_crash(runs)
    if not _well_formed(kind, stored, typeof):
        verify = runs["verify"]
        assert verify.returncode == 2, (table, column, value)
        assert f"{table}:{row_id}" in verify.stderr, verify.stderr


@settings(max_examples=40, **SETTINGS)
@given(data=st.data())
def test_any_column_set_to_a_wrong_type_is_named_never_a_crash(
    template: Path, export_file: Path, tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    """Six commands on a fresh copy per example (a database round trip each): 40 examples in
    the default run, the campaign below in the long run."""
    _check_one_edit(template, tmp_path_factory.getbasetemp() / "wrong-type", export_file, data)


@pytest.mark.slow
@settings(max_examples=1000, **SETTINGS)
@given(data=st.data())
def test_any_column_set_to_a_wrong_type_long_campaign(
    template: Path, export_file: Path, tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    _check_one_edit(template, tmp_path_factory.getbasetemp() / "wrong-type", export_file, data)


@pytest.mark.parametrize("table", TABLES)
def test_every_column_of_every_table_with_a_wrong_type_is_named_by_verify(
    template: Path, tmp_path: Path, table: str
) -> None:
    """Exhaustive over the columns (the property samples values): each column of one row of
    ``table`` in turn holds binary data (the one type no column affinity converts)."""
    columns = [c for c in _columns(template) if c[0] == table]
    for _, column, _, _ in columns:
        url = _copy(template, tmp_path)
        row_id, _, _ = _edit(url, table, column, 0, b"\x00\xff")
        done = run_cli("patients", "verify", "--database", url)
        assert done.returncode == 2 and f"{table}:{row_id}" in done.stderr, (column, done.stderr)
        assert "binary data" in done.stderr or "broken" in done.stderr, done.stderr
