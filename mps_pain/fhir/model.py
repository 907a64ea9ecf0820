"""What an import produces: the regimen document, where each row came from, and what was refused.

A refusal names the resource (``MedicationRequest/rx-17``) and the FHIRPath of the element
(``dosageInstruction[0].timing.repeat.periodUnit``); the edges turn it into one sentence.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import InputError
from mps_pain.units import excerpt

__all__ = [
    "ORDER_TYPES",
    "FhirImport",
    "FhirInputError",
    "ImportedOrder",
    "InactiveOrder",
    "Refusal",
    "RefusedOrder",
    "quoted",
    "system_named",
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


RefusalCode = Literal[
    "unknown-code",
    "no-code",
    "unsupported-timing",
    "unsupported-dosage",
    "no-unit",
    "bad-unit",
    "patch-as-dose",
    "invalid-resource",
    "unresolved-reference",
    "invalid-value",
]


def quoted(value: object) -> str:
    """A FHIR value as a message quotes it: “…”, cut and escaped by ``excerpt`` (the one function
    for echoed user text; fuzz review 8, #7: a 1 MB medication text was echoed whole)."""
    return f"“{excerpt(str(value))}”"


def system_named(system: str | None) -> str:
    """A coding's system as a message names it: "the system “…”", or "no system" where the
    coding names none (fuzz review 21, D7: 'system “None”' put a programming word in a
    refusal)."""
    return "no system" if system is None else f"the system {quoted(system)}"


class Refusal(Exception):
    """Raised inside the mapping: the element at ``path`` cannot be represented."""

    def __init__(self, code: RefusalCode, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.code: RefusalCode = code
        self.path = path
        self.message = message


class FhirInputError(InputError):
    """The file as a whole cannot be read as FHIR (not JSON, not a resource, nothing to import)."""

    code = "invalid-fhir"


class ImportedOrder(_Out):
    """One imported regimen row and its provenance."""

    item: int
    source: str
    medication: str
    choices: list[str] = []
    cautions: list[str] = []


#: the resources read as orders (a regimen row each); the sentences call these, and only these,
#: an "order" (fuzz review 18d, D4: a Patient counted as "1 order")
ORDER_TYPES = ("MedicationRequest", "MedicationStatement")


class RefusedOrder(_Out):
    source: str
    path: str
    code: RefusalCode
    message: str

    def sentence(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.source}{where}: {self.message}"


class InactiveOrder(_Out):
    source: str
    status: str
    medication: str


class FhirImport(_Out):
    """The result of ``import_fhir``: the regimen that mme, rotate and check read, and the rest."""

    document: RegimenDocument
    orders: list[ImportedOrder]
    refused: list[RefusedOrder]
    inactive: list[InactiveOrder]
    patient_notes: list[str] = []
    ignored: list[str] = []
    #: the resources among ``ignored`` that may hold a medication (``coverage``): a calculation
    #: from this file stops, naming them (fuzz review 18, D1)
    may_hold_medication: list[str] = []
