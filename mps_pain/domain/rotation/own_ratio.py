"""The one reading of lines with a cited conversion to the target beside other opioids (N1
class, conversion half; pharmacist review 9, clinical22, clinical24).

A switch whose counted lines hold a line with a cited conversion to the target (the target's own
drug by another route or form, a prodrug such as SC diamorphine to oral morphine, a patch of the
target's drug) beside other opioids (with or without a patch) converts each line as it would be
converted switched alone: those lines by their cited ratio (the same drug by the same route: its
own amount), the other lines by the set's factors. The set's two factors for one drug can
disagree with the cited ratio (uk-palliative oxycodone IV 1 mg/h → SC: 24 mg/day by the cited
1:1, 16 by the set's IV and SC rows), so converting the whole OME by the factors LOWERED the
target when another opioid was added (24 → 20.5 mg/day with morphine oral 18 mg/day added).

``valued_ome`` gives the current OME as the switch values it: each such line's OME replaced by
its ratio amount valued at the target's own factor (``target_ome_factor``: the factor
``convert.equianalgesic`` divides by, so ``valued total ÷ that factor`` is the ratio amount plus
the others by their factors). The planner (steps 2 and 3, the mixed first part's share) and the
check (its expected range and the shares of its reduction case) both call it: one rule, one
place. The reduction's shares (``reduction.shares``) are then read on the valued lines, so each
component's case applies to its own equianalgesic amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.classify import ItemRatio, SwitchClass
from mps_pain.domain.rotation.convert import equianalgesic
from mps_pain.domain.rotation.eq_span import own_span
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.numbers import not_as_printed
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import ReferenceSet
from mps_pain.units import format_number, scale, tidy

__all__ = [
    "Valued",
    "proposal_valued_ome",
    "switch_valued_ome",
    "target_ome_factor",
    "valued_ome",
]


@dataclass(frozen=True)
class Valued:
    """The current OME as the switch values it, and the words that say why (none: as is)."""

    ome: CurrentOme
    words: tuple[str, ...] = ()


def target_ome_factor(
    tables: TableIndex, set_: ReferenceSet, drug: str, route: str, form: str | None, ome: float
) -> float:
    """mg/day OME per mg/day of the target: the factor the set's conversion divides by."""
    eq = equianalgesic(tables, set_, drug, route, form, ome, ome, ome)
    return ome / (eq.value * scale(eq.unit, "mg/day"))


def valued_ome(switch: SwitchClass, ome: CurrentOme, per_mg: float, label: str) -> Valued:
    """``ome`` with the lines with a cited conversion to the target (``switch.own_ratios``)
    valued by that ratio at ``per_mg`` (mg/day OME per mg/day of the target); every other line
    as is. ``label``: the set's own label, the words its amounts are said in. Its span stays the
    total's span; the lines' part of the equianalgesic range goes by their ratio alone
    (``own_span``), never valued at one end of the target's factor and converted back at the
    other (clinician re-check 21b, D3)."""
    by_index: dict[int, ItemRatio] = {r.index: r for r in switch.own_ratios}
    total = ome.total_mg_per_day
    lines, words = [], []
    for line in ome.lines:
        ratio = by_index.get(line.index)
        if ratio is None or not line.counted or line.mme_per_day is None:
            lines.append(line)
            continue
        value = tidy(ratio.used_mg_per_day * per_mg)
        total += value - line.mme_per_day
        lines.append(line.model_copy(update={"mme_per_day": value}))
        words.append(
            f"line {line.index + 1}: {format_number(ratio.daily_mg_per_day)} mg/day "
            f"{line.drug} {line.route} → {format_number(ratio.used_mg_per_day)} mg/day "
            f"{ratio.conversion.target[0]} {ratio.conversion.target[1]} by the cited ratio "
            f"= {daily_amount(value, label)}{not_as_printed(value, line.mme_per_day)}"
        )
    if not words:
        return Valued(ome)
    valued = replace(
        ome, total_mg_per_day=tidy(total), own_span=own_span(switch.own_ratios, ome.lines)
    )
    said = (
        f"Each line with a cited conversion to the target goes by it, as it would switched "
        f"alone, the other lines by the set's factors ({'; '.join(words)}): "
        f"{daily_amount(valued.total_mg_per_day, label)} as this switch values the regimen"
    )
    return Valued(replace(valued, lines=lines), (said,))


def switch_valued_ome(
    tables: TableIndex,
    set_: ReferenceSet,
    switch: SwitchClass,
    form: str | None,
    ome: CurrentOme,
) -> Valued:
    """``valued_ome`` at the target's own factor under ``set_`` (the target's drug and route
    those of the ratios, ``form`` the target's): the one call of the planner and the check."""
    if not switch.own_ratios:
        return Valued(ome)
    drug, route = switch.own_ratios[0].conversion.target
    per_mg = target_ome_factor(tables, set_, drug, route, form, ome.total_mg_per_day)
    return valued_ome(switch, ome, per_mg, set_.output_label)


def proposal_valued_ome(
    tables: TableIndex,
    set_: ReferenceSet,
    switch: SwitchClass,
    ome: CurrentOme,
    proposed: Sequence[DailyItem],
) -> Valued:
    """``switch_valued_ome`` for a checked proposal: the target's form is the proposed lines'
    one form of the target's drug by its route (None: not one)."""
    if not switch.own_ratios:
        return Valued(ome)
    drug, route = switch.own_ratios[0].conversion.target
    forms = {d.form for d in proposed if d.drug.id == drug and d.item.route == route}
    form = next(iter(forms)) if len(forms) == 1 else None
    return switch_valued_ome(tables, set_, switch, form, ome)
