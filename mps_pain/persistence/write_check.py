"""Every row a save writes is read back, in the same transaction, before the save can report
success (fuzz review 18d, D1).

A trigger the migrations did not make (``BEFORE INSERT ... RAISE(IGNORE)`` on SQLite, a trigger
function returning NULL or a ``DO INSTEAD NOTHING`` rule on PostgreSQL, an ``AFTER INSERT`` that
rewrites a column) can drop or change a row as it is written, with no error from the database.
Before this check ``patients import`` then said "Imported" with nothing saved, SQLAlchemy printed
a developer warning (the driver's last row id was another row's), and the audit row recorded that
other row's id, so a later verify blamed a patient whose row was never touched.

After each insert or update of a records row (``after_insert`` / ``after_update``, before the
session takes the row as written) the row is read back by its id, as stored, and its content
hashed as the audit chain hashes it (``content_hash``; an audit row: its chained columns). A
row that is not there or holds something else raises ``UnsavedWriteError``: the write
transaction rolls back and nothing of the save is kept. ``patients verify`` names the trigger
(``foreign_objects``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper

from mps_pain.errors import UnsavedWriteError
from mps_pain.persistence.content_hash import (
    CHAIN_COLUMNS,
    CONTENT_FIELDS,
    ROW_KINDS,
    content_sha256,
)
from mps_pain.persistence.models import (
    AuditRow,
    ClinicalEventRow,
    PatientRow,
    RegimenVersionRow,
    SavedPlanRow,
)

__all__ = ["dropped_update", "not_returned"]


def _checked_columns(table: str) -> tuple[str, ...]:
    return CONTENT_FIELDS.get(table) or CHAIN_COLUMNS[table]


def _confirm(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    """Raise ``UnsavedWriteError`` unless ``target`` is stored under its id as written."""
    table = mapper.local_table.name  # type: ignore[attr-defined]
    columns = _checked_columns(table)
    stored = (
        connection.execute(
            sql_text(f"SELECT {', '.join(columns)} FROM {table} WHERE id = :id"),
            {"id": target.id},
        )
        .mappings()
        .first()
    )
    if stored is None:
        problem = "it is not in the database"
    elif content_sha256(table, stored, columns) != content_sha256(table, target, columns):
        problem = "the database holds something else under its number"
    else:
        return
    raise UnsavedWriteError(kind=ROW_KINDS[table], row_id=target.id, problem=problem)


def dropped_update(identifier: str) -> UnsavedWriteError:
    """A patient's save that matched no row inside a write transaction no other writer can
    enter (SQLite: ``BEGIN IMMEDIATE``): no concurrent change did it, a trigger dropped it."""
    return UnsavedWriteError(
        kind="patient", row_id=f"'{identifier}'", problem="the change was dropped"
    )


def not_returned(flush_error: str) -> UnsavedWriteError:
    """PostgreSQL: an INSERT ... RETURNING that gave no row back (a trigger function returned
    NULL, or a rule did something else instead). SQLAlchemy says so naming the mapper
    (``Mapper[RegimenVersionRow(regimen_versions)]``): the table is read from that."""
    tables = [t for t in ROW_KINDS if f"({t})" in flush_error]
    return UnsavedWriteError(
        kind=ROW_KINDS[tables[0]] if tables else "record",
        row_id=None,
        problem="the database stored nothing",
    )


for _model in (PatientRow, RegimenVersionRow, ClinicalEventRow, SavedPlanRow, AuditRow):
    event.listen(_model, "after_insert", _confirm)
    event.listen(_model, "after_update", _confirm)
