"""The check's use of the rounding policy: why a one-order proposal lies below the range.

The check judges a proposal against the sourced range (below / within / above); rounding never
changes that verdict. When no amount that can be given lies within the range, the planner
proposes the largest one below (``rounding_policy.choose_amount``, with a caution); the check
then says "below" and explains it by the rounding, computed with the same grid (strengths of the
same market, same unit limit).
"""

from __future__ import annotations

import math

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.patch_lower import held_words, hold_lower, lower_patch_reason
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.domain.rotation.rounding import combination, market_for, strengths_for
from mps_pain.domain.rotation.rounding_policy import (
    Grid,
    choose_amount,
    lowest_acceptable,
    rounding_top,
)
from mps_pain.domain.rotation.shaped import target_grid
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import mass_per_day_unit
from mps_pain.units import format_number, scale

__all__ = ["nearer_patch_taken", "one_order", "patch_strength_warnings", "rounding_explains"]


def _per_unit(line: DailyItem, unit: str) -> float | None:
    """How many mg/day one unit (a dose, 1 unit/h of rate, a patch rate) amounts to."""
    item = line.item
    if item.shape == "continuous":
        return scale(unit, "mg/day") if "/" in unit else None
    if item.shape == "scheduled" and item.frequency is not None:
        return scale(unit, "mg") * item.frequency.doses_per_day
    return None


def _scaled(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: CheckRequest,
    proposed: list[DailyItem],
    prn: str,
) -> tuple[Grid, float, float, bool] | None:
    """The single proposed opioid line's grid, its value and mg/day per unit, and whether it is
    a patch (None: not one line the rounding policy could have given). Patches of one drug
    written one line per patch are one order, their sum (the plan's order lines: pharmacist
    re-check 18b, after M1)."""
    lines = [d for d in proposed if d.counts(prn)]
    if not one_order(lines):
        return None
    line = lines[0]
    is_patch = line.item.route == "transdermal"
    continuous = line.item.shape == "continuous"
    target = Target(line.drug, line.item.route, line.form, is_patch, continuous or is_patch)
    form = line.form or ("patch" if is_patch else None)  # a patch item is written by its rate
    strengths = strengths_for(tables, line.drug, form, market_for(request.market, set_))
    if continuous and not is_patch:  # an infusion is rounded by its 24-h amount
        unit = mass_per_day_unit(line.item.rate.unit) if line.item.rate else "mg/day"
        values = None
    else:
        unit = (
            strengths.unit
            if strengths is not None
            else (line.item.dose.unit if line.item.dose is not None else "mg")
        )
        values = strengths.values if strengths is not None else None
    mg_per_unit = _per_unit(line, unit)
    if mg_per_unit is None or mg_per_unit <= 0:
        return None
    grid = target_grid(target, values, rules.rounding)
    total = sum(d.daily_mg_per_day for d in lines)
    return grid, total / mg_per_unit, mg_per_unit, is_patch


def one_order(lines: list[DailyItem]) -> bool:
    """One line, or patches of one drug and form, one line per patch (none by volume)."""
    if not lines or any(d.item.concentration is not None for d in lines):
        return False
    first = lines[0]
    return len(lines) == 1 or all(
        d.worn_together and (d.drug.id, d.form) == (first.drug.id, first.form) for d in lines
    )


def rounding_explains(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: CheckRequest,
    proposed: list[DailyItem],
    prn: str,
    point_mg_per_day: tuple[float, float],
) -> bool:
    """Whether a proposal below the range is the nearest givable amount below it (the policy's
    "below_range": nothing that can be given lies within)."""
    scaled = _scaled(tables, rules, set_, request, proposed, prn)
    if scaled is None:
        return False
    grid, value, mg_per_unit, _ = scaled
    low, high = (v / mg_per_unit for v in point_mg_per_day)
    floor = lowest_acceptable(low, high, grid)
    return grid.stepped and (
        value >= floor * (1 - 1e-6) or math.isclose(floor, value, rel_tol=1e-6)
    )


def nearer_patch_taken(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: CheckRequest,
    proposed: list[DailyItem],
    prn: str,
    point_mg_per_day: tuple[float, float, float],
) -> tuple[bool, str]:
    """Whether a patch above the range is the one the rounding policy gives: no patch lies
    within (low, high) and this one, the next above, is nearer it than the one below and not
    above the equianalgesic amount (``rounding_policy.nearer_above``, the planner's rule;
    pharmacist review 7, D7), unless a rule for this patient holds the planner to the patch
    below (``patch_lower``; review 19, M5): then not taken, and the words saying why."""
    scaled = _scaled(tables, rules, set_, request, proposed, prn)
    if scaled is None or not scaled[3] or not scaled[0].strengths:
        return False, ""
    grid, value, mg_per_unit, _ = scaled
    line = next(d for d in proposed if d.counts(prn))
    lower = lower_patch_reason(tables, rules, request.patient, line.drug)
    low, high, eq = (v / mg_per_unit for v in point_mg_per_day)
    choice = choose_amount(
        high,
        low,
        high,
        grid,
        tolerance=rules.rounding.short_tolerance.fraction,
        ceiling=rounding_top(high, eq, patch=True),
        nearer_cap=eq,
    )
    held = hold_lower(choice, lower)
    if held.held_by and math.isclose(choice.chosen.total, value, rel_tol=1e-6):
        unit = line.item.rate.unit if line.item.rate is not None else "mcg/h"
        return False, held_words(held, unit)
    taken = choice.position == "nearer_above"
    return taken and math.isclose(choice.chosen.total, value, rel_tol=1e-6), ""


def patch_strength_warnings(
    tables: TableIndex, set_: ReferenceSet, request: CheckRequest, proposed: list[DailyItem]
) -> list[ClinicalWarning]:
    """A proposed patch whose rate no combination of marketed strengths gives (the catalogue's
    strengths of that drug's patch for the market, as the planner rounds)."""
    warnings = []
    for line in proposed:
        rate = line.item.rate
        if line.item.route != "transdermal" or rate is None or not line.is_opioid:
            continue
        strengths = strengths_for(
            tables, line.drug, line.form or "patch", market_for(request.market, set_)
        )
        if strengths is None:
            continue
        value = rate.value * scale(rate.unit, strengths.unit)
        made = combination(value, strengths.values)
        if math.isclose(made.total, value, rel_tol=1e-6):
            continue
        listed = ", ".join(format_number(v) for v in strengths.values)
        warnings.append(
            ClinicalWarning(
                code="proposal-not-a-marketed-strength",
                severity="caution",
                message=f"No {line.drug.id} patch or combination of patches gives "
                f"{format_number(value)} {strengths.unit}: the catalogue lists {listed} "
                f"{strengths.unit} ({strengths.market}). Prescribe a strength that exists.",
                source=strengths.source,
            )
        )
    return warnings
