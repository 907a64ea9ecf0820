"""Step 1 of a plan: the current regimen's total OME under an equianalgesic set, with its range.

Reuses the MME engine (``resolve_items``, ``band_bases``, ``line_for``): same drug, same route,
same number. Methadone, which the equianalgesic sets do not convert by ratio, is converted away
with the rotation rule ``methadone.from_methadone`` only when the set has no row for it, and the
plan then carries a danger warning that the conversion is not bidirectional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mps_pain.domain.cited import cited_warning
from mps_pain.domain.duplicates import duplicate_item_warnings
from mps_pain.domain.mme import band_bases, line_for
from mps_pain.domain.normalise import DailyItem, dosing_as_entered
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.results import Amount, ClinicalWarning, MmeLine
from mps_pain.domain.rotation.context import equianalgesic_only, rotation_rules
from mps_pain.errors import InputError, NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["FROM_METHADONE", "CurrentOme", "current_ome", "ome_steps", "set_ome"]

#: the danger on a current methadone line converted away by the cohort ratio
FROM_METHADONE = "from-methadone-not-bidirectional"


@dataclass(frozen=True)
class CurrentOme:
    total_mg_per_day: float
    low_mg_per_day: float
    high_mg_per_day: float
    lines: list[MmeLine]
    warnings: list[ClinicalWarning] = field(default_factory=list)
    from_methadone: bool = False


def set_ome(
    tables: TableIndex, set_id: str, items: Sequence[DailyItem], prn: str
) -> tuple[ReferenceSet, CurrentOme]:
    """The set ``set_id`` and the OME of ``items`` under it by the rotation rules: how a check
    totals the lines a dose change keeps or proposes (``prn``: the proposal's as-needed policy)."""
    set_ = tables.reference_set(set_id, location="table")
    return set_, current_ome(tables, set_, rotation_rules(tables), items, prn)  # type: ignore[arg-type]


def current_ome(
    tables: TableIndex,
    set_: ReferenceSet,
    rules: RotationRules,
    items: Sequence[DailyItem],
    prn_policy: PrnPolicy,
    *,
    prefix: str = "from",
) -> CurrentOme:
    """Sum of counted opioid lines; low/high use each row's range where the set gives one."""
    bases = band_bases(items, prn_policy)
    lines: list[MmeLine] = []
    warnings: list[ClinicalWarning] = [n for d in items for n in d.notes]  # e.g. patch content
    warnings += duplicate_item_warnings(items)
    # no two-long-acting caution here: a rotation stops the current regimen (pharmacist review 9,
    # D-E); ``check`` says it of the proposal, ``mme`` of a regimen being given
    from_methadone = False
    total = low = high = 0.0
    for daily in items:
        basis = bases.get((daily.drug.id, daily.item.route))
        try:
            line = line_for(tables, set_, daily, prn_policy, basis)
        except NoConversionFactorError as exc:
            if daily.drug.id != rules.methadone.drug:
                raise equianalgesic_only(tables, exc) from None
            line = _methadone_line(tables, rules, daily, prn_policy)
            from_methadone = True
            rule = rules.methadone.from_methadone
            warnings.append(cited_warning(tables, rule, FROM_METHADONE, "danger", item=daily.index))
        lines.append(line)
        if not line.counted or line.mme_per_day is None:
            continue
        total += line.mme_per_day
        if line.factor_range is not None and line.dose_basis is not None:
            low += line.dose_basis.value * line.factor_range[0]
            high += line.dose_basis.value * line.factor_range[1]
        else:
            low += line.mme_per_day
            high += line.mme_per_day
    if total <= 0:
        raise InputError(
            "no opioid dose is counted (as-needed doses excluded?): nothing to convert",
            location=f"{prefix}.prn",
        )
    return CurrentOme(tidy(total), tidy(low), tidy(high), lines, warnings, from_methadone)


def _methadone_line(
    tables: TableIndex, rules: RotationRules, daily: DailyItem, prn_policy: PrnPolicy
) -> MmeLine:
    rule = rules.methadone.from_methadone
    counted = not (daily.item.prn and prn_policy == "exclude")
    ome = daily.daily_mg_per_day * rule.ome_per_mg_methadone
    source = tables.cite(rule.citation)
    return MmeLine(
        index=daily.index,
        drug=daily.drug.id,
        route=daily.item.route,
        form=daily.form,
        kind="opioid",
        prn=daily.item.prn,
        counted=counted,
        daily_dose=Amount(value=daily.daily_mg_per_day, unit="mg/day"),
        dose_basis=Amount(value=daily.daily_mg_per_day, unit="mg/day"),
        factor=rule.ome_per_mg_methadone,
        factor_range=None,
        mme_per_day=ome,
        source=source,
        row="rotation.methadone.from_methadone",
        as_entered=dosing_as_entered(daily),
        explanation=(
            f"{daily.drug.id} {daily.item.route}: {format_number(daily.daily_mg_per_day)} mg/day × "
            f"{format_number(rule.ome_per_mg_methadone)} ({source}; not bidirectional) = "
            f"{format_number(ome)} OME/day"
        ),
    )


def ome_steps(
    ome: CurrentOme,
    prn: str,
    prn_stated: bool,
    label: str,
    notes: Mapping[int, str] | None = None,
) -> list[str]:
    """Step 1 as the plan explains it: each line's OME (with its note, e.g. a patch's band and
    factor) and the total with its range."""
    notes = notes or {}
    lines = [
        f"    {line.explanation}" + (f" ({notes[line.index]})" if line.index in notes else "")
        for line in ome.lines
    ]
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
