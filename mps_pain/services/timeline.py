"""The timeline of one patient, as values the UI draws without computing anything."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError
from mps_pain.persistence.records import ClinicalEvent, StoredPatient
from mps_pain.persistence.row_records import document_sha256, dumps
from mps_pain.persistence.unit_of_work import OmeCache, TimelineRow
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex, TableRef

__all__ = [
    "RELATIVE_DAY_ZERO",
    "OmePoint",
    "Timeline",
    "compute_ome_cache",
    "day_offset",
    "describe_time",
    "is_fresh",
]

RELATIVE_DAY_ZERO = datetime(1970, 1, 1, tzinfo=UTC)


def day_offset(moment: datetime) -> float:
    """Days since day 0 of a relative timeline."""
    return (moment - RELATIVE_DAY_ZERO).total_seconds() / 86400.0


def compute_ome_cache(regimen: RegimenDocument, tables: TableIndex, table_id: str) -> OmeCache:
    """A regimen version's daily OME in ``table_id`` (items the set cannot convert are left out
    and named in ``error``; ``None`` when nothing can be computed), with what it came from."""

    ome: float | None
    error: str | None
    try:
        result = calculate_mme(regimen, tables=tables, table_id=table_id, on_item_error="exclude")
    except MpsPainError as err:
        ome, error = None, str(err)
    else:
        ome = result.total_mme_per_day
        error = "; ".join(e.message for e in result.excluded) or None
    return OmeCache(
        ome_mg_per_day=ome,
        error=error,
        table_id=table_id,
        table_sha256=tables.sha256,
        document_sha256=document_sha256(dumps(regimen.model_dump(mode="json"))),
    )


def is_fresh(row: TimelineRow, table_id: str, table_sha256: str) -> bool:
    """The cached OME may be shown: same set, same table file, same stored document."""
    cache = row.cache
    return (
        cache is not None
        and cache.table_id == table_id
        and cache.table_sha256 == table_sha256
        and cache.document_sha256 == row.document_sha256
    )


def describe_time(moment: datetime, time_basis: str) -> str:
    """'day 14' on a relative timeline, '2026-03-01 08:00 UTC' on a calendar one."""
    if time_basis == "relative-days":
        days = day_offset(moment)
        return f"day {days:g}"
    return moment.strftime("%Y-%m-%d %H:%M UTC")


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OmePoint(_Value):
    """One regimen version: from ``effective_from`` on, the daily OME is ``ome_mg_per_day``
    (``None`` with ``error`` when it cannot be computed; partly computed totals carry a note)."""

    version_id: int
    effective_from: datetime
    reason: str
    ome_mg_per_day: float | None
    error: str | None


class Timeline(_Value):
    patient: StoredPatient
    table: TableRef
    points: list[OmePoint]
    events: list[ClinicalEvent]

    @property
    def time_basis(self) -> str:
        return self.patient.info.time_basis

    def describe(self, moment: datetime) -> str:
        return describe_time(moment, self.time_basis)
