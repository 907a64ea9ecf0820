"""What every plan shares, written once: the header of a ``RotationPlan`` and steps 6–8's lines.

The header is the current regimen's OME (total, range, lines), the as-needed policy, the table,
the equianalgesic range and the new regimen with its detail: a standard switch and a switch to
methadone fill it the same way (``plan_header``). The closing lines of the explanation
(6 breakthrough, 7 schedule, 8 monitoring) have one wording whichever planner made them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypedDict

from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.results import MmeLine
from mps_pain.domain.rotation.models import (
    DoseRange,
    PlannedRegimen,
    RegimenDetail,
    ScheduleEntry,
)
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.tables.index import TableIndex, TableRef
from mps_pain.tables.schema import ReferenceSet
from mps_pain.units import tidy

__all__ = [
    "PlanHeader",
    "breakthrough_line",
    "monitoring_line",
    "plan_header",
    "schedule_lines",
]


class EquianalgesicRange(Protocol):
    """The equianalgesic amount before any reduction, with its range, in ``unit``."""

    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...


class PlanHeader(TypedDict):
    """The ``RotationPlan`` fields that every planner fills the same way."""

    ome_per_day: float
    ome_low: float
    ome_high: float
    prn: PrnPolicy
    prn_stated: bool
    table: TableRef
    table_name: str
    ome_label: str
    current: list[MmeLine]
    equianalgesic_daily_dose: DoseRange
    regimen: PlannedRegimen
    regimen_detail: RegimenDetail


def plan_header(
    tables: TableIndex,
    set_: ReferenceSet,
    ome: CurrentOme,
    prn: PrnPolicy,
    prn_stated: bool,
    equianalgesic: EquianalgesicRange,
    regimen: PlannedRegimen,
) -> PlanHeader:
    eq = equianalgesic
    return PlanHeader(
        ome_per_day=ome.total_mg_per_day,
        ome_low=ome.low_mg_per_day,
        ome_high=ome.high_mg_per_day,
        prn=prn,
        prn_stated=prn_stated,
        table=tables.ref(set_.id),
        table_name=set_.name,
        ome_label=set_.output_label,
        current=ome.lines,
        equianalgesic_daily_dose=DoseRange(
            value=tidy(eq.value), unit=eq.unit, low=tidy(eq.low), high=tidy(eq.high)
        ),
        regimen=regimen,
        regimen_detail=regimen.detail,
    )


def breakthrough_line(text: str) -> str:
    """Step 6 of the explanation: the breakthrough dose (or why none) as ``text`` says it."""
    return f"6. Breakthrough: {text}"


def schedule_lines(entries: Sequence[ScheduleEntry]) -> list[str]:
    """Step 7 of the explanation: a heading, then every schedule entry on its own line, when and
    what (review 7 #7: one run-on paragraph joined with " | " in the PDF)."""
    return ["7. Schedule:", *(f"{e.when}: {e.action}" for e in entries)]


def monitoring_line(monitoring: Sequence[str]) -> str:
    """Step 8 of the explanation: the monitoring advice, each sentence with its citation."""
    return "8. Monitoring: " + " ".join(monitoring)
