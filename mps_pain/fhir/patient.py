"""``Patient`` and the ``Observation``s that feed the patient factors, by LOINC code.

Body weight, eGFR or creatinine clearance, and QTc: the most recent final result of each is taken
(and the choice is stated). An observation whose value cannot be read is refused with its path.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from mps_pain.domain.patient_rules.bounds import check_patient_bounds
from mps_pain.domain.regimen import Patient
from mps_pain.errors import ImplausibleAmountError
from mps_pain.fhir.model import FhirInputError, Refusal, RefusedOrder
from mps_pain.fhir.quantities import AT_LEAST, comparator, quantity
from mps_pain.fhir.reading import FhirResources, ParsedResource
from mps_pain.fhir.terminology import PatientField, Terminology
from mps_pain.fields import quantity_json
from mps_pain.tables.index import TableIndex
from mps_pain.units import Dimension, ParsedQuantity
from mps_pain.validation import plain_words

__all__ = ["read_patient"]

_FINAL = ("final", "amended", "corrected")
_DIMENSION: dict[PatientField, Dimension] = {
    "weight": Dimension.MASS,
    "egfr": Dimension.VOLUME_RATE,
    "creatinine_clearance": Dimension.VOLUME_RATE,
    "qtc": Dimension.TIME,
}
# A result reported as a bound (``>90``) is read as the bound only where the bound is the
# cautious reading for every rule using the field: each renal rule restricts (or bands a
# maximum) below a threshold of mL/min, so ">90" read as 90 never gives a patient a less
# cautious answer than the true value. "<30" has no cautious number (the true value may fall in
# a stricter band) and is refused, as is any comparator on weight and QTc (docs/fhir.md).
_BOUND_READ: dict[PatientField, tuple[str, ...]] = {
    "egfr": AT_LEAST,
    "creatinine_clearance": AT_LEAST,
}


def _age(birth: Any, as_of: date) -> float | None:
    if not isinstance(birth, date):
        return None
    years = as_of.year - birth.year - ((as_of.month, as_of.day) < (birth.month, birth.day))
    return float(years) if 0 <= years <= 130 else None


def _name(patient: Any) -> str | None:
    for name in patient.name or []:
        if name.text:
            return str(name.text)
        parts = [*(name.given or []), name.family or ""]
        if any(parts):
            return " ".join(p for p in parts if p)
    return f"Patient/{patient.id}" if patient.id else None


def _when(observation: Any) -> str:
    moment = observation.effectiveDateTime or observation.issued
    return moment.isoformat() if isinstance(moment, datetime | date) else str(moment or "")


def _field(observation: Any, terms: Terminology) -> tuple[PatientField, str] | None:
    for coding in (observation.code.coding or []) if observation.code else []:
        if coding.system == terms.system("loinc"):
            known = terms.observation(coding.code or "")
            if known is not None:
                return known.field, known.code
    return None


def _usable(name: PatientField, value: ParsedQuantity, tables: TableIndex) -> None:
    """Refuse this Observation alone when the patient cannot take its value: a unit the field
    does not read, or a value beyond the plausibility bounds every command applies (fuzz review
    12 #2: a weight in g aborted the whole import; 700 kg was imported, then refused by all)."""
    try:
        check_patient_bounds(tables, Patient.model_validate({name: quantity_json(value)}))
    except ValidationError as exc:
        raise Refusal("bad-unit", "valueQuantity", plain_words(exc.errors()[0])) from None
    except ImplausibleAmountError as exc:
        raise Refusal("invalid-value", "valueQuantity", exc.message) from None


def _observations(
    resources: FhirResources, terms: Terminology, tables: TableIndex
) -> tuple[dict[str, Any], list[str], list[RefusedOrder]]:
    latest: dict[PatientField, tuple[str, ParsedResource, str]] = {}
    skipped: list[str] = []
    for parsed in resources.of_type("Observation"):
        found = _field(parsed.resource, terms)
        if found is None:
            skipped.append(f"{parsed.label}: not weight, eGFR, CrCl or QTc by a listed LOINC code")
            continue
        if parsed.resource.status not in _FINAL:
            skipped.append(f"{parsed.label}: status {parsed.resource.status}, not a final result")
            continue
        when = _when(parsed.resource)
        if found[0] not in latest or when > latest[found[0]][0]:
            latest[found[0]] = (when, parsed, found[1])
    values: dict[str, Any] = {}
    notes: list[str] = [f"not used: {line}" for line in skipped]
    refused: list[RefusedOrder] = []
    for name, (when, parsed, code) in latest.items():
        try:
            if parsed.resource.valueQuantity is None:
                raise Refusal("invalid-value", "value[x]", "the result is not a quantity")
            observed = parsed.resource.valueQuantity
            honoured = _BOUND_READ.get(name, ())
            value = quantity(observed, "valueQuantity", (_DIMENSION[name],), honoured=honoured)
            bound = comparator(observed, "valueQuantity", honoured)
            _usable(name, value, tables)
        except Refusal as refusal:
            refused.append(
                RefusedOrder(
                    source=parsed.label,
                    path=refusal.path,
                    code=refusal.code,
                    message=refusal.message,
                )
            )
            continue
        values[name] = quantity_json(value)
        as_bound = (
            f" (reported as {bound} {value}: read as {value}, the cautious reading for every "
            "renal rule)"
            if bound
            else ""
        )
        notes.append(
            f"{name}: {value}{as_bound} from {parsed.label} (LOINC {code}"
            + (f", {when}" if when else "")
            + "; the most recent final result)"
        )
    return values, notes, refused


def read_patient(
    resources: FhirResources, terms: Terminology, as_of: date, tables: TableIndex
) -> tuple[Patient, list[str], list[RefusedOrder]]:
    patients = resources.of_type("Patient")
    if len(patients) > 1:
        labels = ", ".join(p.label for p in patients)
        raise FhirInputError(f"the file holds more than one patient ({labels}); import one")
    values, notes, refused = _observations(resources, terms, tables)
    sources = {}
    if patients:
        patient = patients[0].resource
        values["identifier"] = _name(patient)
        age = _age(patient.birthDate, as_of)
        sources = {
            "identifier": f"{patients[0].label} name",
            "age": f"{patients[0].label} birthDate",
        }
        if age is not None:
            values["age"] = age
            notes.append(f"age: {age:g} years on {as_of.isoformat()} from {patients[0].label}")
    return _patient(values, sources), notes, refused


def _patient(values: dict[str, Any], sources: dict[str, str]) -> Patient:
    """The regimen's Patient; a value it refuses (a 2,001-character name) names its source."""
    try:
        return Patient.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "patient"
        where = sources.get(field, f"the Observation giving patient.{field}")
        raise FhirInputError(
            f"{where}: {plain_words(first)} (patient.{field})", location=f"patient.{field}"
        ) from None
