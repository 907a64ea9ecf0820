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


def _key(tables: TableIndex, item: RegimenItem) -> RegimenItem | None:
    """The line with what does not change an order left out (its name, note and count); None
    for a line that is not an opioid or not a known drug."""
    try:
        drug = tables.resolve_drug(item.drug, location=None)
    except MpsPainError:
        return None
    if not drug.is_opioid:
        return None
    form = family(drug, item.route, item.form.casefold() if item.form else None)
    update = {"drug": drug.id, "form": form, "note": None, "doses_per_day": None}
    return item.model_copy(update=update)


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
