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

__all__ = ["DrugUse", "RegimenUses", "Role", "uses_of"]

Role = Literal["current", "given"]


class DrugUse(NamedTuple):
    """One drug by one route in the regimen the rules judge; ``item`` is its row, if it has one.
    A NamedTuple: the rules make one per item per regimen judged, and a tuple is made in
    a third of the time of a frozen dataclass (the same fields, equality and hash)."""

    drug: Drug
    route: str
    item: int | None = None
    role: Role = "given"
    prn: bool = False
    """An as-needed line (a rule of regular use does not judge it)."""

    @property
    def is_patch(self) -> bool:
        return self.route == "transdermal"


def uses_of(items: Iterable[DailyItem], role: Role = "given") -> list[DrugUse]:
    return [DrugUse(d.drug, d.item.route, d.index, role, d.prn) for d in items]


class RegimenUses(NamedTuple):
    """What the patient rules read of a regimen as given (``mme``), gathered in the regimen's
    one pass over its items (``domain.regimen_record``), not by each rule walking them again."""

    current: list[DrugUse]
    """Every item, in the ``current`` role, in item order."""
    patches: list[DrugUse]
    """The transdermal ones among ``current`` (what the patch-tolerance rules judge)."""
    tolerance_basis: list[DailyItem] | None
    """The regular opioids when one of them is not a patch, else None (judged by the patient
    record only: ``regimen_factor_warnings``)."""
