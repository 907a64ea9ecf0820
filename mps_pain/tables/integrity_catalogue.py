"""A table (or the FHIR terminology) names a drug only if the catalogue has it: the one rule and
its one refusal, for every place that names a drug."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from mps_pain.errors import TableValidationError

__all__ = ["catalogued"]

D = TypeVar("D")


def catalogued(drug_id: str, drugs: Mapping[str, D], location: str) -> D:
    """The catalogue's drug ``drug_id``; a ``TableValidationError`` at ``location`` if none."""
    drug = drugs.get(drug_id)
    if drug is None:
        raise TableValidationError(f"drug '{drug_id}' is not in the catalogue", location=location)
    return drug
