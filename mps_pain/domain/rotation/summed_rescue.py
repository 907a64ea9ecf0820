"""A rescue summed by its count never sets the switch's kind (session 20, the lead's finding).

An as-needed opioid line beside a regular opioid is an order, not summed, up to its set-aside
ceiling (``rescue_ceiling``); a larger one is summed by its count (``check_rescues``), and its
size has its own verdict (``rescue_above``). Its drug had joined the switch's target, so the
rescue's SIZE chose the kind and the expected range: oral morphine -> IV morphine with a fentanyl
rescue of 0 a day was "the same drug by another route" (40-60 mg/day morphine) at 60 micrograms
and "a different opioid" (60-90 mg/day OME) at 250. The kind, and so the range, is the regular
opioid lines' whenever the proposal has one (``summed_lines.target_lines``); the summed rescue's
amount is valued by its own line's factor under the set and said in the regular dose's measure
(``with_summed``): it may raise the amount (ABOVE), never change the range. An as-needed-only
proposal is its amount (its lines are the target), and methadone's as-needed lines keep their
own order rules (``check_methadone``), so neither is a summed rescue here.
"""

from __future__ import annotations

from dataclasses import replace

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.rotation.check_band import Expectation
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.ome import current_ome
from mps_pain.domain.rotation.summed_lines import summed_rescues
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["with_summed"]


def with_summed(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    switch: SwitchClass,
    exp: Expectation,
    proposed: list[DailyItem],
    prn: str,
) -> Expectation:
    """``exp`` of a range in one drug's amount (a route ratio, a patch band: its value the
    regular lines') with the summed rescues' OME (their own factors under the set) added at
    the regular dose's own OME per unit; an OME range already sums them."""
    rescues = [d for d in summed_rescues(proposed, prn, None) if d.daily_mg_per_day > 0]
    if not rescues or exp.measure not in ("drug_a_day", "patch_rate") or exp.value <= 0:
        return exp  # 0 a day sums nothing
    measured = [d for d in proposed if _node(d) == _measured(switch, proposed, rescues)]
    policy: PrnPolicy = "include" if prn == "include" else "exclude"
    ome = current_ome(tables, set_, rules, rescues, policy, prefix="proposed").total_mg_per_day
    own = current_ome(tables, set_, rules, measured, policy, prefix="proposed").total_mg_per_day
    if ome <= 0 or own <= 0:
        return exp
    added = tidy(ome * exp.value / own)
    rows = ", ".join(f"row {d.index + 1}" for d in rescues)
    unit, label = exp.unit, set_.output_label
    said = (
        f"As-needed order summed at its count ({rows}, too large to be set aside as a "
        f"breakthrough order): {format_number(tidy(ome))} mg/day {label}, as {format_number(added)}"
        f" {unit} by the regular dose's own conversion; the expected range stays the regular "
        f"dose's. Proposed with it: {format_number(tidy(exp.value + added))} {unit}."
    )
    return replace(exp, value=tidy(exp.value + added), reasons=[*exp.reasons, said])


def _node(line: DailyItem) -> tuple[str, str]:
    return line.drug.id, line.item.route


def _measured(
    switch: SwitchClass, proposed: list[DailyItem], rescues: list[DailyItem]
) -> tuple[str, str] | None:
    """The drug and route the range is in: the route ratio's target, or the regular patch."""
    if switch.ratios:
        return switch.ratios[0].conversion.target
    regular = [d for d in proposed if d.is_opioid and d not in rescues]
    return _node(regular[0]) if regular else None
