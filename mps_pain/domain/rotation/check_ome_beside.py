"""The proposal's OME, said beside an amount the verdict measures in another unit.

A check's verdict measures the proposal in the unit its range is in: OME a day, or a patch's
rate (mcg/h), or one drug's own daily amount. The current side is said in OME, so "Current 80
mg/day OME; proposed 25 mcg/h fentanyl" had two units and nothing to compare them by (clinician
review 21, N7). The proposal's regular lines are valued under the same set by the rotation
rules (``ome.set_ome``, how a check totals the lines a dose change proposes) and said beside its
own unit. None where the verdict is itself an OME total, or a line is methadone (valued by a
cohort ratio, never summed: clinician review 14 #5).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.ome import set_ome
from mps_pain.tables.index import TableIndex

__all__ = ["ome_beside"]


def ome_beside(
    tables: TableIndex, result: CheckResult, given: Sequence[DailyItem], prn: str
) -> dict[str, Any]:
    """The result's update: ``proposed_ome_beside``, the OME a day of the proposal's regular
    lines ``given`` (``prn``: its as-needed policy) where the verdict measures another unit."""
    if result.measure == "ome_a_day" or not given:
        return {}
    methadone = rotation_rules(tables).methadone.drug
    if any(item.drug_id == methadone for item in given):
        return {}
    _, ome = set_ome(tables, result.table.id, given, prn)
    return {} if ome.from_methadone else {"proposed_ome_beside": ome.total_mg_per_day}
