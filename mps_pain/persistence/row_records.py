"""Row ⇄ record conversion for the SQL repository (no queries here)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import Row

from mps_pain.domain.regimen import Patient, RegimenDocument
from mps_pain.errors import DamagedRecordError
from mps_pain.persistence.audit_chain import AuditLink
from mps_pain.persistence.models import (
    AuditRow,
    Base,
    ClinicalEventRow,
    PatientRow,
    RegimenVersionRow,
    SavedPlanRow,
)
from mps_pain.persistence.records import (
    STORED,
    AuditEntry,
    ClinicalEvent,
    PatientInfo,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
)
from mps_pain.persistence.stored_values import damaged, orm_values, row_problem
from mps_pain.persistence.unit_of_work import (
    OmeCache,
    TimelineRow,
    document_sha256,
    dumps,
    ome_cache_seal,
)

__all__ = [
    "apply_info",
    "audit_entry",
    "audit_link",
    "checked",
    "clinical_event",
    "patient_info",
    "regimen_version",
    "saved_plan",
    "set_cache",
    "stored_patient",
    "timeline_row",
]


_NOTHING = ("patient_identifier", "source", "before_json", "after_json", "prev_hash", "row_hash")
T = TypeVar("T")
R = TypeVar("R", bound=BaseModel)


@contextmanager
def _reading(kind: str, row_id: int | str) -> Iterator[None]:
    """A stored row that no longer validates: one DamagedRecordError naming the row and field."""
    try:
        yield
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        field = ".".join(str(p) for p in first["loc"]) or _named_field(first["msg"])
        raise DamagedRecordError(
            kind=kind, row_id=row_id, field=field, problem=" ".join(first["msg"].split())[:200]
        ) from None
    except (ValueError, TypeError) as err:  # e.g. stored JSON that no longer parses
        raise DamagedRecordError(
            kind=kind, row_id=row_id, field="(content)", problem=" ".join(str(err).split())[:200]
        ) from None


def _named_field(message: str) -> str:
    """A rule across fields has no location: the first field its message quotes, if any."""
    quoted = re.findall(r"'([a-z_]+)'", message)
    return quoted[0] if quoted else "(row)"


def checked(kind: str, row_id: int | str, build: Callable[[], T]) -> T:
    """``build()`` a record from a stored row; DamagedRecordError if the row no longer validates."""
    with _reading(kind, row_id):
        return build()


def audit_link(row: AuditRow | Row[Any], row_id: int) -> AuditLink:
    """The row as the chain sees it; a malformed row is a link that names its damage (the chain
    breaks there: ``audit_chain.first_break``)."""
    values = row._mapping if isinstance(row, Row) else orm_values(row, "audit_log")
    found = row_problem("audit_log", values)
    if found is not None:
        column, problem = found
        return AuditLink(
            id=row_id,
            occurred_at=datetime.min.replace(tzinfo=UTC),
            **dict.fromkeys(("os_user", "app_version", "action", "entity", "entity_key"), ""),
            origin="",
            **dict.fromkeys(_NOTHING, None),
            damage=f"{column} {problem}",
        )
    return AuditLink(
        id=row_id,
        occurred_at=row.occurred_at,
        os_user=row.os_user,
        app_version=row.app_version,
        action=row.action,
        entity=row.entity,
        entity_key=row.entity_key,
        patient_identifier=row.patient_identifier,
        origin=row.origin,
        source=row.source,
        before_json=row.before_json,
        after_json=row.after_json,
        prev_hash=row.prev_hash,
        row_hash=row.row_hash,
        content_json=row.content_json,
    )


def set_cache(row: RegimenVersionRow, cache: OmeCache) -> None:
    row.ome_mg_per_day = cache.ome_mg_per_day
    row.ome_error = cache.error
    row.ome_table_id = cache.table_id
    row.ome_table_sha256 = cache.table_sha256
    row.ome_document_sha256 = cache.document_sha256
    row.ome_seal = ome_cache_seal(cache)


def timeline_row(r: Any) -> TimelineRow:
    damaged("regimen version", r.id, "regimen_versions", r._mapping)
    cache = None
    if r.ome_table_id and r.ome_table_sha256 and r.ome_document_sha256:
        cache = OmeCache.model_construct(
            ome_mg_per_day=r.ome_mg_per_day,
            error=r.ome_error,
            table_id=r.ome_table_id,
            table_sha256=r.ome_table_sha256,
            document_sha256=r.ome_document_sha256,
        )
        if r.ome_seal != ome_cache_seal(cache):  # edited outside the program: recompute it
            cache = None
    return TimelineRow.model_construct(
        id=r.id,
        effective_from=r.effective_from,
        reason=r.reason,
        document_sha256=document_sha256(r.document_json),
        cache=cache,
    )


def apply_info(row: PatientRow, info: PatientInfo) -> None:
    row.identifier = info.identifier
    row.display_name = info.display_name
    row.sex = info.sex
    row.birth_year = info.birth_year
    row.context_json = dumps(info.context.model_dump(mode="json"))
    row.note = info.note
    row.time_basis = info.time_basis


def _record(
    model: type[R],
    kind: str,
    row_id: int | str,
    row: Base,
    converted: Callable[[], dict[str, Any]] = dict,
) -> R:
    """A stored row as a record value: each field is the row's column of the same name, apart
    from the ``converted`` ones (JSON columns, documents), which are read inside the check, so a
    row that no longer parses or validates is one DamagedRecordError naming it. Every column is
    checked against the schema first (``stored_values``): pydantic would read a time stored as
    the number 5 as 5 seconds after 1970."""
    table = str(row.__tablename__)
    damaged(kind, row_id, table, orm_values(row, table))

    def build() -> R:
        values = converted()
        for name in model.model_fields:
            if name not in values:
                values[name] = getattr(row, name)
        return model.model_validate(values, context=STORED)

    return checked(kind, row_id, build)


def _json_or_none(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _patient_key(row: PatientRow) -> str:
    """How a patient row is named: its identifier, or its row if the identifier is malformed."""
    return row.identifier if isinstance(row.identifier, str) else f"(row {row.id})"


def patient_info(row: PatientRow) -> PatientInfo:
    return _record(
        PatientInfo,
        "patient",
        _patient_key(row),
        row,
        lambda: {"context": Patient.model_validate_json(row.context_json)},
    )


def stored_patient(row: PatientRow) -> StoredPatient:
    return _record(
        StoredPatient, "patient", _patient_key(row), row, lambda: {"info": patient_info(row)}
    )


def regimen_version(row: RegimenVersionRow) -> RegimenVersion:
    return _record(
        RegimenVersion,
        "regimen version",
        row.id,
        row,
        lambda: {"regimen": RegimenDocument.model_validate_json(row.document_json, context=STORED)},
    )


def clinical_event(row: ClinicalEventRow) -> ClinicalEvent:
    return _record(ClinicalEvent, "clinical event", row.id, row)


def saved_plan(row: SavedPlanRow) -> SavedPlan:
    return _record(
        SavedPlan,
        "saved plan",
        row.id,
        row,
        lambda: {"inputs": json.loads(row.inputs_json), "outputs": json.loads(row.outputs_json)},
    )


def audit_entry(row: AuditRow) -> AuditEntry:
    return _record(
        AuditEntry,
        "audit row",
        row.id,
        row,
        lambda: {"before": _json_or_none(row.before_json), "after": _json_or_none(row.after_json)},
    )
