"""The timeline of one patient, as values the UI draws without computing anything.

The OME per regimen version is computed once, when the version is saved, and cached on the row
with the table id and SHA-256 and the stored document's fingerprint; it is recomputed only when
the table file or the stored document changed, or another reference set is asked for.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError, StorageError
from mps_pain.persistence.records import ClinicalEvent, StoredPatient
from mps_pain.persistence.unit_of_work import (
    OmeCache,
    TimelineRow,
    UnitOfWork,
    document_sha256,
    dumps,
)
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
    "patient_timeline",
    "shown_ome",
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


def shown_ome(cache: OmeCache | None) -> float | None:
    """The OME a version may be shown with: ``None`` ("not computable") when nothing of it was
    counted. A database written before import checked regimens (fuzz review 7, 1) holds caches
    of 0.0 with an error (every item refused): that is no total, never an OME of 0."""
    if cache is None or (cache.error and not cache.ome_mg_per_day):
        return None
    return cache.ome_mg_per_day


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


def patient_timeline(
    records: UnitOfWork, tables: TableIndex, identifier: str, *, table_id: str, cached_set: str
) -> Timeline:
    """Daily OME per regimen version (a step function) and the events, oldest first. A
    cached OME is used only if it was computed from this table file and from the document
    as it is stored now; otherwise it is recomputed (and stored when ``table_id`` is the
    ``cached_set``)."""
    with records.reading() as repo:
        patient = repo.get_patient(identifier)
        rows = repo.timeline_rows(identifier)
        events = repo.timeline_events(identifier)
    stale = [r for r in rows if not is_fresh(r, table_id, tables.sha256)]
    fresh = (
        _refresh_ome(records, tables, stale, table_id, store=table_id == cached_set)
        if stale
        else {}
    )
    points = []
    for r in rows:
        cache = fresh.get(r.id, r.cache)
        points.append(
            OmePoint.model_construct(
                version_id=r.id,
                effective_from=r.effective_from,
                reason=r.reason,
                ome_mg_per_day=shown_ome(cache),
                error=cache.error if cache else None,
            )
        )
    return Timeline(patient=patient, table=tables.ref(table_id), points=points, events=events)


def _refresh_ome(
    records: UnitOfWork, tables: TableIndex, stale: list[TimelineRow], table_id: str, *, store: bool
) -> dict[int, OmeCache]:
    """Recompute OMEs whose cache is for another table or another document; ``store`` them for
    the cached set (the cache is derived data: no audit, no version bump). The document hash is
    of the stored text, so an edit made outside the program is seen."""
    with records.reading() as repo:
        documents = repo.regimen_documents([r.id for r in stale])
    stored = {r.id: r.document_sha256 for r in stale}
    out = {
        vid: compute_ome_cache(doc, tables, table_id).model_copy(
            update={"document_sha256": stored[vid]}
        )
        for vid, doc in documents.items()
    }
    if store:
        try:
            with records.writing() as repo:
                repo.store_ome_cache(out)
        except StorageError:
            pass  # derived data: a read-only or busy database still shows the timeline
    return out
