"""Helpers of the patient service: OS user, JSON conversion, validation."""

from __future__ import annotations

import getpass
import os
import sys
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from mps_pain.errors import DocumentFormatError, InputError
from mps_pain.persistence.records import AuditEntry, SavedPlan
from mps_pain.tables.index import TableRef

if TYPE_CHECKING:
    from mps_pain.persistence.unit_of_work import RecordsRepository

__all__ = [
    "FUTURE_TOLERANCE",
    "apply_saved",
    "ensure_new_patient",
    "is_future_dated",
    "jsonable",
    "os_user",
    "table_in",
    "validate_record",
]

# Clocks of two workstations disagree by seconds or minutes; an entry later than this is not
# explained by clock drift (e.g. an imported "approve" dated 2030).
FUTURE_TOLERANCE = timedelta(minutes=5)


def is_future_dated(entry: AuditEntry, now: datetime) -> bool:
    """An audit entry dated after ``now`` (beyond clock drift): it cannot have happened yet."""
    return entry.occurred_at > now + FUTURE_TOLERANCE


def apply_saved(held: list[SavedPlan], plan: SavedPlan) -> bool:
    """True when a record's plans ``held`` include ``plan`` as made (its kind, question and
    answer; not when or by whom it was saved): the Apply of it was saved already."""
    same = (plan.kind, plan.inputs, plan.outputs, plan.table_sha256)
    return any((p.kind, p.inputs, p.outputs, p.table_sha256) == same for p in held)


def ensure_new_patient(repo: RecordsRepository, identifier: str) -> None:
    """Refuse to create a patient whose identifier is taken (nothing is changed)."""
    if repo.find_patient(identifier) is not None:
        raise InputError(
            f"a patient '{identifier}' already exists; nothing was changed",
            location="identifier",
        )


def os_user() -> str:
    """The account the program runs under, from the operating system (not ``$LOGNAME`` or
    ``$USER``, which anyone can set); ``uid N`` when the account has no name (containers)."""
    if sys.platform == "win32":  # pragma: no cover - the Windows account name
        return getpass.getuser()
    # platform seam: pwd exists on POSIX only
    import pwd

    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


def table_in(outputs: Any) -> TableRef | None:
    table = outputs.get("table") if isinstance(outputs, dict) else None
    if isinstance(table, dict) and {"id", "version", "sha256"} <= table.keys():
        return TableRef(id=table["id"], version=table["version"], sha256=table["sha256"])
    return None


Record = TypeVar("Record", bound=BaseModel)


def validate_record(model: type[Record], data: dict[str, Any]) -> Record:
    """A record value from a use case's arguments; ``DocumentFormatError`` names the field."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DocumentFormatError(first["msg"], location=where or None) from None
