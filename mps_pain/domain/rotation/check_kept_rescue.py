"""An as-needed line a proposal keeps from the current regimen while nothing else about the
opioids changes (clinician review 16, #2; fuzz review 10: a regimen checked against itself).

A proposed as-needed line beside a regular opioid is an order, not an intake
(``check_rescues``), and the current regimen's total counts the as-needed doses taken: the new
regular dose takes that use over, as the switching plan works it. One case is not a new order:
the proposal repeats every regular opioid line of the current regimen unchanged and repeats one
of its as-needed lines (the same drug, route, form and dose). Nothing is prescribed differently,
so the rescue's use goes on as it is: the line is read as the current one, with the doses taken
the current regimen reports on both sides (a count typed on the proposal is the use expected,
never summed), and the regimen reads as unchanged. Where the current line's doses are not
reported, the proposal's line stays an order.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.rotation.line_keys import family
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.errors import MpsPainError
from mps_pain.tables.index import TableIndex

__all__ = ["kept_rescue_counts"]


LineKey = tuple[object, ...]


def _key(tables: TableIndex, item: RegimenItem) -> LineKey | None:
    """What makes two lines the same order, by value, never by the words they are written in
    (fuzz review 17, D1: "10000 mcg" for "10 mg", "bid" for "q12h"; re-check 17b, N1: a daily
    total for its doses, "MR" for "ER", an as-needed form left out): the drug, route, product and
    form as the catalogue reads it; a regular line's amount a day, an as-needed line's one dose,
    immediate-release in any form (tablet, solution, unstated) being one rescue. None for a
    line that is not a known opioid."""
    try:
        drug = tables.resolve_drug(item.drug, location=None)
    except MpsPainError:
        return None
    if not drug.is_opioid:
        return None
    written = tables.resolve_form(drug, item.form) if item.form else None
    form = family(drug, item.route, written or (item.form.casefold() if item.form else None))
    if item.shape == "prn":
        release = "er" if form == "er" else None  # one immediate-release rescue, however written
        return (drug.id, item.route, release, item.product, "prn", _value(item.dose_mg()))
    return (drug.id, item.route, form, item.product, "regular", _value(item.daily_mg_per_day()))


def _value(amount: float | None) -> float | None:
    return None if amount is None else float(f"{amount:.9g}")


def _regular(tables: TableIndex, items: Sequence[RegimenItem]) -> list[str]:
    """The regular opioid lines, in an order of their own (two lists of the same lines match)."""
    keys = [_key(tables, item) for item in items if item.shape != "prn"]
    return sorted(repr(k) for k in keys if k is not None)


def kept_rescue_counts(tables: TableIndex, request: CheckRequest) -> dict[int, float]:
    """The proposed rows that keep a current as-needed line as it is, each with the doses a day
    the current regimen reports for it (none unless the regular opioids are unchanged)."""
    current, proposed = request.from_.items, request.proposed.items
    regular = _regular(tables, proposed)
    if not regular or regular != _regular(tables, current):
        return {}
    taken = [
        (_key(tables, item), item.doses_per_day)
        for item in current
        if item.shape == "prn" and isinstance(item.doses_per_day, float | int)
    ]
    kept: dict[int, float] = {}
    for i, item in enumerate(proposed):
        key = _key(tables, item) if item.shape == "prn" else None
        match = next((n for k, n in taken if key is not None and k == key), None)
        if match is not None:
            kept[i] = float(match)
            taken.remove((key, match))
    return kept
