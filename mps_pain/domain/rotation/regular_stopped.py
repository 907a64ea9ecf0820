"""A regular line that stops is stopped, whatever as-needed lines of its drug the proposal adds.

Pharmacist review 20, H1 (high): morphine MR 60 mg q12h → oxycodone ER 40 mg q12h + morphine IR
40 mg as needed, 3 a day, was "a dose increase, not a switch (every current line kept, lines
added)": the rescue's stated daily amount (120 mg/day) stood in for the regular morphine that
stops, so the new regular opioid was never compared with the switching range and the doubled
total (240 mg/day OME) gave no danger, while the same check said the order "stops morphine oral
MR". The switch-kind decision (``dose_change_rule.is_dose_change``, ``same_route``,
``route_split``) reads a current drug by its route as kept only where the proposal still gives
it regularly, once the proposal starts a regular opioid the patient is not on: a rescue of the
old drug is an as-needed order beside the new one, never the old regular dose carried on.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem

__all__ = ["regular_nodes", "switched_regular"]


def regular_nodes(lines: Sequence[DailyItem]) -> frozenset[tuple[str, str]]:
    """The (drug, route) of each regular (not as-needed) opioid line of ``lines``."""
    return frozenset(
        (d.drug.id, d.item.route) for d in lines if d.is_opioid and d.item.shape != "prn"
    )


def switched_regular(
    lines: Sequence[DailyItem], proposal: Sequence[DailyItem]
) -> frozenset[tuple[str, str]]:
    """The current (drug, route) whose regular lines the ``proposal`` stops while it starts a
    regular opioid at a (drug, route) the patient takes no regular line of: those are switched,
    whatever as-needed lines of them the proposal adds. Empty where no regular line stops, or
    where no regular line starts (a regular dose turned to as-needed use only stays the drug's
    own dose change)."""
    now, new = regular_nodes(lines), regular_nodes(proposal)
    if not new - now:
        return frozenset()
    return now - new
