"""The triggers, views and (PostgreSQL) rules on the records tables that the migrations did not
make: what ``patients verify`` names beside the append-only protections (fuzz review 18d, D1).

Before, verify compared the migrations' own triggers only, and said the protections "are in
place" beside ``CREATE TRIGGER zz_drop_new_versions BEFORE INSERT ON regimen_versions BEGIN
SELECT RAISE(IGNORE); END``, which dropped every new regimen version. The migrations make no
view and no rule, and no trigger but ``protections.PROTECTIONS``; so any other one that is on a
records table (``stored_values.RECORD_TABLES``), or whose text names one (a trigger elsewhere
that writes into the audit trail, a view that reads it), is named. A trigger that only touches
the practice tables is not: verify does not vouch for them (docs/records.md).

- SQLite: ``sqlite_master`` (its ``tbl_name`` and the SQL as written).
- PostgreSQL, in the current schema: ``pg_trigger`` with the body of the function it calls,
  ``pg_rules`` (``DO INSTEAD NOTHING`` is PostgreSQL's silent drop) and ``pg_views``.
"""

from __future__ import annotations

import re

from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from mps_pain.persistence.protections import PG_SCHEMA_TRIGGERS, PROTECTIONS
from mps_pain.persistence.stored_values import RECORD_TABLES
from mps_pain.persistence.unit_of_work import ForeignObject

__all__ = ["foreign_objects"]


_FOUND = {
    "sqlite": "SELECT type, name, tbl_name, sql FROM sqlite_master "
    "WHERE type IN ('trigger', 'view') ORDER BY name",
    "postgresql": f"SELECT 'trigger', t.tgname, c.relname, p.prosrc {PG_SCHEMA_TRIGGERS} "
    "UNION ALL SELECT 'rule', rulename, tablename, definition FROM pg_rules "
    "WHERE schemaname = current_schema() "
    "UNION ALL SELECT 'view', viewname, viewname, definition FROM pg_views "
    "WHERE schemaname = current_schema() ORDER BY 2",
}

_NAMED = re.compile(r"\b(" + "|".join(RECORD_TABLES) + r")\b", re.IGNORECASE)


def _concerned(table: str, text: str) -> str | None:
    """The records table an object is on, else the first one its text names, else None."""
    if table in RECORD_TABLES:
        return table
    named = _NAMED.search(text)
    return named.group(1).lower() if named else None


def foreign_objects(session: Session) -> list[ForeignObject]:
    """Every trigger, view and rule on (or naming) a records table, not made by the
    migrations. A protection's own name is the migrations' (a changed definition under it is
    ``missing_protections``'s to name)."""
    dialect = session.get_bind().dialect.name
    made = PROTECTIONS[dialect]
    found = []
    for kind, name, table, text in session.execute(sql_text(_FOUND[dialect])):
        if kind == "trigger" and name in made:
            continue
        concerned = _concerned(str(table), str(text or ""))
        if concerned is not None:
            found.append(ForeignObject(kind=kind, name=str(name), table=concerned))
    return found
