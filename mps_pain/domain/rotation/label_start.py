"""A product label's own starting dose for one switch (``rotation.label_starts``; pharmacist
review 8, D5): the Japanese oxycodone injection label starts oxycodone injection at 1.25 × the
daily dose of continuous IV morphine. The set's factors and its cross-tolerance reduction give
less (jspm-2010: 48 mg/day IV morphine → 36 mg/day IV oxycodone); the label's start is the
other end of what may be prescribed. One rule for both sides: the planner names it
(``label_start_notes``) and the check accepts a proposal up to it, never above it
(``label_start``, read by ``check._ome``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.check_band import Expectation
from mps_pain.domain.rotation.context import Target, rotation_rules
from mps_pain.domain.rotation.models import PatchLabelReading
from mps_pain.domain.rotation.shaped import Shaped
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import PatchLabelConversion, RotationRules
from mps_pain.units import format_number, scale, tidy

__all__ = [
    "LABEL_START",
    "PATCH_LABEL",
    "LabelStartDose",
    "label_change",
    "label_notes",
    "label_reads_less",
    "label_start",
    "label_start_accepted",
    "label_start_notes",
    "label_words",
    "patch_label_notes",
    "patch_label_reading",
    "planned_label_reading",
    "proposal_label_reading",
]

LABEL_START = "label-start"
PATCH_LABEL = "patch-label-conversion"


@dataclass(frozen=True)
class LabelStartDose:
    """The label's start: ``mg_per_day`` of ``to_drug`` = ``factor`` × ``from_mg_per_day``."""

    mg_per_day: float
    from_mg_per_day: float
    factor: float
    text: str
    source: str


def label_start(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    current: Sequence[DailyItem],
    to_drug: str,
    to_route: str,
) -> LabelStartDose | None:
    """The label's starting dose when the whole current opioid regimen is the label's "from"
    (drug, route and shape) and the target its "to", under a set of the label's market."""
    opioids = [d for d in current if d.is_opioid]
    for rule in rules.label_starts:
        if set_.market not in rule.markets or to_drug != rule.to_drug:
            continue
        if to_route not in rule.to_routes or not opioids:
            continue
        if any(
            (d.drug.id, d.item.route, d.item.shape)
            != (rule.from_drug, rule.from_route, rule.from_shape)
            for d in opioids
        ):
            continue
        total = tidy(sum(d.daily_mg_per_day for d in opioids))
        start = tidy(total * rule.factor)
        text = (
            f"from {rule.from_shape} {rule.from_route} {rule.from_drug}, the label starts "
            f"{rule.to_drug} at {format_number(rule.factor)} × the daily dose: "
            f"{format_number(rule.factor)} × {format_number(total)} = {format_number(start)} "
            "mg/day"
        )
        return LabelStartDose(start, total, rule.factor, text, tables.cite(rule.citation))
    return None


def label_start_notes(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    current: Sequence[DailyItem],
    to_drug: str,
    to_route: str,
) -> list[ClinicalWarning]:
    """The planner's note of the label's start beside its own dose (set factor, reduction)."""
    start = label_start(tables, rules, set_, current, to_drug, to_route)
    if start is None:
        return []
    return [
        ClinicalWarning(
            code=LABEL_START,
            severity="info",
            message=f"Product label: {start.text} of {to_drug} {to_route}. This plan follows the "
            "set's factors with the cross-tolerance reduction and gives less; the label's start "
            "is the other end of what may be prescribed (the check accepts up to it).",
            source=start.source,
        )
    ]


def label_start_accepted(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    current: Sequence[DailyItem],
    proposed: Sequence[DailyItem],
    exp: Expectation,
) -> Expectation:
    """The check's range with its high end raised to the label's start, in the range's own OME
    (the proposal's own factor per mg), where a single proposed line is the label's target."""
    single = [d for d in proposed if d.is_opioid]
    if len(single) != 1 or single[0].daily_mg_per_day <= 0:
        return exp
    line = single[0]
    start = label_start(tables, rules, set_, current, line.drug.id, line.item.route)
    if start is None:
        return exp
    per_mg = exp.value / line.daily_mg_per_day
    high = tidy(start.mg_per_day * per_mg)
    if high <= exp.high:
        return exp
    reason = (
        f"Product label: {start.text} of {line.drug.id} {line.item.route} "
        f"({daily_amount(high, set_.output_label)}) [{start.source}]: the range's high end is "
        "the "
        "label's own start, not the set's factor less the reduction."
    )
    point = exp.point_mg_per_day
    widened = (point[0], max(point[1], start.mg_per_day)) if point else None
    return replace(exp, high=high, reasons=[*exp.reasons, reason], point_mg_per_day=widened)


def patch_label_reading(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    drug: str,
    patch_mcg_per_h: float | None,
    current: tuple[Sequence[DailyItem], float],
) -> PatchLabelReading | None:
    """A patch plan under a set of the patch label's market: what the label's own conversion
    makes of the planned patch, and its effective reduction from the current OME (review 8, D8:
    jspm-2010 reads 25 mcg/h as 60 mg/day, the JP label as 90). Not from the patch's own drug by
    another route: the label's oral-morphine figure is no measure of a 1:1 route change
    (pharmacist review 9, D-H: IV fentanyl 25 mcg/h → 25 mcg/h patch read as "−50%")."""
    items, current_ome = current
    label = rules.patches.label_conversion
    if label is None or set_.market not in label.markets or drug != label.drug:
        return None
    if not patch_mcg_per_h or current_ome <= 0:
        return None
    if any(d.is_opioid and d.drug.id == drug for d in items):
        return None
    by_label = tidy(patch_mcg_per_h * label.oral_morphine_mg_per_day / label.mcg_per_h)
    return PatchLabelReading(
        label=f"{format_number(label.mcg_per_h)} mcg/h ≈ oral morphine "
        f"{format_number(label.oral_morphine_mg_per_day)} mg/day",
        patch_mcg_per_h=patch_mcg_per_h,
        oral_morphine_mg_per_day=by_label,
        current_ome_mg_per_day=current_ome,
        effective_reduction=round(1 - by_label / current_ome, 3),
        citation=tables.cite(label.citation),
        product=label.product,
        strengths_product=_other_product(tables, label, set_.market),
    )


def _other_product(tables: TableIndex, label: PatchLabelConversion, market: str) -> str | None:
    """The product whose strengths and change interval the market lists, when its label is
    not the conversion table's (pharmacist review 10, N-1: Durotep MT's strengths, the 3-day
    matrix patch's table; clinical-sources addendum 2026-12-01)."""
    drug = tables.resolve_drug(label.drug, location=None)
    for form in drug.forms:
        for entry in form.change_intervals:
            if entry.market == market and entry.citation.source != label.citation.source:
                return entry.product
    return None


def patch_label_notes(
    set_: ReferenceSet, reading: PatchLabelReading | None
) -> list[ClinicalWarning]:
    """The caution of ``patch_label_reading``: the label's figure, the patch by it, its change,
    and whose table it is (planner and check alike)."""
    if reading is None:
        return []
    whose = f"This table belongs to the {reading.product}"
    if reading.strengths_product is not None:
        whose += (
            f"; the listed {set_.market} strengths and change interval are those of the "
            f"{reading.strengths_product}, another product, whose own conversion table is not "
            "in this program's data"
        )
    return [
        ClinicalWarning(
            code=PATCH_LABEL,
            severity="caution",
            message=f"The patch label converts {reading.label}: {label_change(reading)} "
            f"{set_.output_label} (the set's own factor gives the plan's reduction). {whose}. "
            "Check the dose against the dispensed product's own table.",
            source=reading.citation,
        )
    ]


def label_words(reading: PatchLabelReading) -> str:
    """'by the patch label (25 mcg/h ≈ oral morphine 90 mg/day) this 37.5 mcg/h patch ≈ 135
    mg/day, 12.5% above the current 120 mg/day': the plan's reduction phrase and the check's
    headline and reason say the label's reading in the same words."""
    return f"by the patch label ({reading.label}) {label_change(reading)}"


def label_reads_less(reading: PatchLabelReading | None, stated: float | None) -> bool:
    """The label reads the patch as less of a reduction than the plan (or the proposal by the
    set's factor) states; ``stated`` None (no reduction in OME to compare): always said."""
    if reading is None:
        return False
    return stated is None or reading.effective_reduction < stated - 0.0005


def proposal_label_reading(
    tables: TableIndex,
    set_: ReferenceSet,
    current: Sequence[DailyItem],
    proposed: Sequence[DailyItem],
    current_ome: float,
) -> PatchLabelReading | None:
    """``patch_label_reading`` of a proposed order's single patch line (pharmacist review 10,
    D-B: the check said WITHIN where the plan for the same patch carried the label's caution)."""
    lines = [d for d in proposed if d.is_opioid]
    if len(lines) != 1 or lines[0].item.route != "transdermal":
        return None
    rate = tidy(lines[0].daily_mg_per_day * scale("mg/day", "mcg/h"))
    rules = rotation_rules(tables)
    return patch_label_reading(tables, rules, set_, lines[0].drug.id, rate, (current, current_ome))


def label_change(reading: PatchLabelReading) -> str:
    """'this 37.5 mcg/h patch ≈ 135 mg/day, 12.5% above the current 120 mg/day' (an amount
    above the current dose said as above it, never a negative reduction: docs/rotation.md)."""
    effective = round(reading.effective_reduction * 100, 1)
    said = (
        f"an effective reduction of {effective:g}% from"
        if effective >= 0
        else f"{-effective:g}% above"
    )
    return (
        f"this {format_number(reading.patch_mcg_per_h)} mcg/h patch ≈ "
        f"{format_number(reading.oral_morphine_mg_per_day)} mg/day, {said} the current "
        f"{format_number(reading.current_ome_mg_per_day)} mg/day"
    )


def planned_label_reading(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    current: Sequence[DailyItem],
    target: Target,
    made: Any,
) -> PatchLabelReading | None:
    """``patch_label_reading`` of the planner's patch (its rate in mcg/h, when one is given)."""
    shaped: Shaped = made.rounded.shaped
    patch = shaped.rounded_per_unit if target.is_patch and shaped.per_unit == "mcg/h" else None
    ome: float = made.ome.total_mg_per_day
    return patch_label_reading(tables, rules, set_, target.drug.id, patch, (current, ome))


def label_notes(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    current: Sequence[DailyItem],
    target: Target,
    made: Any,
) -> list[ClinicalWarning]:
    """The planner's label notes: a label's own start for this switch, and what a patch
    label makes of the planned patch (its rate in mcg/h, when one is given). ``made`` is the
    planner's steps (its rounding ``rounded.shaped`` and current OME ``ome``)."""
    reading = planned_label_reading(tables, rules, set_, current, target, made)
    return [
        *label_start_notes(tables, rules, set_, current, target.drug.id, target.route),
        *patch_label_notes(set_, reading),
    ]
