"""The append-only triggers each database's migrations create (0001, 0003), by name, with the
whole definition they are created with, normalised: what ``patients verify`` compares the
database's own triggers with.

Before fuzz review 18 (D3) verify checked the names only, so a trigger recreated under its own
name with ``WHEN 0``, on another table, ``AFTER`` instead of ``BEFORE`` or doing nothing was
reported "in place". A test holds these definitions equal to what a fresh migration makes
(``tests/persistence/test_verify_checks_trigger_definitions.py``), on SQLite and PostgreSQL.

- SQLite keeps a trigger's SQL as it was written (``sqlite_master.sql``).
- PostgreSQL gives its own form of the trigger (``pg_get_triggerdef``: the events in its order,
  the table qualified by its schema), which must also fire (enabled, not only as a replica),
  followed by the language and the body of the function it calls: a function that no longer
  raises protects nothing.
"""

from __future__ import annotations

import re

__all__ = ["PG_SCHEMA_TRIGGERS", "PRESENT_TRIGGERS", "PROTECTIONS", "normalised"]

_NO_CHANGE = "the audit trail is append-only"
_FROZEN = "a regimen version is never changed; record a new version"
_CONTENT = (
    "patient_id, effective_from, reason, document_json, created_at, created_by, document_sha256"
)
#: one start for both databases: the columns a regimen version never changes
_FROZEN_ON = (
    f"CREATE TRIGGER regimen_versions_frozen BEFORE UPDATE OF {_CONTENT} ON regimen_versions "
)
_RAISE = "BEGIN SELECT RAISE(ABORT, '{}'); END"
_PLPGSQL = " LANGUAGE plpgsql AS BEGIN RAISE EXCEPTION '{}'; END"

PROTECTIONS: dict[str, dict[str, str]] = {
    "sqlite": {
        "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        + _RAISE.format(_NO_CHANGE),
        "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        + _RAISE.format(_NO_CHANGE),
        "audit_log_no_replace": "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON "
        "audit_log WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) "
        + _RAISE.format(_NO_CHANGE),
        "regimen_versions_frozen": _FROZEN_ON + _RAISE.format(_FROZEN),
        "regimen_versions_no_delete": "CREATE TRIGGER regimen_versions_no_delete BEFORE DELETE "
        "ON regimen_versions " + _RAISE.format(_FROZEN),
    },
    "postgresql": {
        "audit_log_append_only": "CREATE TRIGGER audit_log_append_only BEFORE DELETE OR UPDATE "
        "ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()"
        + _PLPGSQL.format(_NO_CHANGE),
        "audit_log_no_truncate": "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "
        "audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()"
        + _PLPGSQL.format(_NO_CHANGE),
        "regimen_versions_frozen": _FROZEN_ON
        + "FOR EACH ROW EXECUTE FUNCTION regimen_versions_refuse_change()"
        + _PLPGSQL.format(_FROZEN),
        "regimen_versions_no_delete": "CREATE TRIGGER regimen_versions_no_delete BEFORE DELETE "
        "OR TRUNCATE ON regimen_versions FOR EACH STATEMENT EXECUTE FUNCTION "
        "regimen_versions_refuse_change()" + _PLPGSQL.format(_FROZEN),
    },
}

#: the triggers of the current schema's tables (``t``), their table (``c``), the function each
#: calls (``p``) and its language (``l``); what ``foreign_objects`` reads too
PG_SCHEMA_TRIGGERS = (
    "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_language l ON l.oid = p.prolang "
    "WHERE c.relnamespace = to_regnamespace(current_schema()) AND NOT t.tgisinternal"
)

#: each trigger of the current schema with its definition (as ``PROTECTIONS`` words it); on
#: PostgreSQL only the triggers that fire in a normal session (enabled ``O``rigin or ``A``lways)
PRESENT_TRIGGERS = {
    "sqlite": "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'",
    "postgresql": "SELECT t.tgname, pg_get_triggerdef(t.oid) || ' LANGUAGE ' || l.lanname || "
    f"' AS ' || p.prosrc {PG_SCHEMA_TRIGGERS} AND t.tgenabled IN ('O', 'A')",
}


def normalised(definition: str, schema: str | None = None) -> str:
    """One spelling of a definition: white space collapsed (none beside brackets, commas and
    semicolons), case folded, on PostgreSQL the table's ``schema.`` qualification dropped, and
    the text of a quoted message emptied: the words a trigger refuses with are not its
    protection (a trigger put back with another message refuses as the migration's did), while
    its event, timing, table, columns, condition and action are."""
    text = re.sub(r"'(?:[^']|'')*'", "''", " ".join(definition.split()))
    text = re.sub(r"\s*([(),;])\s*", r"\1", text).casefold()
    if schema:
        text = text.replace(f" on {schema.casefold()}.", " on ").replace(
            f' on "{schema.casefold()}".', " on "
        )
    return text
