"""The spread: the same switch under every equianalgesic set.

It repeats the pipeline (classify → equianalgesic → reduction → rounding) under every
equianalgesic set with the same request, and shows each set's reduced target and the dose its
market's strengths give by the rounding policy; it says "not covered" with the reason where a set
lacks a row. The plan's own set is not run twice: its row is read from the plan's own pass
(``SetRun``) when that pass is the one the row would make (same request, a patch not withheld).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.interval_alternative import other_interval
from mps_pain.domain.rotation.models import SpreadRow
from mps_pain.domain.rotation.ome import CurrentOme, current_ome
from mps_pain.domain.rotation.patches import chart_fits
from mps_pain.domain.rotation.planner_output import shape_for_set
from mps_pain.domain.rotation.planner_steps import (
    EquianalgesicStep,
    ReductionStep,
    classify_request,
    through_reduction,
)
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.shape import Shaped
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import tidy

__all__ = ["SetRun", "spread_rows"]


@dataclass(frozen=True)
class SetRun:
    """One set's pass through steps 0–5 (classify → OME → equianalgesic → reduction →
    rounding) for a request, as a spread row shows it."""

    set_id: str
    switch: SwitchClass  # as applied
    ome: CurrentOme
    eq: EquianalgesicStep
    red: ReductionStep
    shaped: Shaped  # rounded with the patch proposed (no ``not_proposed`` reason)


def _run(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    items: Sequence[DailyItem],
    prn: PrnPolicy,
    target: Target,
    request: RotationRequest,
) -> SetRun:
    switch = classify_request(rules, set_, request, items, prn, target)
    ome = current_ome(tables, set_, rules, items, prn)
    switch, eq, red = through_reduction(tables, rules, set_, switch, target, ome, request)
    shaped, _, _ = shape_for_set(tables, rules, set_, request, target, red.amounts)
    other = other_interval(tables, rules, set_, request, target, red.amounts, shaped)
    if other is not None:  # the nearest cited interval that fits, as the plan proposes it
        shaped = other[1]
    return SetRun(set_.id, switch, ome, eq, red, shaped)


def _row(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    items: Sequence[DailyItem],
    prn: PrnPolicy,
    target: Target,
    request: RotationRequest,
    own: SetRun | None,
) -> SpreadRow:
    for_set = _for_set(rules, set_, request)
    if own is not None and own.set_id == set_.id and for_set is request:
        run = own  # the plan's own pass is this row's pass: the same calls with the same inputs
    else:
        run = _run(tables, rules, set_, items, prn, target, for_set)
    switch, ome, eq, red, shaped = run.switch, run.ome, run.eq, run.red, run.shaped
    chosen = shaped.choice.chosen.total if shaped.choice and shaped.detail.no_dose is None else None
    rate = shaped.regimen.rate if chosen and shaped.detail.patches is None else None
    note = _ratio_note(switch, set_.id) if switch.uses_route_ratio else None
    return SpreadRow(
        table=set_.id,
        name=set_.name,
        target_daily_dose=Amount(value=tidy(red.amounts.target), unit=eq.unit),
        ome_per_day=ome.total_mg_per_day,
        equianalgesic=Amount(value=tidy(eq.value), unit=eq.unit),
        reduction_in_chart=red.band is not None,
        rounded=rate or (Amount(value=chosen, unit=shaped.per_unit) if chosen else None),
        rounded_frequency=shaped.regimen.frequency if chosen else None,
        rounded_daily_dose=shaped.regimen.daily_dose if chosen else None,
        rounded_route=shaped.regimen.route if rate else None,
        note=note if chosen else (shaped.detail.no_dose or note),
    )


def _ratio_note(switch: SwitchClass, set_id: str) -> str:
    own = any(s.own(set_id) is not None for r in switch.ratios for s in r.conversion.steps)
    return (
        "cited route ratio: the set's own"
        if own
        else "cited route ratio: the end giving the lower new dose (no ratio of the set's own)"
    )


def _for_set(rules: RotationRules, set_: ReferenceSet, request: RotationRequest) -> RotationRequest:
    """The request as this set's row takes it: a requested band table made for other sets
    (``chart_fits``) gives way to this set's own choice."""
    chosen = next((t for t in rules.patches.band_tables if t.id == request.patch_table), None)
    if chosen is None or chart_fits(chosen, set_.id):
        return request
    return request.model_copy(update={"patch_table": None})


def spread_rows(
    tables: TableIndex,
    rules: RotationRules,
    items: Sequence[DailyItem],
    prn: PrnPolicy,
    target: Target,
    request: RotationRequest,
    own: SetRun | None = None,
) -> list[SpreadRow]:
    """The same switch under every equianalgesic set, each with its rounded dose; ``own`` is
    the plan's pass under its own set (``_run`` for that set and request), reused for its row."""
    rows = []
    for set_ in tables.tables.reference_sets:
        if set_.purpose != "equianalgesic":
            continue
        try:
            rows.append(_row(tables, rules, set_, items, prn, target, request, own))
        except NoConversionFactorError as exc:
            rows.append(
                SpreadRow(
                    table=set_.id, name=set_.name, target_daily_dose=None, missing=exc.message
                )
            )
    return rows
