"""Step 1 of a plan: the current regimen's total OME under an equianalgesic set, with its range.

Reuses the MME engine (``resolve_items``, ``band_bases``, ``line_for``): same drug, same route,
same number. Methadone, which the equianalgesic sets do not convert by ratio, is converted away
with the rotation rule ``methadone.from_methadone`` only when the set has no row for it, and the
plan then carries a danger warning that the conversion is not bidirectional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from mps_pain.domain.cited import cited_warning
from mps_pain.domain.duplicates import duplicate_item_warnings
from mps_pain.domain.mme import band_bases, line_for
from mps_pain.domain.normalise import DailyItem, dosing_as_entered
from mps_pain.domain.regimen import PrnPolicy, counted_under
from mps_pain.domain.results import Amount, ClinicalWarning, MmeLine
from mps_pain.domain.rotation.context import equianalgesic_only, rotation_rules
from mps_pain.domain.rotation.eq_span import OwnSpan, ome_span
from mps_pain.errors import InputError, NoConversionFactorError
from mps_pain.numbers import format_number_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount, daily_words
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = [
    "FROM_METHADONE",
    "FROM_METHADONE_ROW",
    "CurrentOme",
    "OmeApart",
    "current_ome",
    "not_summed",
    "not_summed_text",
    "ome_apart",
    "ome_steps",
    "set_ome",
]

#: the danger on a current methadone line converted away by the cohort ratio
FROM_METHADONE = "from-methadone-not-bidirectional"
#: the row of a current methadone line valued by the cohort ratio (no set has a methadone row)
FROM_METHADONE_ROW = "rotation.methadone.from_methadone"


#: what stands in the place of a current total that would sum methadone (clinician review 14 #5)
def not_summed(label: str) -> str:
    """What stands for a total that would sum methadone, in the set's own ``label``."""
    return f"not summed: methadone has no reliable {label} to convert from"


@dataclass(frozen=True)
class CurrentOme:
    total_mg_per_day: float
    low_mg_per_day: float
    high_mg_per_day: float
    lines: list[MmeLine]
    warnings: list[ClinicalWarning] = field(default_factory=list)
    from_methadone: bool = False
    label: str = field(kw_only=True)  # the set's own label, the words its amounts are said in
    #: the lines a switch converts by a cited ratio to its target (``own_ratio.valued_ome``)
    own_span: OwnSpan | None = field(default=None, kw_only=True)


def set_ome(
    tables: TableIndex, set_id: str, items: Sequence[DailyItem], prn: str
) -> tuple[ReferenceSet, CurrentOme]:
    """The set ``set_id`` and the OME of ``items`` under it by the rotation rules: how a check
    totals the lines a dose change keeps or proposes (``prn``: the proposal's as-needed policy)."""
    set_ = tables.reference_set(set_id, location="table")
    return set_, current_ome(tables, set_, rotation_rules(tables), items, prn)  # type: ignore[arg-type]


class OmeApart(BaseModel):
    """A current regimen holding methadone valued by the cohort ratio: no total is shown (a
    cohort median summed into "Current total 270 OME/day" could size a syringe driver or patch;
    clinician review 14 #5); the other lines' OME is given by itself."""

    model_config = ConfigDict(frozen=True)

    methadone_lines: tuple[int, ...]
    others_mg_per_day: float | None  # None: methadone is the only counted line
    others_low: float | None = None
    others_high: float | None = None


def ome_apart(lines: Sequence[MmeLine]) -> OmeApart | None:
    """The one rule: a plan whose current lines hold methadone valued by the cohort ratio shows
    no summed total (the planner's step 1, its facts, its spread and its JSON record)."""
    methadone = tuple(line.index for line in lines if line.row == FROM_METHADONE_ROW)
    if not methadone:
        return None
    others = [
        line
        for line in lines
        if line.row != FROM_METHADONE_ROW and line.counted and line.mme_per_day is not None
    ]
    if not others:
        return OmeApart(methadone_lines=methadone, others_mg_per_day=None)
    total = sum(line.mme_per_day or 0.0 for line in others)
    low = sum(_end(line, 0) for line in others)
    high = sum(_end(line, 1) for line in others)
    return OmeApart(
        methadone_lines=methadone,
        others_mg_per_day=tidy(total),
        others_low=tidy(low),
        others_high=tidy(high),
    )


def _end(line: MmeLine, end: int) -> float:
    if line.factor_range is not None and line.dose_basis is not None:
        return line.dose_basis.value * line.factor_range[end]
    return line.mme_per_day or 0.0


def current_ome(
    tables: TableIndex,
    set_: ReferenceSet,
    rules: RotationRules,
    items: Sequence[DailyItem],
    prn_policy: PrnPolicy,
    *,
    prefix: str = "from",
) -> CurrentOme:
    """Sum of counted opioid lines; low/high: the total's span over the rows' cited ranges
    (``ranged_total``, the one function every total's span comes from)."""
    bases = band_bases(items, prn_policy)
    lines: list[MmeLine] = []
    warnings: list[ClinicalWarning] = [n for d in items for n in d.notes]  # e.g. patch content
    warnings += duplicate_item_warnings(items)
    # no two-long-acting caution here: a rotation stops the current regimen (pharmacist review 9,
    # D-E); ``check`` says it of the proposal, ``mme`` of a regimen being given
    from_methadone = False
    total = 0.0
    for daily in items:
        basis = bases.get((daily.drug.id, daily.item.route))
        try:
            line = line_for(tables, set_, daily, prn_policy, basis)
        except NoConversionFactorError as exc:
            if daily.drug.id != rules.methadone.drug:
                raise equianalgesic_only(tables, exc) from None
            line = _methadone_line(tables, rules, daily, prn_policy, set_.output_label)
            from_methadone = True
            rule = rules.methadone.from_methadone
            warnings.append(cited_warning(tables, rule, FROM_METHADONE, "danger", item=daily.index))
        lines.append(line)
        if not line.counted or line.mme_per_day is None:
            continue
        total += line.mme_per_day
    if total <= 0:
        raise _nothing_counted(items, prn_policy, prefix)
    low, high = ome_span(lines, tidy(total))
    return CurrentOme(
        tidy(total), low, high, lines, warnings, from_methadone, label=set_.output_label
    )


def _nothing_counted(items: Sequence[DailyItem], prn_policy: PrnPolicy, prefix: str) -> InputError:
    """Why a regimen counts no opioid dose, at the field that makes it so (fuzz re-check 20c, N3:
    "from.prn: … (as-needed doses excluded?)" of as-needed rows with none taken, nothing
    excluded): the as-needed doses excluded (``prn``), else the first as-needed opioid row with
    0 doses in 24 h (its ``doses_per_day``); ``prefix``: "from" or "proposed"."""
    opioids = [d for d in items if d.is_opioid]
    if any(not counted_under(d.prn, prn_policy) for d in opioids):
        return InputError(
            "no regular opioid, and the as-needed doses are excluded (prn: exclude): nothing to "
            "convert; include them to convert the doses taken",
            location=f"{prefix}.prn",
        )
    none = next((d for d in opioids if d.prn and d.daily_mg_per_day <= 0), None)
    if none is None:
        return InputError("no opioid dose is counted: nothing to convert", location=prefix)
    said = (
        "the proposal gives no regular opioid, and its as-needed doses are written as 0 doses "
        "in 24 h: no daily amount to check; write the doses expected in 24 h"
        if prefix == "proposed"
        else "no regular opioid, and no as-needed opioid dose taken (0 doses in 24 h): "
        "nothing to convert"
    )
    return InputError(said, location=f"{prefix}.items[{none.index}].doses_per_day")


def _methadone_line(
    tables: TableIndex, rules: RotationRules, daily: DailyItem, prn_policy: PrnPolicy, label: str
) -> MmeLine:
    rule = rules.methadone.from_methadone
    counted = counted_under(daily.prn, prn_policy, daily.kept)
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
        row=FROM_METHADONE_ROW,
        as_entered=dosing_as_entered(daily),
        explanation=(  # its product is no OME to convert from (clinician review 14 #5)
            f"{daily.drug.id} {daily.item.route}: {format_number(daily.daily_mg_per_day)} mg/day, "
            f"{not_summed(label)} ({source}: a cohort median, not bidirectional)"
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
        f" (range {format_number_span(ome.low_mg_per_day, ome.high_mg_per_day)})"
        if (ome.low_mg_per_day, ome.high_mg_per_day) != (ome.total_mg_per_day, ome.total_mg_per_day)
        else ""
    )
    return [
        f"1. Total {label} of the current regimen (as-needed doses "
        f"{prn}d{'' if prn_stated else ' by default; not stated'}):",
        *lines,
        f"   = {_total_text(ome, label, rng)}",
    ]


def _total_text(ome: CurrentOme, label: str, rng: str) -> str:
    apart = ome_apart(ome.lines)
    if apart is None:
        return f"{daily_amount(ome.total_mg_per_day, label)}{rng}"
    return not_summed_text(apart, label)


def not_summed_text(apart: OmeApart, label: str) -> str:
    """What stands for a total that would sum methadone: "not summed: …; the other lines by
    themselves: 22.5 mg/day OME" (the plan's step 1, its facts and the converter)."""
    return f"{not_summed(label)}{_others_text(apart, label)}"


def _others_text(apart: OmeApart, label: str) -> str:
    """ "; the other lines: 22.5 mg/day OME" (nothing when methadone is the only line)."""
    if apart.others_mg_per_day is None:
        return ""
    low, high = apart.others_low, apart.others_high
    rng = (
        f" (range {format_number_span(low, high)})"
        if low is not None and high is not None and low != high
        else ""
    )
    others = format_number(apart.others_mg_per_day)
    return f"; the other lines by themselves: {others} {daily_words(label)}{rng}"
