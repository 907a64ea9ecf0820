"""The same order written twice (outside fuzz review 6, item 1): a duplicated line is a classic
medication error, so two items that are the same order carry a caution naming both positions.

The same function flags the current regimen (``mme``, ``rotate``, ``check``) and the regimen
``check`` is asked about (``regimen="proposed"``): a proposal written twice doubles what is given
as surely as a current line written twice doubles the OME. The proposed rows are named as such
and the warning points at no current row (``item`` None; ``items`` are the proposal's rows).

"The same order" is the same catalogue drug, route, form and as-needed flag with the same daily
amount once normalised (``10 mg q12h`` and ``20 mg/day`` are the same order; see README,
"Choices made where the issues are silent"). An omitted form is no difference: a line without
its form repeats an earlier line that agrees in everything else whatever that line's form (fuzz
review 8, #4); two stated forms that differ are two orders. The total still counts both: the
user may mean it. Patch rows are not judged by it: patches are worn together; rows of one patch
strength that a single made patch would replace get their own caution (``patches_alike``, fuzz
review 19 D1), which says both readings and asks no one to remove one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patches_alike import named_rows, patches_alike_warnings
from mps_pain.domain.results import ClinicalWarning
from mps_pain.units import format_number

__all__ = ["DUPLICATE_ITEM", "duplicate_item_warnings"]

DUPLICATE_ITEM = "duplicate-item"

_DIGITS = 9  # daily amounts from different spellings agree to float rounding, not bit for bit

_Order = tuple[str, str, bool, float]


def _order(daily: DailyItem) -> _Order:
    """Everything an order is but its form (compared by ``_same_form``)."""
    amount = round(daily.daily_mg_per_day, _DIGITS)
    return (daily.drug.id, daily.item.route, daily.item.prn, amount)


def _same_form(first: DailyItem, repeat: DailyItem) -> bool:
    return first.form is None or repeat.form is None or first.form == repeat.form


Regimen = Literal["current", "proposed"]


def duplicate_item_warnings(
    items: Sequence[DailyItem], *, regimen: Regimen = "current"
) -> list[ClinicalWarning]:
    """One caution per item that repeats an earlier one, naming both (first, repeat)."""
    drug_ids = [daily.drug_id for daily in items]
    if len(set(drug_ids)) == len(drug_ids):
        return []  # an order names its drug: with no drug twice, no order is repeated
    # nor can an item whose drug is written once repeat or be repeated: the rule judges the
    # others, in their order (oxycodone ER beside IR, the usual case, leaves two items)
    twice = {drug_id for drug_id in drug_ids if drug_ids.count(drug_id) > 1}
    return _repeated_orders([daily for daily in items if daily.drug.id in twice], regimen)


def _repeated_orders(
    items: Sequence[DailyItem], regimen: Regimen = "current"
) -> list[ClinicalWarning]:
    """The rule itself: each item's order against the earlier ones; patch rows by their own
    rule (``patches_alike``)."""
    seen: dict[_Order, list[DailyItem]] = {}
    warnings: list[ClinicalWarning] = []
    for daily in (d for d in items if not d.worn_together):  # re-check 18d M1: patches
        earlier = seen.setdefault(_order(daily), [])
        first = next((e for e in earlier if _same_form(e, daily)), None)
        if first is not None:
            warnings.append(_warning(first.index, daily, regimen))
        else:
            earlier.append(daily)
    return warnings + patches_alike_warnings(items, regimen=regimen)


def _warning(earlier: int, daily: DailyItem, regimen: Regimen) -> ClinicalWarning:
    prn = " as needed" if daily.item.prn else ""
    rows = named_rows((earlier, daily.index), regimen)
    # said of the order, not of the total: a row the set cannot count (methadone under a set
    # without its factor) or that the PRN choice leaves out is still given (re-check 18b #1)
    counted = "both would be given, twice the dose"
    if regimen == "proposed":
        counted = "both are judged as given (the proposal's total counts both)"
    return ClinicalWarning(
        code=DUPLICATE_ITEM,
        severity="caution",
        message=f"{rows} are the same order "
        f"({product_label(daily.drug.in_sentence, daily.item.route, daily.form)}{prn}, "
        f"{format_number(daily.daily_mg_per_day)} mg/day): {counted}. Remove one if it was "
        "entered twice.",
        item=earlier if regimen == "current" else None,
        items=(earlier, daily.index),
    )
