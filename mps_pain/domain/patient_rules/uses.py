"""What the rules look at: which drug is (or will be) given, by which route, from which row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.tables.schema import Drug

__all__ = ["DrugUse", "uses_of"]


@dataclass(frozen=True, slots=True)
class DrugUse:
    """One drug by one route in the regimen the rules judge; ``item`` is its row, if it has one."""

    drug: Drug
    route: str
    item: int | None = None

    @property
    def is_patch(self) -> bool:
        return self.route == "transdermal"


def uses_of(items: Iterable[DailyItem]) -> list[DrugUse]:
    return [DrugUse(d.drug, d.item.route, d.index) for d in items]
