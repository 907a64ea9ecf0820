"""How a schedule names the current regimen's lines (every schedule module words them alike):
each opioid line by drug, route and dosing, and the non-opioid co-infusions kept unchanged."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem, describe_dosing
from mps_pain.domain.rotation.models import ScheduleEntry

__all__ = ["current_text", "keep_co_infusions"]


def current_text(items: Sequence[DailyItem]) -> str:
    opioids = [d for d in items if d.is_opioid]
    return "; ".join(
        f"{d.drug.id} {d.item.route}{' (prn)' if d.item.prn else ''} {describe_dosing(d)}"
        for d in opioids
    )


def keep_co_infusions(items: Sequence[DailyItem]) -> list[ScheduleEntry]:
    return [
        ScheduleEntry(
            when="throughout",
            action=f"Continue {d.drug.id} {d.item.route} {describe_dosing(d)} unchanged "
            "(co-medication).",
        )
        for d in items
        if not d.is_opioid
    ]
