"""The proposal's lines that set the switch's kind: never a rescue summed by its count
(``summed_rescue``, session 20)."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem

__all__ = ["regular_part", "summed_rescues", "target_lines"]


def summed_rescues(
    proposed: Sequence[DailyItem], prn: str | None, methadone: str | None
) -> list[DailyItem]:
    """The proposal's counted as-needed opioid lines beside a regular opioid (not methadone's)."""
    if not any(d.is_opioid and not d.prn for d in proposed):
        return []
    return [d for d in proposed if d.counts(prn) and d.prn and d.drug.id != methadone]


def target_lines(
    proposed: Sequence[DailyItem], prn: str, methadone: str, current: Sequence[DailyItem] = ()
) -> list[DailyItem]:
    """The lines the switch is classified by: the counted lines but its summed rescues, unless
    the ``current`` regimen has an as-needed line of that drug by that route (counted on both
    sides alike: a regimen checked against itself keeps its rescue, ``check_kept_rescue``)."""
    now = {(d.drug.id, d.item.route) for d in current if d.prn}
    summed = {
        d.index
        for d in summed_rescues(proposed, prn, methadone)
        if (d.drug.id, d.item.route) not in now
    }
    lines = [d for d in proposed if d.counts(prn) and d.index not in summed]
    return lines or [d for d in proposed if d.is_opioid]


def regular_part(proposed: Sequence[DailyItem], prn: str) -> list[DailyItem]:
    """The proposal but its summed rescues, for a range in one drug's amount (a route ratio, a
    patch band): no methadone line is there (any makes the switch one to methadone)."""
    summed = {d.index for d in summed_rescues(proposed, prn, None)}
    return [d for d in proposed if d.index not in summed]
