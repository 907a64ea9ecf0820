"""Use case: FHIR R4 JSON (a resource or a Bundle) → the regimen document, order by order.

Each ``MedicationRequest`` / ``MedicationStatement`` becomes one regimen row per dosage
instruction, or one refusal naming the resource and the FHIRPath. Orders that are not active are
listed and left out. A ``MedicationStatement`` based on an imported request is not a row of its
own: it gives the number of as-needed doses taken.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from mps_pain.domain.long_acting import MODIFIED_RELEASE_FORM
from mps_pain.domain.regimen import RegimenDocument, RegimenItem
from mps_pain.fhir.dosage import (
    HOURS_PER_DAY,
    Dosing,
    MedicationFacts,
    OrderKind,
    interval_hours,
    map_dosage,
)
from mps_pain.fhir.medication import ResolvedMedication, resolve_medication
from mps_pain.fhir.model import (
    ORDER_TYPES,
    FhirImport,
    FhirInputError,
    ImportedOrder,
    InactiveOrder,
    Refusal,
    RefusedOrder,
    quoted,
    system_named,
)
from mps_pain.fhir.order_checks import repeated_dosage, unclear_order
from mps_pain.fhir.patient import read_patient
from mps_pain.fhir.reading import FhirResources, ParsedResource, read_fhir
from mps_pain.fhir.terminology import Terminology, get_terminology
from mps_pain.fields import MAX_ITEMS
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from mps_pain.units import Dimension, tidy
from mps_pain.validation import plain_words

__all__ = ["import_fhir"]

_NO_ROUTE = "no route of administration is coded"


_NOT_ORDERS = ("proposal", "plan", "option")


def _left_out(resource: Any, include_proposals: bool) -> str | None:
    """Why an order is not part of the current regimen, or None when it is."""
    if resource.get_resource_type() == "MedicationStatement":
        return None if resource.status == "active" else str(resource.status)
    if resource.doNotPerform:
        return f"{resource.status}, doNotPerform (an order NOT to give it)"
    if (
        include_proposals
        and resource.intent == "proposal"
        and resource.status
        in (
            "draft",
            "active",
        )
    ):
        return None
    if resource.status != "active":
        return str(resource.status)
    if resource.intent in _NOT_ORDERS:
        return f"active, intent {resource.intent} (not an order)"
    return None


def _medication_text(resource: Any) -> str:
    concept = resource.medicationCodeableConcept
    if concept is not None:
        return str(
            concept.text
            or next((c.display for c in concept.coding or [] if c.display), "(medication)")
        )
    ref = resource.medicationReference
    return str(ref.display or ref.reference) if ref is not None else "(medication)"


def _doses_taken(
    resources: FhirResources, refused: list[RefusedOrder]
) -> dict[str, tuple[float, str]]:
    """Request label → (as-needed doses taken in 24 h, statement label), from statements."""
    taken: dict[str, tuple[float, str]] = {}
    for parsed in resources.of_type("MedicationStatement"):
        status = parsed.resource.status
        if status not in ("active", "not-taken"):
            continue
        for based in parsed.resource.basedOn or []:
            target = resources.by_reference.get(based.reference or "")
            if target is None or target.get_resource_type() != "MedicationRequest":
                continue
            if status == "not-taken":
                taken[f"MedicationRequest/{target.id}"] = (0.0, parsed.label)
                continue
            for i, dosage in enumerate(parsed.resource.dosage or []):
                try:
                    hours = interval_hours(dosage.timing, f"dosage[{i}]", Dosing())
                except Refusal as refusal:
                    refused.append(_refused(parsed.label, refusal))
                    continue
                if hours is not None:
                    taken[f"MedicationRequest/{target.id}"] = (
                        tidy(HOURS_PER_DAY / hours),
                        parsed.label,
                    )
    return taken


def _refused(label: str, refusal: Refusal) -> RefusedOrder:
    return RefusedOrder(source=label, path=refusal.path, code=refusal.code, message=refusal.message)


def _based_on_request(parsed: ParsedResource, resources: FhirResources) -> bool:
    if parsed.resource.get_resource_type() != "MedicationStatement":
        return False
    return any(
        (target := resources.by_reference.get(b.reference or "")) is not None
        and target.get_resource_type() == "MedicationRequest"
        for b in parsed.resource.basedOn or []
    )


def _route(
    dosage: Any, path: str, medication: ResolvedMedication, terms: Terminology, choices: list[str]
) -> str:
    concept = dosage.route
    if concept is None or not concept.coding:
        if medication.route_hint is not None:
            choices.append(
                f"route {medication.route_hint}: from the dose form (no dosage route given)"
            )
            return medication.route_hint
        raise Refusal("no-code", f"{path}.route", _NO_ROUTE)
    for i, coding in enumerate(concept.coding):
        found = terms.route_for(coding.system or "", coding.code or "")
        if found is not None:
            return found.route
        if coding.code:
            raise Refusal(
                "unknown-code",
                f"{path}.route.coding[{i}].code",
                f"route code {quoted(coding.code)} of {system_named(coding.system)} is not in "
                "the terminology",
            )
    raise Refusal("no-code", f"{path}.route", _NO_ROUTE)


def _item(
    medication: ResolvedMedication, route: str, dosing: Dosing, path: str, note: str
) -> RegimenItem:
    drug = medication.drug
    if route not in drug.routes:
        raise Refusal(
            "invalid-value",
            f"{path}.route",
            f"{drug.name} is not given by the {route} route in the catalogue",
        )
    fields = dict(dosing.fields)
    volume = any(
        getattr(fields.get(k), "dimension", None) in (Dimension.VOLUME, Dimension.VOLUME_RATE)
        for k in ("dose", "rate")
    )
    if volume:
        strength = medication.strength
        if strength is None or strength.dimension is not Dimension.CONCENTRATION:
            raise Refusal(
                "no-unit",
                f"{path}.doseAndRate[0]",
                "a volume needs the concentration: give Medication.ingredient.strength "
                "(e.g. 10 mg/mL) or an RxNorm clinical drug",
            )
        fields["concentration"] = strength
    try:
        return RegimenItem(drug=drug.id, route=route, form=medication.form, note=note, **fields)
    except ValidationError as exc:  # named at the element the field came from (fuzz 15)
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        where = dosing.sources.get(field, path)
        raise Refusal("invalid-value", where, plain_words(first)) from None


def _map_order(
    parsed: ParsedResource,
    resources: FhirResources,
    terms: Terminology,
    tables: TableIndex,
    taken: dict[str, tuple[float, str]],
) -> list[tuple[RegimenItem, Dosing, ResolvedMedication]]:
    resource = parsed.resource
    kind: OrderKind = (
        "request" if resource.get_resource_type() == "MedicationRequest" else "statement"
    )
    field_name = "dosageInstruction" if kind == "request" else "dosage"
    dosages = getattr(resource, field_name) or []
    if not dosages:
        raise Refusal("unsupported-dosage", field_name, "no dosage is given")
    if len({d.sequence for d in dosages}) > 1:
        raise Refusal(
            "unsupported-dosage",
            f"{field_name}[1].sequence",
            "sequential dosage instructions (a taper): which step is current?",
        )
    repeated = repeated_dosage(dosages, field_name)
    if repeated is not None:
        raise repeated
    medication = resolve_medication(resource, resources, terms, tables)
    mapped = []
    for i, dosage in enumerate(dosages):
        path = f"{field_name}[{i}]"
        route_choices: list[str] = []
        route = _route(dosage, path, medication, terms, route_choices)
        facts = MedicationFacts(
            is_patch=medication.form == "patch" or route == "transdermal",
            strength=medication.strength,
            strength_source=medication.strength_source,
            is_modified_release=medication.form == MODIFIED_RELEASE_FORM,
            dose_form=medication.dose_form,
            label=medication.label,
        )
        doses = taken.get(parsed.label)
        dosing = map_dosage(dosage, path, facts, kind=kind, doses_taken=doses[0] if doses else None)
        dosing.choices[:0] = route_choices
        note = f"FHIR {parsed.label}: {medication.label}"
        mapped.append((_item(medication, route, dosing, path, note), dosing, medication))
    return mapped


def _not_current(
    parsed: ParsedResource, resources: FhirResources, include_proposals: bool, today: date
) -> RefusedOrder | InactiveOrder | None:
    """An order that cannot be read as current (refused), or is not (left out), or None."""
    unclear = unclear_order(parsed, resources, today)
    if unclear is not None:
        return _refused(parsed.label, unclear)
    reason = _left_out(parsed.resource, include_proposals)
    if reason is None:
        return None
    return InactiveOrder(
        source=parsed.label, status=reason, medication=_medication_text(parsed.resource)
    )


def import_fhir(
    text: str,
    *,
    origin: str = "input",
    tables: TableIndex | None = None,
    terms: Terminology | None = None,
    include_proposals: bool = False,
    as_of: date | None = None,
) -> FhirImport:
    """The regimen of a FHIR R4 JSON text (see the module docstring and docs/fhir.md)."""
    tables = tables if tables is not None else get_tables()
    terminology = terms if terms is not None else get_terminology()
    resources = read_fhir(text, origin=origin)
    refused = list(resources.refused)
    taken = _doses_taken(resources, refused)
    items: list[RegimenItem] = []
    orders: list[ImportedOrder] = []
    inactive: list[InactiveOrder] = []
    for parsed in (r for r in resources.resources if r.resource.get_resource_type() in ORDER_TYPES):
        skipped = _not_current(parsed, resources, include_proposals, as_of or date.today())
        if isinstance(skipped, RefusedOrder):
            refused.append(skipped)
            continue
        if skipped is not None:
            inactive.append(skipped)
            continue
        if _based_on_request(parsed, resources):
            continue
        try:
            mapped = _map_order(parsed, resources, terminology, tables, taken)
        except Refusal as refusal:
            refused.append(_refused(parsed.label, refusal))
            continue
        for item, dosing, medication in mapped:
            orders.append(
                ImportedOrder(
                    item=len(items),
                    source=parsed.label,
                    medication=medication.label,
                    choices=dosing.choices,
                    cautions=[*medication.cautions, *dosing.cautions],
                )
            )
            items.append(item)
    patient, notes, unusable = read_patient(resources, terminology, as_of or date.today(), tables)
    refused.extend(unusable)
    if not (items or refused or inactive):
        raise FhirInputError(f"{origin} holds no MedicationRequest or MedicationStatement")
    title, items = f"Imported from FHIR ({origin})", _at_most(items, origin)
    document = RegimenDocument(title=title, patient=patient, items=items)
    return FhirImport(
        document=document,
        orders=orders,
        refused=refused,
        inactive=inactive,
        patient_notes=notes,
        ignored=resources.ignored,
        may_hold_medication=resources.may_hold_medication,
    )


def _at_most(items: list[RegimenItem], origin: str) -> list[RegimenItem]:
    """A regimen holds at most MAX_ITEMS items (outside fuzz review 6, item 2)."""
    if len(items) > MAX_ITEMS:
        raise FhirInputError(
            f"{origin} holds {len(items)} medication orders; a regimen holds at most {MAX_ITEMS}",
            location="items",
        )
    return items
