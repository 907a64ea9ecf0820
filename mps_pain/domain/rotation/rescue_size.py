"""The one base a rescue's size is judged against (pharmacist re-check 16b, #5).

The breakthrough dose is 1/10–1/6 of the 24-h REGULAR opioid dose (clinical-sources §3(d):
Scottish PCG, SIGN 106, JSPM/closedi.jp, MECtool), so a rescue is judged against every regular
opioid line it sits beside, not the line of its own drug: the whole regular dose in OME a day
under the set, valued as the check's total values it (``rescue_base``: clinician review 17, #1,
SC oxycodone was 60 mg/day OME in the total and 40 in the base), expressed as the rescue's drug
by its route by that same reading of a line of that drug (as the set-aside has compared a dose's
OME with the regular OME since re-check 15b), then the one fraction rule (``fraction_rescue``,
the planner's step 6, rounded as the planner rounds). For a switching plan's
single target that base is the target's own daily dose, so the planner's rescue is this rule's.

One function for every caller: the check's set-aside of a rescue order (``check_rescues``: one
dose at most the top of the range), its size caution (``rescue_fraction``: outside the range)
and their reasons. Re-check 16b found the caution compared a morphine rescue beside a patch and
morphine MR with the morphine MR alone (10 mg "outside 3–5 mg" beside 90 mg/day OME) while the
set-aside used the whole 90. A patch-linked rescue (oral morphine 0.4 mg per mcg/h of a fentanyl
patch, the Canadian card) lies inside 1/10–1/6 of the patch's OME under every set
(``tests/clinical/test_rescue_size_one_base.py`` holds it), so one range serves both.

None where the size cannot be judged by a sourced rule: beside methadone (no source gives its
breakthrough dose: agreed with the specialist), or where the set cannot value the rescue or a
regular line (a buccal fentanyl rescue: no set has a buccal factor, the documented coverage gap).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.domain.rotation.rescue_base import ome_per_mg, proposal_ome
from mps_pain.domain.rotation.rescue_fraction import fraction_rescue
from mps_pain.domain.rotation.rescue_rule import methadone_rescue_rule
from mps_pain.domain.rotation.rounding import MarketChoice
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["RescueSize", "regular_base", "rescue_size", "size_of"]


@dataclass(frozen=True)
class RescueSize:
    """``bt``: the fraction rule's numbers for the rescue; ``base_ome``: the whole regular dose
    in OME a day; ``daily_mg``: that dose as the rescue's drug by its route, mg a day."""

    bt: Breakthrough
    base_ome: float
    daily_mg: float


def regular_base(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    regular: Sequence[DailyItem],
    current: CurrentOme,
) -> float | None:
    """The whole regular opioid dose in OME a day under ``set_`` (every line, a patch's
    included), valued as the check's total values it beside ``current`` (``proposal_ome``,
    clinician review 17, #1), or None when the set cannot value a line or there is none."""
    opioids = [d for d in regular if d.is_opioid and not d.item.prn]
    return proposal_ome(tables, set_, rules, opioids, current) if opioids else None


def rescue_size(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    market: str | MarketChoice | None,
    regular: Sequence[DailyItem],
    rescue: DailyItem,
    current: CurrentOme,
) -> RescueSize | None:
    """The fraction rule's range (and the planner's rounded dose) for ``rescue``'s drug by its
    route, of the whole regular dose of ``regular`` beside the ``current`` regimen; None when it
    cannot be judged."""
    if methadone_rescue_rule(rules, {d.drug.id for d in regular}) is not None:
        return None
    base = regular_base(tables, rules, set_, regular, current)
    return None if base is None else size_of(tables, rules, set_, market, base, rescue, current)


def size_of(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    market: str | MarketChoice | None,
    base: float,
    rescue: DailyItem,
    current: CurrentOme,
) -> RescueSize | None:
    """The fraction rule's range for ``rescue``'s drug by its route of ``base`` OME a day."""
    per_mg = ome_per_mg(tables, set_, rules, rescue, current)
    if per_mg is None:
        return None
    daily = base / per_mg
    drug, route = rescue.drug, rescue.item.route
    bt = fraction_rescue(tables, rules, drug, route, rescue.form, daily, "mg", market)
    return RescueSize(bt, base, daily)
