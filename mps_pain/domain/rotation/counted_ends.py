"""A plan says where its own valuation and a total's count of the same line differ (clinician
review 21, N2).

A switch TO a parenteral row is sized at the factor's end giving less of the new opioid
(``target_factor``); a total reads the same line at the set's cited point (``factor_end``,
"from"). After Apply, uk-palliative SC oxycodone 40 mg/24 h, valued by its plan at × 3 (120
OME/day, "effective reduction 15.8%" from 142.5), was counted at × 2 (80) on the Regimen tab, the
PDF and the records, and the next switch started from 80: two switches took a conservative end
twice (142.5 → 60 OME/day). Each end is cited and stays (docs/rotation.md, "Factor ranges");
what changes is that the plan says both figures:

- ``new_regimen_ome``: the plan's order lines (``order_lines``, what Apply writes) counted as a
  total counts them (``line_for``) and valued as the check values a proposal
  (``as_target_ome``), kept on the plan where the two differ;
- ``current_end_notes``: a current line a switch FROM reads at the set's point where a switch TO
  it is sized at another factor (``route_factor``'s note), an info line with the other figure and
  the current total at it, so a second switch in a row is seen to take a conservative end again.
"""

from __future__ import annotations

from mps_pain.domain.mme import band_bases, line_for, resolve_regimen
from mps_pain.domain.results import ClinicalWarning, MmeLine, ValuedAndCounted, sort_warnings
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.order_lines import order_lines, with_own_row_flags
from mps_pain.domain.rotation.target_factor import as_target_ome, route_factor, target_factor
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number, format_number_span, tidy

__all__ = ["CURRENT_AT_POINT", "current_end_notes", "finished_plan", "new_regimen_ome"]

#: the info line on a current line read at the set's point where a switch to it is not
CURRENT_AT_POINT = "current-counted-at-point"


def finished_plan(tables: TableIndex, plan: RotationPlan) -> RotationPlan:
    """The plan with its own lines' flags (``with_own_row_flags``), its new regimen valued and
    counted where the two differ, and the notes on its current lines read at the set's point."""
    plan = with_own_row_flags(tables, plan)
    valued = new_regimen_ome(tables, plan)
    notes = current_end_notes(tables, plan)
    if valued is None and not notes:
        return plan
    warnings = sort_warnings([*plan.warnings, *notes])
    return plan.model_copy(update={"new_regimen_ome": valued, "warnings": warnings})


def _kept(plan: RotationPlan) -> frozenset[tuple[str, str]]:
    return frozenset((line.drug, line.route) for line in plan.current if line.counted)


def new_regimen_ome(tables: TableIndex, plan: RotationPlan) -> ValuedAndCounted | None:
    """The plan's order lines counted at the set's point beside the plan's own valuation (its
    current total less its effective reduction), or None where they agree (within half a
    percentage point of the current total) or there is no dose to count."""
    cut = plan.effective_reduction
    cut = plan.reduction if cut is None else cut
    valued = tidy(plan.ome_per_day * (1 - cut))
    lines = _counted_lines(tables, plan)
    if not lines:
        return None
    counted = tidy(sum(line.mme_per_day or 0.0 for line in lines if line.counted))
    if abs(valued - counted) <= 0.005 * plan.ome_per_day:
        return None
    as_target, _, _ = as_target_ome(tables, plan.table.id, lines, plan.ome_per_day, _kept(plan))
    factor = lines[0].factor
    if as_target == counted or not factor or not counted:
        return ValuedAndCounted(valued=valued, counted=counted)
    return ValuedAndCounted(
        valued=valued,
        counted=counted,
        valued_factor=tidy(factor * as_target / counted),
        counted_factor=factor,
        factor_range=lines[0].factor_range,
    )


def _counted_lines(tables: TableIndex, plan: RotationPlan) -> list[MmeLine]:
    """The lines Apply writes (``order_lines``) as ``mme`` counts them ([]: none, or a line the
    set has no row for)."""
    items, excluded = resolve_regimen(tables, order_lines(plan), None, "exclude")
    if excluded or not items:
        return []
    set_ = tables.sets[plan.table.id]
    bases = band_bases(items, "include")
    try:
        return [
            line_for(tables, set_, daily, "include", bases.get((daily.drug_id, daily.route)))
            for daily in items
        ]
    except NoConversionFactorError:
        return []


def current_end_notes(tables: TableIndex, plan: RotationPlan) -> list[ClinicalWarning]:
    """An info line for each current line read at the set's point where a switch TO it is sized
    at another factor (``route_factor``): the other figure, and the current total at it."""
    notes = []
    for line in plan.current:
        if not line.counted or not line.factor or not line.mme_per_day:
            continue
        span = line.factor_range
        args = (tables, plan.table.id, line.drug, line.route, line.factor, plan.ome_per_day)
        if route_factor(*args, side="from", span=span).note is None:
            continue
        other = target_factor(*args, span).factor
        notes.append(_note(plan, line, other))
    return notes


def _note(plan: RotationPlan, line: MmeLine, other: float) -> ClinicalWarning:
    label, mme = plan.ome_label, line.mme_per_day or 0.0
    at_other = tidy(mme * other / (line.factor or 1.0))
    span = line.factor_range
    cited = f" of its cited range {format_number_span(*span)}" if span else ""
    total = tidy(plan.ome_per_day - mme + at_other)
    message = (
        f"Current {line.drug} {line.route} is counted at × {format_number(line.factor or 0)}, "
        f"the set's point{cited} ({format_number(mme)} {label}/day): the lower figure, taken "
        f"for a switch away from it. A switch to it is sized at × {format_number(other, 3)}, "
        f"which makes it {format_number(at_other)} {label}/day and the current total "
        f"{format_number(total)} {label}/day, not {format_number(plan.ome_per_day)}. If this "
        "line was started by an earlier switch, that switch already took the cautious end: "
        "this plan takes it a second time, so review the reduction with the prescriber."
    )
    return ClinicalWarning(
        code=CURRENT_AT_POINT, severity="info", message=message, source=line.source, item=line.index
    )
