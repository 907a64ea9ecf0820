"""Every value read back from the records database is checked against its column before anything
uses it (outside fuzz review 5, R1).

SQLite stores whatever an SQL statement gives a column (``UPDATE patients SET updated_at='x'``,
``occurred_at=5``, a blob in a text column); the driver hands it back as it is. Reading such a
value used to crash ``patients list``, ``show``, ``export`` and ``verify`` (exit 3). Now the
time type returns an unreadable value unparsed (``models.UtcDateTime``) and ``column_problem``
says what is wrong with it, so the row is named (table, row, column) instead: a
``DamagedRecordError`` where one record is read, a finding of ``patients verify`` for every row.

The rules come from the schema itself (``models``): a time column holds a time, an integer column
an integer, a float column a number, a text column text; ``NULL`` only where the column allows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Float, Integer, String

from mps_pain.errors import DamagedRecordError
from mps_pain.persistence.models import Base, UtcDateTime

__all__ = ["RECORD_TABLES", "column_problem", "damaged", "row_problem"]

RECORD_TABLES: tuple[str, ...] = (
    "patients",
    "regimen_versions",
    "clinical_events",
    "saved_plans",
    "audit_log",
)
"""The tables ``patients verify`` checks row by row (the practice tables are apart)."""


def _shown(value: Any) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return f"binary data ({len(bytes(value))} bytes)"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:40] + "…"
        return f"the text {text!r}"
    return f"the number {value!r}" if isinstance(value, int | float) else repr(value)[:40]


def column_problem(column: Column[Any], value: Any) -> str | None:
    """What is wrong with ``value`` as a stored value of ``column``; None if it is well formed."""
    if value is None:
        return None if column.nullable else "is empty (NULL), but this column must hold a value"
    kind = column.type
    if isinstance(kind, UtcDateTime):
        ok, wanted = isinstance(value, datetime), "a date and time"
    elif isinstance(kind, Integer):
        ok, wanted = isinstance(value, int) and not isinstance(value, bool), "a whole number"
    elif isinstance(kind, Float):
        ok, wanted = isinstance(value, int | float) and not isinstance(value, bool), "a number"
    elif isinstance(kind, String):  # Text is a String
        ok, wanted = isinstance(value, str), "text"
    else:  # pragma: no cover - every column of the schema is one of the above
        ok, wanted = True, ""
    return None if ok else f"holds {_shown(value)}, not {wanted}"


def _well_typed(column: Column[Any]) -> frozenset[type]:
    """The exact Python types a well-formed value of ``column`` is read as (``None`` aside): a
    value of one of them needs no further look (``column_problem`` says the same of it)."""
    kind = column.type
    if isinstance(kind, UtcDateTime):
        return frozenset({datetime})
    if isinstance(kind, Integer):
        return frozenset({int})
    if isinstance(kind, Float):
        return frozenset({int, float})
    if isinstance(kind, String):
        return frozenset({str})
    return frozenset()  # pragma: no cover - every column of the schema is one of the above


_COLUMNS: dict[str, dict[str, tuple[Column[Any], frozenset[type]]]] = {
    table: {column.name: (column, _well_typed(column)) for column in columns.columns}
    for table, columns in Base.metadata.tables.items()
}
"""Each table's columns by name, with the types that pass at a glance. ``patients verify``
checks every column of every row (about a million values in a test run): most values are of
exactly their column's type, so ``column_problem`` is asked only about the others."""


def row_problem(table: str, values: Mapping[Any, Any]) -> tuple[str, str] | None:
    """The first malformed column of a stored row of ``table``: (column, problem), or None.
    ``values`` maps column names to what was read (an ORM row's columns, or a selected row)."""
    columns = _COLUMNS[table]
    for name, value in values.items():
        known = columns.get(name)
        if known is None or type(value) in known[1]:
            continue
        problem = column_problem(known[0], value)
        if problem is not None:
            return name, problem
    return None


def orm_values(row: object, table: str) -> dict[str, Any]:
    """The stored columns of an ORM row, by column name."""
    return {c.name: getattr(row, c.key, None) for c in Base.metadata.tables[table].columns}


def damaged(kind: str, row_id: int | str, table: str, values: Mapping[Any, Any]) -> None:
    """Raise ``DamagedRecordError`` naming the table, row and column if the row is malformed."""
    found = row_problem(table, values)
    if found is not None:
        column, problem = found
        raise DamagedRecordError(
            kind=kind,
            row_id=row_id,
            field=column,
            problem=problem,
            table=f"{table}:{values.get('id', '?')}",
        )
