"""Helpers of the patient service: OS user, JSON conversion, validation, OME cache writes."""

from __future__ import annotations

import getpass
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import update
from sqlalchemy.orm import Session

from mps_pain.errors import DocumentFormatError
from mps_pain.persistence.models import RegimenVersionRow
from mps_pain.tables.index import TableRef

__all__ = ["jsonable", "os_user", "store_ome_cache", "table_in", "validate_record"]


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


def store_ome_cache(
    session: Session, values: dict[int, tuple[float | None, str | None]], table_id: str, sha: str
) -> None:
    for version_id, (ome, error) in values.items():
        session.execute(
            update(RegimenVersionRow)
            .where(RegimenVersionRow.id == version_id)
            .values(
                ome_mg_per_day=ome, ome_error=error, ome_table_id=table_id, ome_table_sha256=sha
            )
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
