"""An order the regimen cannot take as written, before it is mapped (fuzz review 15, #1–#3):
a status that is no FHIR status, an order for another patient than the file's, a dosing period
that ended before today. Each is a refusal naming its path: a refused order stops a calculation,
where leaving it out (or counting it) would change a total silently."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mps_pain.fhir.model import Refusal, quoted
from mps_pain.fhir.reading import FhirResources, ParsedResource

__all__ = ["repeated_dosage", "unclear_order"]

# FHIR R4 value sets (medicationrequest-status, medication-statement-status); "unknown" is a
# status, but says nothing of whether the order is current, so it is refused too
_STATUSES = {
    "MedicationRequest": {
        "active", "on-hold", "cancelled", "completed", "entered-in-error", "stopped", "draft",
    },
    "MedicationStatement": {
        "active", "completed", "entered-in-error", "intended", "stopped", "on-hold", "not-taken",
    },
}  # fmt: skip
# FHIR R4 medicationrequest-intent value set
_INTENTS = {
    "proposal", "plan", "order", "original-order", "reflex-order", "filler-order",
    "instance-order", "option",
}  # fmt: skip


def unclear_order(parsed: ParsedResource, resources: FhirResources, today: date) -> Refusal | None:
    """The first reason the order cannot be read as current or not, or None."""
    resource = parsed.resource
    kind = resource.get_resource_type()
    if resource.status == "unknown":  # a FHIR status, that says nothing (re-check 18c, N9)
        return Refusal(
            "invalid-value",
            "status",
            f"{quoted(resource.status)}: whether the {kind} is current cannot be known from "
            "it; give the status it has (active, stopped…)",
        )
    if resource.status not in _STATUSES[kind]:
        return Refusal(
            "invalid-value",
            "status",
            f"{quoted(resource.status)} is not a {kind} status FHIR knows, so whether the order "
            f"is current cannot be read (statuses: {', '.join(sorted(_STATUSES[kind]))})",
        )
    intent = getattr(resource, "intent", None) if kind == "MedicationRequest" else None
    if kind == "MedicationRequest" and intent not in _INTENTS:  # fuzz review 16, N2
        return Refusal(
            "invalid-value",
            "intent",
            f"{quoted(intent)} is not a MedicationRequest intent FHIR knows, so whether it is "
            f"an order cannot be read (intents: {', '.join(sorted(_INTENTS))})",
        )
    return _other_patient(resource, resources) or _ended(resource, today)


def _other_patient(resource: Any, resources: FhirResources) -> Refusal | None:
    patients = [p.resource for p in resources.of_type("Patient")]
    reference = resource.subject.reference if resource.subject is not None else None
    if len(patients) != 1 or not reference:
        return None
    if resources.by_reference.get(reference) is patients[0]:
        return None
    if not patients[0].id:  # never "Patient/None" (own fuzz after fuzz review 15)
        return Refusal(
            "invalid-value",
            "subject",
            f"the order is for {quoted(reference)}, and the file's Patient has no id, so "
            "whose order it is cannot be read; an order is counted only for the file's patient",
        )
    return Refusal(
        "invalid-value",
        "subject",
        f"the order is for {quoted(reference)}, not for the file's patient "
        f"(Patient/{patients[0].id}): another patient's order is not counted in this regimen",
    )


def _ended(resource: Any, today: date) -> Refusal | None:
    request = resource.get_resource_type() == "MedicationRequest"
    element = "dosageInstruction" if request else "dosage"
    for i, dosage in enumerate(getattr(resource, element) or []):
        repeat = dosage.timing.repeat if dosage.timing is not None else None
        end = repeat.boundsPeriod.end if repeat and repeat.boundsPeriod else None
        day = end.date() if isinstance(end, datetime) else end
        if isinstance(day, date) and day < today:
            return Refusal(
                "invalid-value",
                f"{element}[{i}].timing.repeat.boundsPeriod.end",
                f"the dosing period ended on {day.isoformat()}: not a current order (correct "
                "the period, or leave the order out of the file)",
            )
    return None


def repeated_dosage(dosages: list[Any], field_name: str) -> Refusal | None:
    """An order that lists one dosage instruction twice (fuzz review 19, D1), or None.

    FHIR R4 (``Dosage.sequence``): dosages of the same sequence number are "to be treated as
    concurrent", so two instructions alike in everything but their free text say the dose twice
    over, given together. No prescriber writes one order's dose that way (one instruction of the
    whole dose is how it is written, and ``fhir export`` writes one instruction per order), and
    a sender that repeats an instruction by mistake writes exactly this: the order cannot say
    which it means, so it is refused, naming the repeat, as a taper is."""
    seen: list[dict[str, Any]] = []
    for i, dosage in enumerate(dosages):
        content = dict(dosage.model_dump(mode="json", exclude_none=True))
        content.pop("text", None)
        if content in seen:
            return Refusal(
                "unsupported-dosage",
                f"{field_name}[{i}]",
                f"the same dosage instruction as {field_name}[{seen.index(content)}]: FHIR reads "
                "instructions of one sequence as given together, which would double this dose, "
                "and a repeat sent by mistake looks the same. Send the order with the whole "
                "dose in one instruction",
            )
        seen.append(content)
    return None
