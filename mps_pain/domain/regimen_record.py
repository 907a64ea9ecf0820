"""One pass over a regimen's resolved items, read by every rule of ``mme_warnings``.

Each regimen rule used to walk the items itself and pick what it judges: the maximum-dose rule
each drug's uses, the two-long-acting rule the regular long-acting lines, the patient rules a
``DrugUse`` per item, the patches and the regular opioids, and the warnings the items' notes.
On a batch of 100,000 regimens that was a dozen loops per regimen over the same few items
(issue 11 item 8). ``regimen_record`` gathers all of it in one loop; the rules read the record
and stay one function each (``max_dose_warnings``, ``long_acting_warnings``,
``regimen_factor_warnings``): what they judge, and how, is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, cast

from mps_pain.domain.long_acting import is_regular_long_acting
from mps_pain.domain.max_dose import Use
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import DrugUse, RegimenUses
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex

__all__ = ["RegimenRecord", "regimen_record"]


class RegimenRecord(NamedTuple):
    """What the regimen rules read of a regimen's items (``regimen_record``)."""

    uses: RegimenUses
    """The patient rules' view (``regimen_factor_warnings``)."""
    max_dose: dict[str, list[Use]]
    """Each drug with a cited maximum daily dose: its items' (position, route, mg/day), in
    item order (``max_dose_warnings``)."""
    long_acting: list[DailyItem]
    """The regular long-acting opioid lines (``is_regular_long_acting``), in item order."""
    notes: list[ClinicalWarning]
    """The items' own notes, in item order (e.g. a patch's content)."""


def regimen_record(tables: TableIndex, items: Sequence[DailyItem]) -> RegimenRecord:
    """The record of ``items`` (resolved items of one regimen, in order), in one pass."""
    limited = _limited_drugs(tables)
    current: list[DrugUse] = []
    patches: list[DrugUse] = []
    regular: list[DailyItem] = []
    beside_patch = False  # a regular opioid that is not a patch
    by_drug: dict[str, list[Use]] = {}
    long_acting: list[DailyItem] = []
    notes: list[ClinicalWarning] = []
    for daily in items:
        route = daily.route
        drug_id = daily.drug_id
        use = DrugUse(daily.drug, route, daily.index, "current", daily.prn)
        current.append(use)
        patch = route == "transdermal"
        if patch:
            patches.append(use)
        if daily.is_opioid and not daily.prn:
            regular.append(daily)
            beside_patch = beside_patch or not patch
            if is_regular_long_acting(daily):
                long_acting.append(daily)
        if drug_id in limited:  # a drug without a cited maximum has no warning
            found = by_drug.get(drug_id)
            if found is None:
                by_drug[drug_id] = [(daily.index, route, daily.daily_mg_per_day)]
            else:
                found.append((daily.index, route, daily.daily_mg_per_day))
        if daily.notes:
            notes.extend(daily.notes)
    uses = RegimenUses(current, patches, regular if beside_patch else None)
    return RegimenRecord(uses, by_drug, long_acting, notes)


def _limited_drugs(tables: TableIndex) -> frozenset[str]:
    """The ids of the drugs with a cited maximum daily dose (once per table)."""
    found = tables.memo.get("max_dose_drugs")
    if found is None:
        limited = frozenset(drug.id for drug in tables.drugs.values() if drug.max_daily)
        found = tables.memo["max_dose_drugs"] = {"ids": limited}
    return cast(frozenset[str], found["ids"])
