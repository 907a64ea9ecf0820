"""The one rule for the factor a parenteral target divides by (pharmacist review 6, R1).

A set whose parenteral row disagrees with its own oral row times its own route ratio (uk-palliative
SC/IV oxycodone: the BNF row against the oral row and the UK charts' oral:SC ratio) would
give a different-opioid switch straight to the parenteral route more than the two-step path (the
oral equivalent, then the route ratio the planner itself uses for that change). Converting *to*
such a route therefore divides by the larger of the row's factor and ``oral factor × route
ratio``: the direct switch never exceeds the two-step path. Converting *from* it keeps the row's
factor (the lower OME). Planner, check and breakthrough alternatives all call this one function.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.results import MmeLine
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.route_ratios import conversion
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number, tidy

__all__ = ["TargetFactor", "as_target_ome", "target_factor"]

_REL = 1e-9


@dataclass(frozen=True)
class TargetFactor:
    factor: float
    #: why it is not the row's own factor (None when it is)
    reason: str | None


def target_factor(
    tables: TableIndex,
    set_id: str,
    drug_id: str,
    route: str,
    row_factor: float,
    ome: float,
) -> TargetFactor:
    """The factor a target ``drug_id`` by ``route`` divides the OME by under ``set_id``."""
    if route == "oral" or tables.tables.rotation is None:
        return TargetFactor(row_factor, None)
    try:
        oral = tables.find_factor(set_id, drug_id, "oral", None, ome, location=None)
    except NoConversionFactorError:
        return TargetFactor(row_factor, None)
    if oral.factor.per != "mg/day":
        return TargetFactor(row_factor, None)
    path = conversion(rotation_rules(tables), (drug_id, "oral"), (drug_id, route))
    if path is None or path.kind != "route":
        return TargetFactor(row_factor, None)
    ratio = path.used(set_id)
    two_step = oral.factor.factor * ratio
    if two_step <= row_factor * (1 + _REL):
        return TargetFactor(row_factor, None)
    reason = (
        f"{format_number(two_step, 3)} = oral {drug_id} {format_number(oral.factor.factor)} "
        f"[{tables.cite(oral.factor.citation)}] × oral:{route} {format_number(ratio, 3)}:1 "
        f"({path.text(tables, set_id)}), not the row's {format_number(row_factor)}: a switch "
        "straight to this route never gives more than the oral equivalent then the same set's "
        "route ratio"
    )
    return TargetFactor(two_step, reason)


def as_target_ome(
    tables: TableIndex, set_id: str, lines: Sequence[MmeLine], total: float
) -> tuple[float, list[str]]:
    """A proposed regimen's OME, each line read by the factor the planner divides by when that
    line is the target (``target_factor``): the check judges a proposal by the planner's rule."""
    ome = 0.0
    reasons: list[str] = []
    for line in lines:
        if not line.counted or line.mme_per_day is None:
            continue
        mme = line.mme_per_day
        if line.factor:
            used = target_factor(tables, set_id, line.drug, line.route, line.factor, total)
            if used.reason is not None:
                mme = mme * used.factor / line.factor
                reasons.append(
                    f"Proposed {line.drug} {line.route} read as a target, factor {used.reason}: "
                    f"{format_number(mme)} mg/day OME."
                )
        ome += mme
    return tidy(ome), reasons
