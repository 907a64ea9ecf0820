"""The check's expectation record, and the expected range of a switch to a patch read from a
band table (the planner's rule: the lower of the band and the set's factor at each end of the
sourced reduction, frailty included; an end the table does not cover is read off the chart, as
``patch_chart`` plans it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import Patient
from mps_pain.domain.rotation.check_dose_change import counted_mg
from mps_pain.domain.rotation.check_result import RangeMeasure
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.domain.rotation.planner_steps import band_target
from mps_pain.domain.rotation.reduction import find_case, reduction_bounds
from mps_pain.domain.rotation.summed_lines import regular_part
from mps_pain.numbers import format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, format_number_span, scale, tidy

__all__ = ["Expectation", "band_expectation", "factor_mg"]


@dataclass(frozen=True)
class Expectation:
    """The proposal's value against the expected range, of ``measure`` said in ``unit``;
    ``point`` is the range the planner rounds in (mg/day of the proposed drug), for the rounding
    tolerance; ``equianalgesic`` the amount at 0% reduction of a switch with a reduction
    (``check_above``: between the range's top and it a caution, above it the danger), with the
    reduction's source."""

    value: float
    low: float
    high: float
    unit: str  # how ``measure`` is said: "mg/day OME", "mcg/h fentanyl"
    measure: RangeMeasure
    r_low: float
    r_high: float
    reasons: list[str] = field(default_factory=list)
    point_mg_per_day: tuple[float, float] | None = None
    #: the unreduced equianalgesic amount (mg/day of the proposed drug): a patch is never above
    #: it, and may be the nearer patch above the range up to it (``rounding_policy``)
    equianalgesic_mg_per_day: float | None = None
    equianalgesic: float | None = None
    reduction_source: str | None = None
    #: each counted proposed line's (index, OME/day) as ``value`` sums it (an OME verdict only)
    line_ome: tuple[tuple[int, float], ...] = ()


def band_expectation(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    switch: SwitchClass,
    before: CurrentOme,
    proposed: list[DailyItem],
    prn: str,
    patient: Patient,
    *,
    pain_controlled: bool | None = None,
) -> Expectation:
    case = find_case(rules, "to_patch_bands")
    r_low, r_high = reduction_bounds(
        rules, case, patient, pain_controlled
    )  # the planner's, frailty included
    proposed = regular_part(proposed, prn)  # a summed rescue: ``with_summed``
    drug = proposed[0].drug.id if proposed else ""
    per_h = scale("mg/day", "mcg/h")
    # an end the band table does not cover (an OME at the chart's edge, e.g. read at a frail
    # patient's 30% but not at 0%) is what the planner gives off the chart: the set's factor
    # with the beyond-chart case's reduction at the same end (``patch_chart``)
    off_chart = reduction_bounds(
        rules, find_case(rules, rules.patches.beyond_chart.case), patient, pain_controlled
    )
    ends = []
    factor = factor_mg(tables, set_, proposed)
    for fraction, off in ((r_high, off_chart[1]), (r_low, off_chart[0])):
        reduced = before.total_mg_per_day * (1 - fraction) / factor * per_h
        chosen, _ = band_target(tables, switch, before, fraction, reduced)
        ends.append(chosen if chosen is not None else reduced * (1 - off) / (1 - fraction))
    low, high = tidy(ends[0]), tidy(ends[1])
    value = tidy(counted_mg(proposed, prn) * per_h)
    table = switch.band_table
    reasons = [
        f"Current regimen: {daily_amount(before.total_mg_per_day, set_.output_label)}.",
        f"Band table {table.name if table else ''}: "
        f"[{tables.cite(table.citation) if table else ''}] → "
        f"{format_number_span(low, high, 'mcg/h')} (the lower of the band and the "
        f"set's factor, after {format_percent_span(r_low, r_high)}).",
        f"Proposed regimen: {format_number(value)} mcg/h {drug}.",
    ]
    point = (low / per_h, high / per_h)
    equi = tidy(max(high, before.total_mg_per_day / factor * per_h)) if factor else None
    return Expectation(
        value,
        low,
        high,
        f"mcg/h {drug}",
        "patch_rate",
        r_low,
        r_high,
        reasons,
        point,
        equianalgesic=equi,
        reduction_source=tables.cite(case.citation),
    )


def factor_mg(tables: TableIndex, set_: ReferenceSet, proposed: list[DailyItem]) -> float:
    """OME per mg/day of the single proposed line under the set."""
    line = next(d for d in proposed if d.is_opioid)
    match = tables.find_factor(
        set_.id,
        line.drug.id,
        line.item.route,
        line.form,
        line.daily_mg_per_day,
        location="proposed",
    )
    return match.ome_mg_per_day / line.daily_mg_per_day if line.daily_mg_per_day else 0.0
