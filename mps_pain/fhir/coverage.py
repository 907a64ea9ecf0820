"""What of a FHIR file a calculation leaves out, and whether it may go on without it.

One rule for ``mme``, ``rotate`` and ``check`` with ``--fhir`` and for the app's import (fuzz
review 18, D1: a fentanyl patch recorded as a ``MedicationDispense`` was left out of the total
with exit 0 and no word; 22.5 MME/day for 82.5). Only orders (``MedicationRequest``,
``MedicationStatement``), ``Medication``, the ``Patient`` and ``Observation`` are read. Any other
resource is *not read*, and:

- one that may hold a medication (a dispensing or administration record, ``Basic``, a care plan,
  a document: every type but the few below) stops a calculation, named, as a refused order does:
  a total without one of the patient's opioids would be silently low;
- one whose FHIR R4 type has no element for a medication or substance (a condition, an
  encounter, a practitioner…), and that contains no other resource, is named and the
  calculation goes on.

A resource ``contained`` in one that is read, at any depth, is not read either (fuzz re-check
18c, N1: a morphine order contained in the Patient was left out silently, 82.5 MME/day for
142.5), except a ``Medication``, which is read with the order that names it (``"#med1"``). It
is named by the same rule, as contained in its holder.
"""

from __future__ import annotations

import shlex
from typing import Any

from pydantic import BaseModel, ConfigDict

from mps_pain.fhir.model import ORDER_TYPES, FhirImport, InactiveOrder, RefusedOrder
from mps_pain.plural import counted
from mps_pain.sentences import clauses

__all__ = [
    "HOLDS_NO_MEDICATION",
    "NO_MEDICATION_REASONS",
    "LeftOut",
    "contained_unread",
    "left_out",
    "may_hold_medication",
]

#: FHIR R4 resource types that hold no medication of the patient's, each with its reason: no
#: element names a medication or substance given, taken, dispensed or planned for the patient.
#: A type is added only with such a reason from its R4 definition (fuzz re-check 18c, N8:
#: OperationOutcome, Provenance, Goal, Flag, Coverage, Device and MedicationKnowledge stopped
#: every total). Left out on purpose, so they stop the total: ``Composition`` and ``List`` (a
#: document or a medication list may list orders the file does not hold), ``Immunization`` (a
#: substance given), ``AllergyIntolerance`` (an allergy is not an order, but it names a drug
#: that a plan or check must not propose unseen; the calculation stops until it is removed from
#: the file and read by the prescriber), and a ``Bundle`` or ``Parameters`` (anything inside).
NO_MEDICATION_REASONS: dict[str, str] = {
    "Condition": "a diagnosis or problem",
    "Coverage": "insurance cover",
    "Device": "a device's identity and model; no element for a drug it holds",
    "Encounter": "a visit",
    "EpisodeOfCare": "a period of care",
    "Flag": "a warning about the patient, by code",
    "Goal": "a goal of care and its targets",
    "Location": "a place",
    "MedicationKnowledge": "information about a product, not the patient's medication",
    "OperationOutcome": "the outcome of a system's operation",
    "Organization": "an organisation",
    "Practitioner": "a clinician",
    "PractitionerRole": "a clinician's role",
    "Provenance": "who made a record and when; it refers to records, holds none",
    "RelatedPerson": "a person related to the patient",
}
HOLDS_NO_MEDICATION = frozenset(NO_MEDICATION_REASONS)


def may_hold_medication(raw: dict[str, Any]) -> bool:
    """Whether a resource that is not read may hold a medication: its type, or a contained
    resource (a condition may carry anything in ``contained``)."""
    return raw.get("resourceType") not in HOLDS_NO_MEDICATION or bool(raw.get("contained"))


def _contained(raw: dict[str, Any]) -> list[dict[str, Any]]:
    inner = raw.get("contained")
    return [c for c in inner if isinstance(c, dict)] if isinstance(inner, list) else []


def contained_unread(raw: dict[str, Any], label: str) -> tuple[tuple[str, bool], ...]:
    """Each resource contained at any depth in ``raw`` (a resource that is read), but a
    ``Medication`` (read with the order that names it): its label, and whether it may hold a
    medication (its own type; what it contains is listed on its own)."""
    found: list[tuple[str, bool]] = []
    pending = [(inner, label) for inner in _contained(raw)]
    while pending:
        inner, holder = pending.pop(0)
        kind = inner.get("resourceType")
        name = f"{kind}/{inner.get('id')}" if inner.get("id") else f"{kind} (no id)"
        here = f"{name} (contained in {holder})"
        if kind != "Medication":
            found.append((here, kind not in HOLDS_NO_MEDICATION))
        pending.extend((deeper, here) for deeper in _contained(inner))
    return tuple(found)


class LeftOut(BaseModel):
    """What a calculation from one FHIR file leaves out (``left_out``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    refused: tuple[RefusedOrder, ...]
    #: not read, and may hold one of the patient's opioids
    unread_medication: tuple[str, ...]
    #: not read; their type holds no medication
    unread_other: tuple[str, ...]
    inactive: tuple[InactiveOrder, ...]

    @property
    def stops_calculation(self) -> bool:
        """A total, plan or check without these would be silently low: none is made."""
        return bool(self.refused or self.unread_medication)

    def stop_sentence(self, origin: str) -> str:
        """Why no total, plan or check is made from ``origin``, each resource named."""
        parts = []
        if self.refused:
            lines = clauses(r.sentence() for r in self.refused)
            parts.append(
                f"{counted(len(self.refused), self._refused_noun())} could not be read: {lines}"
            )
        if self.unread_medication:
            parts.append(
                f"{self.unread_sentence()}; give the medication it holds as a "
                "MedicationRequest or MedicationStatement entry of the file, or remove it if it is "
                "not a current medication"
            )
        return (
            f"{origin}: no total, plan or check is made from it, because "
            f"{'. And '.join(parts)}. To see what imports, run "
            f"`mps-pain fhir import {shlex.quote(origin)}`."
        )

    def _refused_noun(self) -> str:
        """ "order" when every refused resource is one, else "resource": a Patient or an
        Observation is not an order (fuzz review 18d, D4)."""
        orders = all(r.source.split("/")[0] in ORDER_TYPES for r in self.refused)
        return "order" if orders else "resource"

    def unread_sentence(self) -> str:
        names = ", ".join(self.unread_medication)
        return (
            f"{names} {'is' if len(self.unread_medication) == 1 else 'are'} not read (only "
            "the orders, the patient and the observations that are entries of the file are), and "
            "may hold one of the patient's "
            "opioids"
        )

    def waiting_rows(self) -> tuple[tuple[str, str], ...]:
        """(note, why) of the row that stands for each resource not read that may hold a
        medication, in the app's regimen: left out of the total, and refused by the planner
        and the check, until what it holds is entered or the row deleted."""
        return tuple(
            (
                f"FHIR {source}: not read",
                f"{source} in the FHIR file was not read and may hold one of the patient's "
                "opioids: enter what it holds in this row, or delete the row if it is not a "
                "current medication",
            )
            for source in self.unread_medication
        )

    def other_sentence(self) -> str:
        """The resources not read that hold no medication, named (the total goes on)."""
        return f"not read (its type holds no medication): {', '.join(self.unread_other)}"


def left_out(imported: FhirImport) -> LeftOut:
    """The one rule: what of an imported file a calculation leaves out (module docstring)."""
    medication = set(imported.may_hold_medication)
    return LeftOut(
        refused=tuple(imported.refused),
        unread_medication=tuple(s for s in imported.ignored if s in medication),
        unread_other=tuple(s for s in imported.ignored if s not in medication),
        inactive=tuple(imported.inactive),
    )
