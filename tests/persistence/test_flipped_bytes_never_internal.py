"""Fuzz review 21, D6: a records file with flipped bytes made `patients verify`, `list`, `show`
and `export` exit 3, "internal error (UnicodeDecodeError …)": SQLite's message about the damaged
schema quoted the file's bytes ("near "\\xb1ULL": syntax error"), and Python's driver could not
decode its own error message. Whatever the file holds, every `patients` command exits 0, 1 or 2,
and a damaged file is said as one ("It was not changed")."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.errors import StorageError
from mps_pain.persistence.database import Database
from tests.cli_runner import run_cli
from tests.conftest import records_copy

CASE = "takamatsu-2018-case-1"
COMMANDS = (
    ("verify",),
    ("list",),
    ("show", CASE),
    ("show", CASE, "--json"),
    ("export", CASE),
)


def _closed_examples(template: Path, target: Path) -> Path:
    """A copy of the examples in one file (no -wal beside it), as a user would copy it."""
    records_copy(template, target)
    conn = sqlite3.connect(target)
    conn.execute("pragma journal_mode=delete")
    conn.close()
    return target


def _schema_byte_not_utf8(path: Path) -> None:
    """The reviewer's file (repro/flipped-bytes.sqlite3): one byte of the saved plans table's
    schema text, in the file's first page, turned into 0xB1 (not UTF-8 on its own)."""
    data = bytearray(path.read_bytes())
    start = data.index(b"CREATE TABLE saved_plans")
    at = data.index(b"NULL", start)
    data[at] = 0xB1
    path.write_bytes(bytes(data))


def _never_internal(url: str) -> list[str]:
    said = []
    for command in COMMANDS:
        done = run_cli("patients", *command, "--database", url)
        assert done.returncode in (0, 1, 2), (command, done.stderr)
        assert "internal error" not in done.stderr + done.stdout, (command, done.stderr)
        said.append(done.stderr)
    return said


def test_the_reviewers_flipped_schema_byte(
    tmp_path: Path, examples_sqlite: Callable[[str | None], Path]
) -> None:
    path = _closed_examples(examples_sqlite("tester"), tmp_path / "records.sqlite3")
    _schema_byte_not_utf8(path)
    before = path.read_bytes()
    for said in _never_internal(f"sqlite:///{path}"):
        assert "is damaged or is not an mps-pain database" in said, said
        assert "malformed database schema (saved_plans)" in said
        assert "It was not changed" in said
    assert path.read_bytes() == before


def test_opening_it_is_the_records_own_error(
    tmp_path: Path, examples_sqlite: Callable[[str | None], Path]
) -> None:
    """The service's edge too (the app opens the file through ``Database.open``)."""
    path = _closed_examples(examples_sqlite("tester"), tmp_path / "records.sqlite3")
    _schema_byte_not_utf8(path)
    with pytest.raises(StorageError) as caught:
        Database.open(f"sqlite:///{path}", create=False)
    assert caught.value.code == "storage"
    assert caught.value.database == str(path)


def test_a_session_on_a_file_damaged_after_opening(
    tmp_path: Path, examples_sqlite: Callable[[str | None], Path]
) -> None:
    """The file damaged while the program has it open (the probe passed): the reading session
    says so, as the records' own error, not the driver's decoding failure."""
    path = _closed_examples(examples_sqlite("tester"), tmp_path / "records.sqlite3")
    database = Database.open(f"sqlite:///{path}", create=False)
    try:
        database.close()
        _schema_byte_not_utf8(path)
        with pytest.raises(StorageError) as caught, database.reading() as session:
            session.connection().exec_driver_sql("select count(*) from patients").all()
        assert "malformed database schema" in caught.value.message
        assert "It was not changed" in caught.value.message
    finally:
        database.close()


SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
PAGE = 4096  # the first page holds the schema text, where a flipped byte reaches the driver


@st.composite
def flips(draw: st.DrawFn, size: int) -> list[tuple[int, int]]:
    """Positions (half of them in the schema's first page) and the bits flipped there."""
    where = st.one_of(st.integers(100, PAGE - 1), st.integers(100, size - 1))
    return draw(st.lists(st.tuples(where, st.integers(1, 255)), min_size=1, max_size=20))


def _flipped(template: Path, folder: Path, chosen: list[tuple[int, int]]) -> str:
    path = _closed_examples(template, folder / "records.sqlite3")
    data = bytearray(path.read_bytes())
    for at, mask in chosen:
        data[at] ^= mask
    path.write_bytes(bytes(data))
    return f"sqlite:///{path}"


@settings(max_examples=30, **SETTINGS)
@given(data=st.data())
def test_flipping_any_bytes_never_ends_in_an_internal_error(
    examples_sqlite: Callable[[str | None], Path],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    template = examples_sqlite("tester")
    chosen = data.draw(flips(template.stat().st_size))
    _never_internal(_flipped(template, tmp_path_factory.mktemp("flipped"), chosen))


@pytest.mark.slow
@settings(max_examples=600, **SETTINGS)
@given(data=st.data())
def test_flipping_any_bytes_long_campaign(
    examples_sqlite: Callable[[str | None], Path],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    template = examples_sqlite("tester")
    chosen = data.draw(flips(template.stat().st_size))
    _never_internal(_flipped(template, tmp_path_factory.mktemp("flipped"), chosen))
