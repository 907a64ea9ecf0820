"""Two regular long-acting opioids at once (clinician review 8, finding 1): oxycodone ER 30 mg q12h
with a fentanyl patch 25 mcg/h added was 150 OME/day in plain black, with nothing saying that a
second long-acting opioid was running on top of the first. Forgetting to stop the previous
long-acting opioid after starting the new one is the classic omission at a switch, and it
doubles the background opioid.

One rule (``long_acting_warnings``), called wherever the warnings of a regimen that will be given
are made: ``mme`` (and so the app's total) and the regimen ``check`` is asked about
(``regimen="proposed"``, only where the proposal starts more long-acting lines than it stops:
``started_long_acting_warnings``). Never of the regimen a rotation switches away from (the
planner's and the check's current regimen, ``rotation.ome``): the rotation stops it, and "is
the first meant to stop?" about lines the plan stops anyway is noise that teaches users to
ignore the caution (pharmacist review 9, D-E). A regimen with two or more regular
long-acting opioid lines carries ONE caution naming exactly those rows. The planner's
transition steps (the previous opioid kept for the patch's onset) are a schedule, not a
regimen, and never pass through it.

"Regular long-acting" (no source gives a list; the choice is the software's, docs/rotation.md):
a line that is not as needed and is a transdermal patch (fentanyl, buprenorphine), a
modified-release oral form (the catalogue's ``er``: ER, SR, CR, MR, LA), or methadone (long
half-life, given regularly). An infusion (CSCI, IV) is not: a syringe driver added to a patch
in the last days of life is the usual, deliberate practice. No number is involved, so there is
no table row; the caution names the rows and asks, the total still counts them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning

__all__ = [
    "MODIFIED_RELEASE_FORM",
    "TWO_LONG_ACTING",
    "is_regular_long_acting",
    "long_acting_lines",
    "long_acting_warnings",
    "started_long_acting_warnings",
]

TWO_LONG_ACTING = "two-long-acting-opioids"

MODIFIED_RELEASE_FORM = "er"  # the catalogue's id of modified-release oral forms
_LONG_HALF_LIFE = frozenset({"methadone"})

Regimen = Literal["current", "proposed"]

_COUNT_WORDS = {2: "Two", 3: "Three", 4: "Four", 5: "Five"}


def is_regular_long_acting(daily: DailyItem) -> bool:
    """A regular (not as-needed) opioid line that is a patch, a modified-release oral form or
    methadone."""
    if not daily.is_opioid or daily.prn:
        return False
    return (
        daily.route == "transdermal"
        or daily.form == MODIFIED_RELEASE_FORM
        or daily.drug_id in _LONG_HALF_LIFE
    )


def _what(daily: DailyItem) -> str:
    if daily.item.route == "transdermal":
        return f"{daily.drug.in_sentence} patch"
    if daily.form == MODIFIED_RELEASE_FORM:
        return f"{daily.drug.in_sentence} modified-release"
    return daily.drug.in_sentence


def _order(daily: DailyItem) -> tuple[str, int]:
    """Patches of one drug are worn together, one order (250 mcg/h is 100 + 100 + 50, the plan's
    own order lines; final clinician re-check 18d, D3: Apply's three patches read "Three regular
    long-acting opioids … doubles the background opioid"); every other line is its own."""
    if daily.worn_together:
        return (daily.drug.id, -1)
    return (daily.drug.id, daily.index)


def _orders(lines: Sequence[DailyItem]) -> list[list[DailyItem]]:
    """The lines as orders, in the order of their first row: one drug's patches are one order
    (pharmacist review 19, L1: two patches and oxycodone ER read "Three regular long-acting
    opioids (…: fentanyl patch; fentanyl patch; oxycodone …)")."""
    orders: dict[tuple[str, int], list[DailyItem]] = {}
    for daily in lines:
        orders.setdefault(_order(daily), []).append(daily)
    return list(orders.values())


def _order_words(order: Sequence[DailyItem]) -> str:
    """'oxycodone modified-release'; 'fentanyl patch, rows 1 and 2' for patches worn together."""
    if len(order) < 2:
        return _what(order[0])
    return f"{_what(order[0])}, rows {_rows([d.index for d in order])}"


def _rows(indices: Sequence[int]) -> str:
    numbers = [str(i + 1) for i in indices]
    return f"{', '.join(numbers[:-1])} and {numbers[-1]}"


def long_acting_lines(items: Sequence[DailyItem]) -> list[DailyItem]:
    """The regular long-acting opioid lines of a regimen, in item order (``mme`` gathers them
    in the regimen's one pass, ``regimen_record``)."""
    return [daily for daily in items if is_regular_long_acting(daily)]


def long_acting_warnings(
    lines: Sequence[DailyItem], *, regimen: Regimen = "current"
) -> list[ClinicalWarning]:
    """One caution naming every regular long-acting opioid line, when there are two or more.
    ``lines``: the regimen's regular long-acting lines (``long_acting_lines``)."""
    orders = _orders(lines)
    if len(orders) < 2:
        return []
    indices = tuple(daily.index for daily in lines)
    count = _COUNT_WORDS.get(len(orders), str(len(orders)))
    rows = f"{'proposed rows' if regimen == 'proposed' else 'rows'} {_rows(indices)}"
    which = "the first" if len(orders) == 2 else "an earlier one"
    names = "; ".join(_order_words(order) for order in orders)
    same = len({(o[0].drug.id, o[0].item.route, o[0].form) for o in orders}) < len(orders)
    combined = (
        " Two strengths of the same product that together make one dose are expected."
        if same
        else ""
    )
    return [
        ClinicalWarning(
            code=TWO_LONG_ACTING,
            severity="caution",
            message=f"{count} regular long-acting opioids ({rows}: {names}): is {which} meant "
            "to stop? Starting a new long-acting opioid without stopping the previous one "
            f"doubles the background opioid; all of them are given.{combined}",
            item=indices[0] if regimen == "current" else None,
            items=indices,
        )
    ]


def _key(daily: DailyItem) -> tuple[str, str, bool]:
    """What makes a long-acting line the same line: drug, route, modified-release or not."""
    return daily.drug_id, daily.route, daily.form == MODIFIED_RELEASE_FORM


def started_long_acting_warnings(
    current: Sequence[DailyItem], proposed: Sequence[DailyItem]
) -> list[ClinicalWarning]:
    """The proposal's caution, only where it STARTS more regular long-acting lines than it stops
    (a new one without the previous one stopped), two or more then proposed. Lines already given
    and kept, or one replaced by another, are not asked about (pharmacist re-check 13b, #5a: the
    kept patch of "patch + morphine ER -> patch + oxycodone ER" was asked "meant to stop?")."""
    lines = long_acting_lines(proposed)
    before = {_key(d) for d in long_acting_lines(current)}
    after = {_key(d) for d in lines}
    if len(after - before) <= len(before - after):
        return []
    return long_acting_warnings(lines, regimen="proposed")
