"""Helpers of the patient service: OS user, JSON conversion, validation, the verify result."""

from __future__ import annotations

import getpass
import os
import sys
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from mps_pain.errors import DocumentFormatError
from mps_pain.persistence.audit_chain import AuditBreak
from mps_pain.persistence.content_hash import ContentMismatch
from mps_pain.persistence.records import AuditEntry
from mps_pain.persistence.unit_of_work import AlteredVersion
from mps_pain.tables.index import TableRef

__all__ = [
    "FUTURE_TOLERANCE",
    "AuditVerification",
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


class AuditVerification(BaseModel):
    """What ``patients verify`` found: rows checked, the first broken link, altered regimens."""

    model_config = ConfigDict(frozen=True)

    rows_checked: int
    first_break: AuditBreak | None
    altered: list[AlteredVersion]
    content: list[ContentMismatch] = []  # stored rows that differ from what the chain recorded
    head_hash: str | None = None  # the newest row's hash: record it elsewhere (docs/records.md)
    expected_head_problem: str | None = None  # --expect-head: the recorded head is not in the chain

    @property
    def intact(self) -> bool:
        return (
            self.first_break is None
            and not self.altered
            and not self.content
            and self.expected_head_problem is None
        )


def jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


def table_in(outputs: Any) -> TableRef | None:
    table = outputs.get("table") if isinstance(outputs, dict) else None
    if isinstance(table, dict) and {"id", "version", "sha256"} <= table.keys():
        return TableRef(id=table["id"], version=table["version"], sha256=table["sha256"])
    return None


def validate_record(model: type[Any], data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DocumentFormatError(first["msg"], location=where or None) from None
