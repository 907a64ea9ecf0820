"""What a switch continues: the current non-opioid lines whose drug the proposal does not name.

One rule for every reader (pharmacist re-check 18b, H1): the patient rules read these lines as
drugs to be given (``switch_factor_warnings``), and the check judges them with the proposed
lines by the maximum-dose rule and the avoid gate, as the planner's plan continues them
(``gate_given.continued_maximum``). A co-medication left out of the order is taken as it is
now, so leaving it out and writing it in unchanged are judged alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mps_pain.domain.normalise import DailyItem

__all__ = ["continued_co_medications"]


def continued_co_medications(
    current: Sequence[DailyItem], proposed_drugs: Iterable[str]
) -> list[DailyItem]:
    """The current non-opioid lines of a drug the proposal does not name (``proposed_drugs``:
    its drug ids), in their order: the proposal that names the drug says its new amount."""
    named = set(proposed_drugs)
    return [d for d in current if not d.is_opioid and d.drug.id not in named]
