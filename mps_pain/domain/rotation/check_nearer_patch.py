"""A patch above the check's range that the planner's own rounding gives (pharmacist review 7,
D7): no patch lies within the range, this one is nearer it than the one below, and it is not
above the equianalgesic amount, so it reads within, said why (moved out of ``check``)."""

from __future__ import annotations

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.check_band import Expectation
from mps_pain.domain.rotation.check_tolerance import nearer_patch_taken
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.domain.rotation.rounding_notes import NEARER_PATCH_RULE
from mps_pain.numbers import format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["nearer_patch_within"]


def nearer_patch_within(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: CheckRequest,
    proposed: list[DailyItem],
    prn: str,
    exp: Expectation,
    reasons: list[str],
) -> bool:
    """A patch above the range that the planner's rounding gives (no patch within, this one
    nearer than the one below, not above the equianalgesic amount): within, said why
    (pharmacist review 7, D7)."""
    if exp.point_mg_per_day is None or exp.equianalgesic_mg_per_day is None:
        return False
    point = (*exp.point_mg_per_day, exp.equianalgesic_mg_per_day)
    taken, held = nearer_patch_taken(tables, rules, set_, request, proposed, prn, point)
    if not taken:
        reasons += [held.strip()] if held else []  # the planner's patch below (review 19, M5)
        return False
    rule = rules.rounding.nearer_patch
    reasons.append(
        f"Above the range by {format_percent(exp.value / exp.high - 1)}: no patch lies within "
        f"it, and this one is nearer it {NEARER_PATCH_RULE} (the planner's rounding rule) "
        f"[{tables.cite(rule.citation)}]."
    )
    return True
