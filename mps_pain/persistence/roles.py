"""PostgreSQL: the two-role set-up (``mps-pain db grant ROLE``).

The **owner** role creates the schema and runs the migrations (it owns the tables, so it can
always alter them: keep its password off the workstations). The **application** role, which every
workstation connects as, gets only what the program does:

| table | privileges |
|---|---|
| ``patients`` | SELECT, INSERT, UPDATE (the patient's own fields; the version lock) |
| ``regimen_versions`` | SELECT, INSERT, and UPDATE of the OME cache columns only |
| ``clinical_events``, ``saved_plans`` | SELECT, INSERT |
| ``audit_log`` | SELECT, INSERT: no UPDATE, DELETE or TRUNCATE |
| ``learners``, ``practice_attempts`` | SELECT, INSERT (practice progress, issue #9) |
| ``learners``, ``practice_attempts`` | SELECT, INSERT (practice progress, migration 0004) |
| ``alembic_version`` | SELECT (to check the schema version; upgrades are the owner's) |

Not owning the tables, it cannot ``ALTER`` them, drop or disable their triggers.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from mps_pain.errors import InputError, StorageError
from mps_pain.persistence.database import Database

__all__ = ["OME_CACHE_COLUMNS", "grant_application_role"]

OME_CACHE_COLUMNS = (
    "ome_mg_per_day",
    "ome_table_id",
    "ome_table_sha256",
    "ome_error",
    "ome_document_sha256",
    "ome_seal",
)
_TABLES = (
    "patients",
    "regimen_versions",
    "clinical_events",
    "saved_plans",
    "audit_log",
    "learners",
    "practice_attempts",
)
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _statements(schema: str, role: str) -> list[str]:
    s, r = f'"{schema}"', f'"{role}"'
    tables = ", ".join(f"{s}.{t}" for t in _TABLES)
    return [
        f"REVOKE ALL ON {tables}, {s}.alembic_version FROM {r}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE ON {s}.patients TO {r}",
        f"GRANT SELECT, INSERT ON {s}.regimen_versions, {s}.clinical_events, "
        f"{s}.saved_plans, {s}.audit_log, {s}.learners, {s}.practice_attempts TO {r}",
        f"GRANT UPDATE ({', '.join(OME_CACHE_COLUMNS)}) ON {s}.regimen_versions TO {r}",
        f"GRANT SELECT ON {s}.alembic_version TO {r}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
    ]


def grant_application_role(database: Database, role: str) -> str:
    """Give ``role`` the application's privileges on the records schema (run as the owner);
    returns the schema's name."""
    if database.is_sqlite:
        raise StorageError(
            "db grant sets up PostgreSQL roles; an SQLite file is protected by its file mode"
        )
    if not _ROLE.match(role):
        raise InputError(
            f"'{role}' is not a plain PostgreSQL role name (lower-case letters, digits, _)",
            location="ROLE",
        )
    with database.writing() as session:
        exists = session.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
        ).first()
        if exists is None:
            raise InputError(
                f"there is no PostgreSQL role '{role}'; create it first", location="ROLE"
            )
        schema = str(session.execute(text("SELECT current_schema()")).scalar_one())
        for statement in _statements(schema, role):
            session.execute(text(statement))
    return schema
