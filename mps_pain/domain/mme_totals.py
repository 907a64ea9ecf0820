"""A regimen's total OME/day under one set, and under every set at once (the spread).

The rule is one: each counted opioid item's OME is its row's factor times its daily amount
(``TableIndex.find_factor``), tidied as its line shows it; the set's total is those added in
item order, tidied. ``set_total`` applies it to one set and raises when a row is missing;
``spread_totals`` applies it to every set and gives None where a set cannot cover the regimen:
where a set has no row for an item that adds something (``adds_nothing``: a line of 0 mg/day, an
as-needed line with none taken, adds 0 under every set, so it never leaves a set uncovered).

``spread_totals`` looks each item up under every set once per distinct (drug, route, form, daily
amount, band basis) and table: ``item_omes`` is a pure function of those and of the table, so a
repeat takes the first answer (``domain.memo``, up to ITEM_OMES_KEPT per table).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from mps_pain.domain.memo import keep, store
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import PrnPolicy, counted_under
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex
from mps_pain.units import tidy

__all__ = [
    "adds_nothing",
    "band_bases",
    "item_omes",
    "set_and_spread_totals",
    "set_total",
    "set_total_or_none",
    "spread_totals",
]

ITEM_OMES_KEPT = 100_000

_ItemOmes = tuple[float | None, ...]


def band_bases(items: Sequence[DailyItem], prn_policy: PrnPolicy) -> dict[tuple[str, str], float]:
    """Total counted daily dose per (drug, route): dose bands are chosen by the total."""
    totals: dict[tuple[str, str], float] = {}
    for daily in items:
        if not counted_under(daily.prn, prn_policy, daily.kept):
            continue
        key = (daily.drug_id, daily.route)
        totals[key] = totals.get(key, 0.0) + daily.daily_mg_per_day
    return totals


def adds_nothing(daily: DailyItem) -> bool:
    """A line counted as nothing (0 mg/day: an as-needed line with none taken): it adds 0 under
    every set, a set with no row for it included, so it never makes a spread's set "not covered"
    (clinician re-check 21b, D5: an as-needed alfentanil line with none taken made five of six
    sets "not covered"). The chosen set still converts every line its result shows."""
    return daily.daily_mg_per_day == 0


def _spread_row(daily: DailyItem, row: _ItemOmes) -> _ItemOmes:
    """``row`` as a spread adds it (``adds_nothing``: 0 under every set)."""
    return tuple(0.0 for _ in row) if adds_nothing(daily) else row


def _item_ome(tables: TableIndex, set_id: str, daily: DailyItem, basis: float | None) -> float:
    """One opioid item's OME/day under one set, tidied as its line shows it (raises
    NoConversionFactorError when the set has no row that applies)."""
    match = tables.find_factor(
        set_id,
        daily.drug_id,
        daily.route,
        daily.form,
        daily.daily_mg_per_day,
        location=f"{daily.location}.route",
        band_basis_mg_per_day=basis,
    )
    return tidy(match.ome_mg_per_day)


def _added(omes: Iterable[float]) -> float:
    """The set's total: the items' tidied OMEs added in item order, tidied."""
    total = 0.0
    for ome in omes:
        total += ome
    return tidy(total)


def set_total(
    tables: TableIndex,
    set_id: str,
    items: Sequence[DailyItem],
    prn_policy: PrnPolicy,
    bases: dict[tuple[str, str], float] | None = None,
    *,
    check_uncounted: bool = False,
) -> float:
    """Total OME of the counted opioid items under one set (raises NoConversionFactorError).

    Each item's OME is tidied as its line shows it, then added: a set's total is the same
    whether it is the chosen set or an entry of the spread. ``check_uncounted`` also looks up
    the opioid items the PRN choice leaves out, as a result's lines do, so that one the set
    has no row for refuses here too (a batch summary gives the result's refusal).
    """
    if bases is None:
        bases = band_bases(items, prn_policy)
    counted = _counted_rows(tables, set_id, items, prn_policy, bases, check_uncounted)
    return _added([ome for ome, _ in counted])


def _counted_rows(
    tables: TableIndex,
    set_id: str,
    items: Sequence[DailyItem],
    prn_policy: PrnPolicy,
    bases: dict[tuple[str, str], float],
    check_uncounted: bool,
) -> list[tuple[float, _ItemOmes]]:
    """Each counted opioid item's OME under ``set_id`` with its row under every set; an item
    ``set_id`` has no row for refuses (NoConversionFactorError, naming the row), also an
    uncounted one when ``check_uncounted``."""
    column = _column_of(tables, set_id)
    found = []
    for daily in items:
        if not daily.is_opioid:
            continue
        counted = counted_under(daily.prn, prn_policy, daily.kept)
        if not counted and not check_uncounted:
            continue
        basis = bases.get((daily.drug_id, daily.route))
        row = item_omes(tables, daily, basis)
        ome = row[column]
        if ome is None:  # the lookup again, for its refusal (which names the row)
            ome = _item_ome(tables, set_id, daily, basis)
        if counted:
            found.append((ome, _spread_row(daily, row)))
    return found


def _column_of(tables: TableIndex, set_id: str) -> int:
    """The position of ``set_id`` among the table's sets (``item_omes``'s order)."""
    columns = tables.memo.get("set_columns")
    if columns is None:
        columns = tables.memo["set_columns"] = {s: i for i, s in enumerate(tables.sets)}
    found = columns.get(set_id)
    return list(tables.sets).index(set_id) if found is None else cast(int, found)


def item_omes(tables: TableIndex, daily: DailyItem, basis: float | None) -> _ItemOmes:
    """An opioid item's tidied OME/day under each set, in the table's order of sets; None
    where a set has no row that applies. Remembered per table and distinct lookup."""
    amount = daily.daily_mg_per_day
    if amount == 0:  # 0.0 == -0.0: a zero's sign would not be in the key
        return _item_omes(tables, daily, basis)
    key = (daily.drug_id, daily.route, daily.form, amount, basis)
    answers = store(tables, "item_omes")
    found = answers.get(key)
    if found is None:  # never None once remembered (a tuple)
        found = keep(answers, key, _item_omes(tables, daily, basis), ITEM_OMES_KEPT)
    return cast(_ItemOmes, found)


def _item_omes(tables: TableIndex, daily: DailyItem, basis: float | None) -> _ItemOmes:
    omes: list[float | None] = []
    for set_id in tables.sets:
        try:
            omes.append(_item_ome(tables, set_id, daily, basis))
        except NoConversionFactorError:
            omes.append(None)
    return tuple(omes)


def spread_totals(
    tables: TableIndex,
    items: Sequence[DailyItem],
    prn_policy: PrnPolicy,
    bases: dict[tuple[str, str], float],
) -> dict[str, float | None]:
    """``set_total`` under every set, or None for a set with no row for a counted item."""
    rows = [
        _spread_row(daily, item_omes(tables, daily, bases.get((daily.drug_id, daily.route))))
        for daily in items
        if daily.counts(prn_policy)
    ]
    return _columns(tables, rows)


def _columns(tables: TableIndex, rows: list[_ItemOmes]) -> dict[str, float | None]:
    """Each set's total of the counted items' OMEs (``rows``, one per item), or None."""
    columns = zip(*rows, strict=True) if rows else [()] * len(tables.sets)
    totals: dict[str, float | None] = {}
    for set_id, column in zip(tables.sets, columns, strict=True):
        if None in column:
            totals[set_id] = None
            continue
        total = 0.0  # _added, inline: six calls a regimen
        for ome in column:
            total += ome
        totals[set_id] = tidy(total)
    return totals


def set_and_spread_totals(
    tables: TableIndex,
    set_id: str,
    items: Sequence[DailyItem],
    prn_policy: PrnPolicy,
    bases: dict[tuple[str, str], float],
    *,
    check_uncounted: bool = False,
) -> tuple[float, dict[str, float | None]]:
    """``set_total(...)`` and ``spread_totals(...)`` of the same items, each item's row looked
    up once for both (a batch summary gives both): the same refusal, first, and the same
    numbers (``tests/domain/test_fast_paths.py`` holds them equal)."""
    counted = _counted_rows(tables, set_id, items, prn_policy, bases, check_uncounted)
    return _added([ome for ome, _ in counted]), _columns(tables, [row for _, row in counted])


def set_total_or_none(
    tables: TableIndex,
    set_id: str,
    items: Sequence[DailyItem],
    prn_policy: PrnPolicy,
    bases: dict[tuple[str, str], float],
) -> float | None:
    """``set_total``, or None where the set has no row for a counted item (a spread's gap)."""
    return spread_totals(tables, items, prn_policy, bases)[set_id]
