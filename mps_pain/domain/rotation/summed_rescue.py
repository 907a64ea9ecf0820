"""A rescue summed by its count never sets the switch's kind (session 20, the lead's finding).

An as-needed opioid line beside a regular opioid is an order, not summed, up to its set-aside
ceiling (``rescue_ceiling``); a larger one is summed by its count (``check_rescues``), and its
size has its own verdict (``rescue_above``). Its drug had joined the switch's target, so the
rescue's SIZE chose the kind and the expected range: oral morphine -> IV morphine with a fentanyl
rescue of 0 a day was "the same drug by another route" (40-60 mg/day morphine) at 60 micrograms
and "a different opioid" (60-90 mg/day OME) at 250. The kind, and so the range, is the regular
opioid lines' whenever the proposal has one (``summed_lines.target_lines``); the summed rescue's
amount is valued by its own line's factor under the set, and a range in one drug's amount is said
in OME a day at the regular dose's own factor (``with_summed``): it may raise the amount (ABOVE),
never change the range. An as-needed-only
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
from mps_pain.units import format_number, format_number_span, tidy

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
    regular lines') said in OME a day with the summed rescues: the range and the regular value at
    the regular dose's own OME per unit (the same range), the rescues at their own factors under
    the set (review 20 H1's totals: the old drug as rescue is judged on the whole OME); an OME
    range already sums them."""
    rescues = [d for d in summed_rescues(proposed, prn, None) if d.daily_mg_per_day > 0]
    if not rescues or exp.measure not in ("drug_a_day", "patch_rate") or exp.value <= 0:
        return exp  # 0 a day sums nothing
    measured = [d for d in proposed if _node(d) == _measured(switch, proposed, rescues)]
    policy: PrnPolicy = "include" if prn == "include" else "exclude"
    ome = current_ome(tables, set_, rules, rescues, policy, prefix="proposed").total_mg_per_day
    own = current_ome(tables, set_, rules, measured, policy, prefix="proposed").total_mg_per_day
    if ome <= 0 or own <= 0:
        return exp
    per, label = own / exp.value, set_.output_label  # OME a day per unit of the regular dose
    low, high, value = tidy(exp.low * per), tidy(exp.high * per), tidy(own + ome)
    rows = ", ".join(f"row {d.index + 1}" for d in rescues)
    said = (
        f"As-needed order summed at its count ({rows}, too large to be set aside as a "
        f"breakthrough order): {format_number(tidy(ome))} mg/day {label}; the regular dose and "
        f"its expected range said in {label} at the regular dose's own factor "
        f"({format_number(tidy(own))} mg/day {label} for {format_number(exp.value)} {exp.unit}): "
        f"{format_number_span(low, high, f'mg/day {label}')}, proposed with it "
        f"{format_number(value)} mg/day {label}."
    )
    equi = exp.equianalgesic * per if exp.equianalgesic is not None else None
    return replace(
        exp, value=value, low=low, high=high, unit=f"mg/day {label}", measure="ome_a_day",
        reasons=[*exp.reasons, said], point_mg_per_day=None, equianalgesic_mg_per_day=None,
        equianalgesic=equi, line_ome=(),
    )  # fmt: skip


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
