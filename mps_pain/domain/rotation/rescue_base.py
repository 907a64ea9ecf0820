"""The one value of a proposal's regular lines, for its total and for its rescues' base
(clinician review 17, #1).

The check values a proposal's total with ``as_target_ome``: a line new in the proposal is read as
the planner reads its target (uk-palliative SC oxycodone by the oral factor times the set's own
oral:SC ratio), a line of a drug by a route the current regimen holds at the row's factor (one
line, one value on both sides). The rescue base read the same lines at the rows' factors, so a
proposal's total was 60 mg/day OME while its rescue's base was 40: oral oxycodone
5 mg beside SC oxycodone 20 mg/day was "outside 1/6", summed with its count, and its verdict
turned on a guessed count (4 doses: DANGER; 2: WITHIN). Here both are one function:
``proposal_ome`` values the regular lines exactly as the total does, and ``ome_per_mg`` values
one mg of the rescue as a regular line of its drug by its route would be valued in that total,
so a rescue beside its own drug's line alone has that line's own mg a day as its base, the
planner's base for its target's rescue.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import MmeLine
from mps_pain.domain.rotation.ome import CurrentOme, current_ome
from mps_pain.domain.rotation.target_factor import as_target_ome
from mps_pain.errors import MpsPainError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["current_read", "kept_pairs", "ome_per_mg", "proposal_ome"]


def kept_pairs(lines: Sequence[MmeLine], own: Collection[int] = ()) -> frozenset[tuple[str, str]]:
    """The (drug, route) pairs of the current regimen's counted lines (but ``own``, lines the
    switch converts by a cited ratio): a proposed line of one of them is read at its row."""
    return frozenset((x.drug, x.route) for x in lines if x.counted and x.index not in own)


def proposal_ome(
    tables: TableIndex,
    set_: ReferenceSet,
    rules: RotationRules,
    lines: Sequence[DailyItem],
    current: CurrentOme,
) -> float | None:
    """``lines`` (a proposal's regular lines) in OME a day as the check's total values them
    (``as_target_ome`` beside ``current``), or None when the set cannot value one or it is 0."""
    try:
        after = current_ome(tables, set_, rules, lines, "include", prefix="proposed")
        total, _, _ = as_target_ome(
            tables, set_.id, after.lines, current.total_mg_per_day, kept_pairs(current.lines)
        )
    except MpsPainError:
        return None
    return total if total > 0 else None


def ome_per_mg(
    tables: TableIndex,
    set_: ReferenceSet,
    rules: RotationRules,
    rescue: DailyItem,
    current: CurrentOme,
) -> float | None:
    """The OME of one mg of ``rescue``'s drug by its route, valued as ``proposal_ome`` values a
    line of that drug by that route; None when it is not valued."""
    dose_mg = rescue.item.dose_mg()
    if not dose_mg:
        return None
    one = replace(rescue, item=rescue.item.model_copy(update={"doses_per_day": 1.0}))
    ome = proposal_ome(tables, set_, rules, [replace(one, daily_mg_per_day=dose_mg)], current)
    return ome / dose_mg if ome else None


def current_read(
    tables: TableIndex,
    set_: ReferenceSet,
    rules: RotationRules,
    current: Sequence[DailyItem],
    prn: str | None,
) -> CurrentOme | None:
    """The current regimen's OME as the check reads it (``prn``: its as-needed choice), the
    other side ``proposal_ome`` reads a proposal beside; None when the set cannot value it."""
    try:
        return current_ome(tables, set_, rules, current, prn)  # type: ignore[arg-type]
    except MpsPainError:
        return None
