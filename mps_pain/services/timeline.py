"""The timeline of one patient, as values the UI draws without computing anything."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from mps_pain.persistence.records import ClinicalEvent, StoredPatient
from mps_pain.tables.index import TableRef

__all__ = ["RELATIVE_DAY_ZERO", "OmePoint", "Timeline", "day_offset", "describe_time"]

RELATIVE_DAY_ZERO = datetime(1970, 1, 1, tzinfo=UTC)


def day_offset(moment: datetime) -> float:
    """Days since day 0 of a relative timeline."""
    return (moment - RELATIVE_DAY_ZERO).total_seconds() / 86400.0


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
