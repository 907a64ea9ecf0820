"""The drug a row's amount was typed for (clinician review 3: a patch rate kept silently when
the drug became oral morphine): a change of drug keeps the amount only until it is confirmed.
No Qt; the editing state (``ui.editing``) calls these with a row as typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["AMOUNT_FIELDS", "DrugId", "amount_of", "same_drug", "typed_for_after"]

AMOUNT_FIELDS = ("dose", "rate", "daily_dose")
"""The fields that hold a row's amount: kept across a change of drug only once confirmed."""
DrugId = Callable[[str], str | None]
"""A typed drug name → its catalogue id (None: not a drug of the catalogue)."""


def amount_of(raw: Mapping[str, Any]) -> str | None:
    """The field holding the row's amount (the first one filled in), None without one."""
    return next((f for f in AMOUNT_FIELDS if str(raw.get(f) or "").strip()), None)


def same_drug(a: str, b: str, drug_id: DrugId | None) -> bool:
    if drug_id is not None:
        known_a, known_b = drug_id(a), drug_id(b)
        if known_a is not None or known_b is not None:
            return known_a == known_b
    return a.strip().casefold() == b.strip().casefold()


def typed_for_after(
    raw: Mapping[str, Any], typed_for: str | None, name: str, value: Any, drug_id: DrugId | None
) -> str | None:
    """The drug the row's amount was typed for, after ``name`` is set to ``value``: an amount
    (re)entered belongs to the row's drug; a change of drug keeps the amount only for the drug
    it was typed for, until it is confirmed (clinician review 3: a patch rate kept silently
    when the drug became oral morphine)."""
    if name in AMOUNT_FIELDS:
        return None
    if name != "drug":
        return typed_for
    before = str(raw.get("drug") or "").strip()
    if typed_for is None and before and amount_of(raw) is not None:
        known = drug_id(before) if drug_id is not None else before
        typed_for = known  # an unknown name (a typo being corrected) has no dose of its own
    if typed_for is None or same_drug(str(value or ""), typed_for, drug_id):
        return None
    return typed_for
