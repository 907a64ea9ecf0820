"""What the rules look at: which drug is (or will be) given, by which route, from which row, and
in which role: ``current`` (the regimen the patient is on: ``mme``'s regimen, the ``from`` of
``rotate`` and ``check``) or ``given`` (the regimen proposed: the plan's target and breakthrough,
``check``'s proposal). The same drug in the same role gets the same warning in every command.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

from mps_pain.domain.normalise import DailyItem
from mps_pain.tables.schema import Drug

__all__ = ["DrugUse", "Role", "uses_of"]

Role = Literal["current", "given"]


class DrugUse(NamedTuple):
    """One drug by one route in the regimen the rules judge; ``item`` is its row, if it has one.
    A NamedTuple: the rules make one per item per regimen judged, and a tuple is made in
    a third of the time of a frozen dataclass (the same fields, equality and hash)."""

    drug: Drug
    route: str
    item: int | None = None
    role: Role = "given"

    @property
    def is_patch(self) -> bool:
        return self.route == "transdermal"


def uses_of(items: Iterable[DailyItem], role: Role = "given") -> list[DrugUse]:
    return [DrugUse(d.drug, d.item.route, d.index, role) for d in items]
