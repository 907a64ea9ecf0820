"""Steps 3–4 of the flow for the risk/comparison number: daily amount × the set's factor.

``compute_mme`` returns an MmeResult whose every line carries its arithmetic, the table row,
version and hash. This is the MME/OME *measure* of a regimen; a switching dose is a different
computation (``domain.rotation``), because the CDC says MME factors are not for converting
between opioids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Literal

from mps_pain.domain.factor_end import range_end_words
from mps_pain.domain.form_words import product_label
from mps_pain.domain.market_words import spoken_market
from mps_pain.domain.memo import recent
from mps_pain.domain.mme_totals import (
    adds_nothing,
    band_bases,
    set_total,
    set_total_or_none,
    spread_totals,
)
from mps_pain.domain.normalise import (
    DailyItem,
    describe_dosing,
    dosing_as_entered,
    excluded_unreported_note,
    normalise_item,
    unreported_prn,
)
from mps_pain.domain.ranged_total import ranged_total
from mps_pain.domain.regimen import (
    Patient,
    PrnPolicy,
    RegimenDocument,
    RegimenItem,
    counted_under,
)
from mps_pain.domain.results import (
    Amount,
    ClinicalWarning,
    ExcludedItem,
    MmeLine,
    MmeResult,
    SpreadEntry,
    sort_warnings,
)
from mps_pain.domain.staged_start import uncounted_status
from mps_pain.domain.warnings import mme_warnings, threshold_warnings
from mps_pain.errors import MpsPainError, NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Factor, ReferenceSet
from mps_pain.units import format_number, tidy

__all__ = [
    "DEFAULT_PRN_POLICY",
    "band_bases",
    "compute_mme",
    "line_for",
    "mme_warnings",
    "resolve_items",
    "resolve_regimen",
    "set_total",
    "set_total_or_none",
    "spread_totals",
]

DEFAULT_PRN_POLICY: PrnPolicy = "include"
OnItemError = Literal["raise", "exclude"]


def resolve_items(
    tables: TableIndex,
    document: RegimenDocument,
    on_item_error: OnItemError = "raise",
    prn_policy: PrnPolicy | None = None,
) -> tuple[list[DailyItem], list[ExcludedItem]]:
    """Normalise every item; with ``exclude``, bad items are set aside with their reason.
    ``prn_policy``: the PRN choice (else the document's), for ``resolve_regimen``'s set-aside."""
    policy = prn_policy if prn_policy is not None else document.prn
    return resolve_regimen(tables, document.items, policy, on_item_error)


def resolve_regimen(
    tables: TableIndex,
    items: Sequence[RegimenItem],
    policy: PrnPolicy | None,
    on_item_error: OnItemError = "raise",
    normalise: Callable[[int, RegimenItem], DailyItem] | None = None,
) -> tuple[list[DailyItem], list[ExcludedItem]]:
    """The one rule for a regimen's rows (``mme``, ``rotate``, ``check``, the batch summary,
    which passes its cached ``normalise``): every row normalised; under the PRN choice
    'exclude' an as-needed row whose count was not reported is set aside with an info note
    carried by the first resolved row (review 7, D11: the count cannot change the total); with
    no other row it is refused as before (nothing would be left, never a total of 0)."""
    normalise = normalise or (lambda position, item: normalise_item(tables, position, item))
    resolved: list[DailyItem] = []
    excluded: list[ExcludedItem] = []
    aside: dict[int, ClinicalWarning] = {}
    for position, item in enumerate(items):
        try:
            if policy == "exclude" and unreported_prn(item):
                aside[position] = excluded_unreported_note(tables, position, item)
            else:
                resolved.append(normalise(position, item))
        except MpsPainError as exc:
            if on_item_error == "raise":
                raise
            excluded.append(_excluded(position, exc))
    if aside and resolved:
        resolved[0] = replace(resolved[0], notes=(*resolved[0].notes, *aside.values()))
    for position in aside if not resolved else ():
        try:  # nothing else to total: refused (prn-not-reported) as before, never a 0 total
            normalise_item(tables, position, items[position])
        except MpsPainError as exc:
            if on_item_error == "raise":
                raise
            excluded.append(_excluded(position, exc))
    return resolved, excluded


def _excluded(position: int, exc: MpsPainError) -> ExcludedItem:
    return ExcludedItem(
        index=position,
        code=exc.code,
        message=exc.message,
        location=exc.location,
        suggestions=tuple(getattr(exc, "suggestions", ())),
    )


LINES_KEPT = 256
"""Worked lines remembered per table (the ones used last); few, as ``NORMALISED_KEPT``."""


def line_for(
    tables: TableIndex,
    set_: ReferenceSet,
    daily: DailyItem,
    prn_policy: PrnPolicy,
    band_basis_mg_per_day: float | None = None,
) -> MmeLine:
    """The worked line of one item under one set (raises NoConversionFactorError), its drug and
    form in the words of the market spoken now (``market_words``; none: the catalogue's).

    A pure function of the table, the set, the normalised item (immutable), the PRN policy, the
    band basis and the market's words: remembered per table for the last LINES_KEPT lines when
    the set is the table's own (``memo.recent``), keyed by the normalised item's identity, held
    with the line
    (``normalise_item`` gives the same object for the same item). A refusal is not remembered.
    """
    args = (tables, set_, daily, prn_policy, band_basis_mg_per_day)
    if tables.sets.get(set_.id) is not set_:
        return _line_for(*args)
    found = recent(
        tables,
        "line_for",
        (set_.id, id(daily), prn_policy, band_basis_mg_per_day, spoken_market().key),
        lambda: (daily, _line_for(*args)),
        LINES_KEPT,
    )
    if found[0] is daily:
        return found[1]
    return _line_for(*args)


def factor_text(factor: Factor, route: str, label: str) -> str:
    """A row's factor as the worked arithmetic says it: its point, and where the row cites a
    range, the range, which end the point is, and the end a switch target and a checked proposal
    are read at (``factor_end.range_end``): never a bare "× 2" where the sources give 2–3."""
    span = (factor.range.low, factor.range.high) if factor.range else None
    words = range_end_words(factor.factor, span, route, label)
    point = format_number(factor.factor)
    return point if words is None else f"{point} ({words})"


def _line_for(
    tables: TableIndex,
    set_: ReferenceSet,
    daily: DailyItem,
    prn_policy: PrnPolicy,
    band_basis_mg_per_day: float | None,
) -> MmeLine:
    item = daily.item
    counted = counted_under(item.prn, prn_policy, daily.kept)
    dosing = describe_dosing(daily)
    name = product_label(daily.drug.id, item.route, daily.form)
    base = {
        "index": daily.index,
        "drug": daily.drug.id,
        "route": item.route,
        "form": daily.form,
        "prn": item.prn,
        "daily_dose": Amount(value=daily.daily_mg_per_day, unit="mg/day"),
        "as_entered": dosing_as_entered(daily),
    }
    if not daily.is_opioid:
        return _adjuvant_line(base, f"{name}: {dosing}", set_)
    match = tables.find_factor(
        set_.id,
        daily.drug.id,
        item.route,
        daily.form,
        daily.daily_mg_per_day,
        location=f"{daily.location}.route",
        band_basis_mg_per_day=band_basis_mg_per_day,
    )
    factor = match.factor
    amount_in_per = tidy(match.amount_in_per)
    dosing, basis = _dosing_and_basis(daily, factor, dosing, amount_in_per)
    band = _band_text(factor, daily, band_basis_mg_per_day)
    mme = tidy(match.ome_mg_per_day)
    status = "" if counted else uncounted_status(item.prn, item.stops_after)
    source = tables.cite(factor.citation)
    explanation = (
        f"{name}: {dosing}{basis} × {factor_text(factor, item.route, set_.output_label)}{band} "
        f"({source}) = {format_number(mme)} {set_.output_label}/day{status}"
    )
    return MmeLine(
        **base,
        kind="opioid",
        counted=counted,
        dose_basis=Amount(value=amount_in_per, unit=factor.per),
        factor=factor.factor,
        factor_range=(factor.range.low, factor.range.high) if factor.range else None,
        mme_per_day=mme,
        source=source,
        row=f"reference_sets[{set_.id}].factors[{match.row_index}]",
        explanation=explanation,
    )


def _adjuvant_line(base: dict[str, Any], written: str, set_: ReferenceSet) -> MmeLine:
    """The line of an adjuvant: listed, never added."""
    return MmeLine(
        **base,
        kind="adjuvant",
        counted=False,
        dose_basis=None,
        factor=None,
        factor_range=None,
        mme_per_day=None,
        source=None,
        row=None,
        explanation=f"{written} — adjuvant, tracked, adds no {set_.output_label}",
    )


def _dosing_and_basis(
    daily: DailyItem, factor: Factor, dosing: str, amount_in_per: float
) -> tuple[str, str]:
    """The dosing as the row reads it (a rate in the row's own unit), and the amount in the
    row's unit when the row is not per mg/day."""
    item = daily.item
    if item.rate is not None and item.rate.unit == factor.per and item.concentration is None:
        how = "patch" if item.route == "transdermal" else "continuous"
        return f"{format_number(item.rate.value)} {item.rate.unit} {how}", ""
    if factor.per != "mg/day":
        return dosing, f" = {format_number(amount_in_per)} {factor.per}"
    return dosing, ""


def _band_text(factor: Factor, daily: DailyItem, band_basis_mg_per_day: float | None) -> str:
    """The dose band a line's factor comes from, and the total that chose it if not the line's."""
    if factor.band is None:
        return ""
    low = format_number(factor.band.above)
    if factor.band.up_to is None:
        band = f" [band: above {low} {factor.band.unit}"
    else:
        band = f" [band: above {low} to {format_number(factor.band.up_to)} {factor.band.unit}"
    if band_basis_mg_per_day is not None and band_basis_mg_per_day != daily.daily_mg_per_day:
        band += f", by the {format_number(band_basis_mg_per_day)} mg/day total of {daily.drug.id}"
    return band + "]"


def _reached(
    tables: TableIndex, set_id: str, total: float | None, patient: Patient
) -> Literal["danger", "caution"] | None:
    """The severity of the set's own threshold its total reaches (``threshold_warnings``)."""
    if total is None:
        return None
    found = threshold_warnings(tables, tables.sets[set_id], total, patient)
    severity = found[0].severity if found else None
    return severity if severity in ("danger", "caution") else None


def _spread(
    tables: TableIndex,
    items: Sequence[DailyItem],
    prn_policy: PrnPolicy,
    chosen: tuple[str, float | None],
    patient: Patient,
) -> list[SpreadEntry]:
    """The same readable items under every set, each with its own factors (a row the chosen set
    cannot convert is its gap only: clinician review 13 #2, methadone left out of every set under
    the UK set hid CDC 2022's 163.5 MME/day); the chosen set's total is the one already computed,
    and None where it left a row out (then it is computed here, to say which row)."""
    bases = band_bases(items, prn_policy)
    totals = spread_totals(tables, items, prn_policy, bases)
    entries = []
    for set_ in tables.tables.reference_sets:
        common = {
            "table": set_.id,
            "name": set_.name,
            "purpose": set_.purpose,
            "output_label": set_.output_label,
        }
        if set_.id == chosen[0] and chosen[1] is not None:
            reached = _reached(tables, set_.id, chosen[1], patient)
            entries.append(SpreadEntry(**common, total_mme_per_day=chosen[1], threshold=reached))
            continue
        total = totals[set_.id]
        if total is None:  # set_total's refusal says which row is missing
            try:
                adding = [d for d in items if not adds_nothing(d)]  # as ``spread_totals``
                total = set_total(tables, set_.id, adding, prn_policy, bases)
            except NoConversionFactorError as exc:
                entries.append(SpreadEntry(**common, total_mme_per_day=None, missing=str(exc)))
                continue
        reached = _reached(tables, set_.id, total, patient)
        entries.append(SpreadEntry(**common, total_mme_per_day=total, threshold=reached))
    return entries


def compute_mme(
    tables: TableIndex,
    document: RegimenDocument,
    *,
    table_id: str,
    prn_policy: PrnPolicy | None = None,
    on_item_error: OnItemError = "raise",
) -> MmeResult:
    """Total daily MME/OME of a regimen under ``table_id``, with lines, spread and warnings.

    Formula per opioid item: daily amount in the row's unit × the row's factor (table row cited
    on the line). Adjuvants are listed and never add. With ``on_item_error="exclude"`` a bad
    item is listed under ``excluded`` and the total says so; otherwise the first problem raises.
    """
    set_ = tables.reference_set(table_id, location="table")
    has_prn = any(item.prn for item in document.items)
    stated = prn_policy is not None
    policy: PrnPolicy = prn_policy if prn_policy is not None else DEFAULT_PRN_POLICY
    items, excluded = resolve_items(tables, document, on_item_error, policy)
    unread = {e.index for e in excluded}  # rows that cannot be read: left out of every set
    lines: list[MmeLine] = []
    bases = band_bases(items, policy)
    for daily in items:
        try:
            basis = bases.get((daily.drug.id, daily.item.route))
            lines.append(line_for(tables, set_, daily, policy, basis))
        except NoConversionFactorError as exc:
            if on_item_error == "raise":
                raise
            excluded.append(
                ExcludedItem(
                    index=daily.index, code=exc.code, message=exc.message, location=exc.location
                )
            )
    uncovered = {e.index for e in excluded} - unread  # the chosen set's own gaps
    counted_items = [d for d in items if d.index not in uncovered]
    total = set_total(tables, set_.id, counted_items, policy, bases)
    # the safety rules read every readable row, counted or not (clinician re-check 18b #1)
    warnings = mme_warnings(
        tables, set_, document, items, total, has_prn=has_prn, prn_stated=stated
    )
    if excluded:
        rows = ", ".join(str(e.index + 1) for e in sorted(excluded, key=lambda e: e.index))
        warnings.append(
            ClinicalWarning(
                code="rows-excluded",
                severity="danger",
                message=f"The total leaves out row(s) {rows}, which could not be computed; "
                "correct them before using the total.",
            )
        )
    return MmeResult(
        table=tables.ref(set_.id),
        table_name=set_.name,
        purpose=set_.purpose,
        output_label=set_.output_label,
        prn=policy,
        prn_stated=stated,
        total_mme_per_day=total,
        items=sorted(lines, key=lambda line: line.index),
        excluded=sorted(excluded, key=lambda e: e.index),
        spread=_spread(
            tables, items, policy, (set_.id, None if uncovered else total), document.patient
        ),
        warnings=sort_warnings(warnings),
        cautions=list(set_.cautions),
        ranged_total=ranged_total(sorted(lines, key=lambda line: line.index)),
    )
