"""Parts every plan shares: the OME step, the monitoring advice and the spread across sets.

The spread repeats the pipeline (classify → equianalgesic → reduction → rounding) under every
equianalgesic set with the same request, and shows each set's reduced target and the dose its
market's strengths give by the rounding policy; it says "not covered" with the reason where a set
lacks a row.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.classify import SwitchClass, SwitchTarget, classify_switch
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import RotationRequest, SpreadRow
from mps_pain.domain.rotation.ome import CurrentOme, current_ome
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["monitoring_lines", "ome_steps", "spread_rows"]


def monitoring_lines(tables: TableIndex, rules: RotationRules) -> list[str]:
    """The monitoring advice after any switch, each sentence with its citation."""
    return [f"{m.message} [{tables.cite(m.citation)}]" for m in rules.monitoring]


def ome_steps(ome: CurrentOme, prn: str, prn_stated: bool, label: str) -> list[str]:
    lines = [f"    {line.explanation}" for line in ome.lines]
    rng = (
        f" (range {format_number(ome.low_mg_per_day)}–{format_number(ome.high_mg_per_day)})"
        if (ome.low_mg_per_day, ome.high_mg_per_day) != (ome.total_mg_per_day, ome.total_mg_per_day)
        else ""
    )
    return [
        "1. Total OME of the current regimen (as-needed doses "
        f"{prn}d{'' if prn_stated else ' by default; not stated'}):",
        *lines,
        f"   = {format_number(ome.total_mg_per_day)} mg/day {label}{rng}",
    ]


def _row(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    items: Sequence[DailyItem],
    prn: PrnPolicy,
    target: Target,
    request: RotationRequest,
) -> SpreadRow:
    # import cycle (planner_output/planner_steps use this module): to be removed with the pipeline
    from mps_pain.domain.rotation.planner_output import shape_for_set
    from mps_pain.domain.rotation.planner_steps import through_reduction

    switch = classify_switch(
        rules,
        items,
        prn,
        SwitchTarget(target.drug.id, target.route, target.is_patch, frozenset({target.form})),
        set_id=set_.id,
        patch_table=request.patch_table,
    )
    ome = current_ome(tables, set_, rules, items, prn)
    eq, red = through_reduction(tables, rules, set_, switch, target, ome, request)
    shaped, _, _ = shape_for_set(tables, rules, set_, request, target, red.amounts)
    chosen = shaped.choice.chosen.total if shaped.choice and shaped.detail.no_dose is None else None
    note = "cited route ratio (the same under every set)" if switch.uses_route_ratio else None
    return SpreadRow(
        table=set_.id,
        name=set_.name,
        target_daily_dose=Amount(value=tidy(red.amounts.target), unit=eq.unit),
        ome_per_day=ome.total_mg_per_day,
        rounded=Amount(value=chosen, unit=shaped.per_unit) if chosen else None,
        note=note if chosen else (shaped.detail.no_dose or note),
    )


def spread_rows(
    tables: TableIndex,
    rules: RotationRules,
    items: Sequence[DailyItem],
    prn: PrnPolicy,
    target: Target,
    request: RotationRequest,
    switch: SwitchClass | None = None,
) -> list[SpreadRow]:
    """The same switch under every equianalgesic set, each with its rounded dose."""
    rows = []
    for set_ in tables.tables.reference_sets:
        if set_.purpose != "equianalgesic":
            continue
        try:
            rows.append(_row(tables, rules, set_, items, prn, target, request))
        except NoConversionFactorError as exc:
            rows.append(
                SpreadRow(
                    table=set_.id, name=set_.name, target_daily_dose=None, missing=exc.message
                )
            )
    return rows
