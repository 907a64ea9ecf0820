"""Parts every plan shares: the reduction case of a switch, the OME step, and the spread.

The spread repeats steps 1–3 under every equianalgesic set with the same reduction, and says
"not covered" with the reason where a set lacks a row.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.convert import equianalgesic
from mps_pain.domain.rotation.models import SpreadRow
from mps_pain.domain.rotation.ome import CurrentOme, current_ome
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import ReductionCaseId, RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["ome_steps", "reduction_case_id", "spread_rows"]


def reduction_case_id(
    rules: RotationRules,
    items: Sequence[DailyItem],
    target_drug: str,
    *,
    band_table: bool,
    to_patch: bool,
) -> ReductionCaseId:
    opioids = {d.drug.id for d in items if d.is_opioid}
    if rules.methadone.drug in opioids and target_drug != rules.methadone.drug:
        return "from_methadone"
    if any(d.is_opioid and d.item.route == "transdermal" for d in items) and not to_patch:
        return "from_patch"
    if opioids == {target_drug}:
        return "same_drug"
    if band_table:
        return "to_patch_bands"
    return "different_opioid"


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


def spread_rows(
    tables: TableIndex,
    items: Sequence[DailyItem],
    prn: str,
    target: Target,
    reduction: float,
    rules: RotationRules,
    compute: object = None,
) -> list[SpreadRow]:
    """The same switch under every equianalgesic set: target daily amount after the reduction."""
    rows = []
    for set_ in tables.tables.reference_sets:
        if set_.purpose != "equianalgesic":
            continue
        try:
            ome = current_ome(tables, set_, rules, items, prn)  # type: ignore[arg-type]
            eq = equianalgesic(
                tables,
                set_,
                target.drug.id,
                target.route,
                target.form,
                ome.total_mg_per_day,
                ome.low_mg_per_day,
                ome.high_mg_per_day,
            )
        except NoConversionFactorError as exc:
            rows.append(
                SpreadRow(
                    table=set_.id, name=set_.name, target_daily_dose=None, missing=exc.message
                )
            )
            continue
        rows.append(
            SpreadRow(
                table=set_.id,
                name=set_.name,
                target_daily_dose=Amount(value=tidy(eq.value * (1 - reduction)), unit=eq.unit),
                ome_per_day=ome.total_mg_per_day,
            )
        )
    return rows
