"""What export, `patients show` and the app's record banner find wrong with one patient's record
(`record_problems`) reads the whole audit chain but only that patient's rows. It must say exactly
what the whole-database `patients verify` says of that patient (`problems_in(verify_records)`),
whatever was changed outside the program: any column of any row set to any value, or a row
deleted or added by SQL. (Rows of no patient, which the whole reading names "?", are no
patient's problem.)"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from mps_pain.services.record_integrity import problems_in, record_problems, verify_records
from tests.conftest import records_copy

CASE = "takamatsu-2018-case-1"
TABLES = ("patients", "regimen_versions", "clinical_events", "saved_plans", "audit_log")
SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
VALUES = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["x", "2026-13-45 00:00:00", "2019-01-01 00:00:00.000000", CASE, "1", "5"]),
    st.binary(max_size=8),
    st.none(),
)


@pytest.fixture(scope="module")
def template(
    tmp_path_factory: pytest.TempPathFactory, examples_sqlite: Callable[[str | None], Path]
) -> Path:
    """The five published cases and one saved check (each edit drops the triggers that refuse
    it and puts them back: a database without them is every record's problem, review 21 D2)."""
    url = records_copy(examples_sqlite("tester"), tmp_path_factory.mktemp("one") / "r.sqlite3")
    database = Database.open(url)
    PatientService(database, user="tester").save_plan(
        CASE, kind="check", title="c", inputs={"a": 1}, outputs={"b": 2}, table_id="uk-palliative"
    )
    database.close()
    path = Path(url.removeprefix("sqlite:///"))
    conn = sqlite3.connect(path)
    try:
        conn.execute("pragma journal_mode=delete")
    finally:
        conn.close()
    return path


@pytest.fixture(scope="module")
def columns(template: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(template) as conn:
        found = [
            (table, name)
            for table in TABLES
            for _, name, _, _, _, pk in conn.execute(f"pragma table_info({table})")
            if not pk
        ]
    conn.close()
    return found


@st.composite
def edits(draw: st.DrawFn, columns: list[tuple[str, str]]) -> tuple[str, str, int, Any]:
    """(operation, table, row index, value or column): set a column, delete or copy a row."""
    operation = draw(st.sampled_from(["set", "set", "set", "delete", "copy"]))
    table, column = draw(st.sampled_from(columns))
    value = draw(VALUES) if operation == "set" else None
    return operation, f"{table}.{column}", draw(st.integers(0, 60)), value


def _apply(path: Path, edit: tuple[str, str, int, Any]) -> None:
    operation, where, index, value = edit
    table, column = where.split(".")
    conn = sqlite3.connect(path)
    triggers = conn.execute("select name, sql from sqlite_master where type='trigger'").fetchall()
    try:
        with conn:
            for name, _ in triggers:
                conn.execute(f"drop trigger {name}")
            ids = [i for (i,) in conn.execute(f"select id from {table} order by id")]
            if not ids:  # every row deleted by an earlier edit
                return
            row_id = ids[index % len(ids)]
            if operation == "set":
                conn.execute(f"update {table} set {column}=? where id=?", (value, row_id))
            elif operation == "delete":
                conn.execute("pragma foreign_keys=off")
                conn.execute(f"delete from {table} where id=?", (row_id,))
            else:  # a copy of the row under a new id (a unique column keeps it out: no change)
                names = [r[1] for r in conn.execute(f"pragma table_info({table})") if not r[5]]
                listed = ", ".join(names)
                conn.execute(
                    f"insert or ignore into {table} ({listed}) "
                    f"select {listed} from {table} where id=?",
                    (row_id,),
                )
    except sqlite3.IntegrityError:
        pass  # a constraint refused the edit (NOT NULL, UNIQUE): nothing changed
    finally:  # the triggers put back exactly, as the reviewer did
        with conn:
            present = {n for (n,) in conn.execute("select name from sqlite_master")}
            for name, sql in triggers:
                if name not in present:
                    conn.execute(sql)
        conn.close()


@pytest.fixture
def fresh(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    folder = tmp_path_factory.mktemp("one-patient")

    def copy() -> Path:
        target = folder / "r.sqlite3"
        for leftover in folder.glob("r.sqlite3*"):
            leftover.unlink()
        shutil.copyfile(template, target)
        return target

    return copy


def _check(path: Path, chosen: list[tuple[str, str, int, Any]]) -> None:
    for edit in chosen:
        _apply(path, edit)
    database = Database.open(f"sqlite:///{path}")
    service = PatientService(database, user="tester")
    try:
        whole = verify_records(service.records)
        with sqlite3.connect(path) as conn:
            named = {i for (i,) in conn.execute("select identifier from patients")}
            named |= {i for (i,) in conn.execute("select patient_identifier from audit_log")}
        conn.close()
        # "?" and "None" are how the whole reading names the owner of a row of no patient
        # (a deleted patient, a damaged owner column): no patient's problem
        for identifier in [*sorted(i for i in named if isinstance(i, str)), CASE]:
            if identifier in ("?", "None"):
                continue
            assert record_problems(service.records, identifier) == problems_in(whole, identifier), (
                chosen,
                identifier,
            )
    finally:
        database.close()


# `fresh` is function-scoped but gives a new copy of the template each time it is called: each
# example calls it once, so no example sees another's edits (docs/architecture.md, Tests).
@settings(max_examples=25, **SETTINGS)
@given(data=st.data())
def test_one_patients_problems_are_what_verify_finds_of_that_patient(
    fresh: Callable[[], Path], columns: list[tuple[str, str]], data: st.DataObject
) -> None:
    """A database round trip per example: 25 in the default run, the campaign in the long run."""
    _check(fresh(), data.draw(st.lists(edits(columns), min_size=1, max_size=3)))


@pytest.mark.slow
@settings(max_examples=500, **SETTINGS)
@given(data=st.data())
def test_one_patients_problems_long_campaign(
    fresh: Callable[[], Path], columns: list[tuple[str, str]], data: st.DataObject
) -> None:
    _check(fresh(), data.draw(st.lists(edits(columns), min_size=1, max_size=3)))


def test_an_edit_to_another_patient_is_not_this_patients_problem(
    fresh: Callable[[], Path],
) -> None:
    """The narrowing is real: a row of another patient changed by SQL is found by verify and
    named for that patient, not for this one (the chain itself is intact)."""
    path = fresh()
    _apply(path, ("set", "clinical_events.title", 0, "edited by hand"))
    database = Database.open(f"sqlite:///{path}")
    service = PatientService(database, user="tester")
    try:
        with sqlite3.connect(path) as conn:
            (owner,) = conn.execute(
                "select p.identifier from clinical_events e join patients p on p.id = e.patient_id"
                " order by e.id limit 1"
            ).fetchone()
        conn.close()
        others = [i for i in ("kodama-2024-case-1", CASE) if i != owner]
        assert [p.kind for p in record_problems(service.records, owner)] == ["clinical event"]
        assert record_problems(service.records, others[0]) == []
    finally:
        database.close()
