"""Use case: a switching plan → a FHIR R4 Bundle of proposed orders.

The new regimen and the breakthrough dose become ``MedicationRequest``s with ``status: draft``
and ``intent: proposal``: RxNorm-coded medication (a contained Medication with its dose form),
SNOMED CT route, UCUM dosage. Each carries a ``note`` with the arithmetic summary, the reference
set, and the table version and SHA-256. The Bundle is validated by ``fhir.resources`` before it is
returned; ``import_fhir(..., include_proposals=True)`` reads it back to the same regimen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from mps_pain.domain.frequency import parse_frequency
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.gate import breakthrough_implausible_reason, implausible_reason
from mps_pain.domain.rotation.models import Breakthrough, PlannedRegimen, RotationPlan
from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.domain.rotation.plan_rescue import plan_rescue
from mps_pain.errors import MpsPainError
from mps_pain.fhir.model import FhirInputError
from mps_pain.fhir.quantities import UCUM, ucum_code
from mps_pain.fhir.terminology import Terminology, get_terminology
from mps_pain.numbers import format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.loader import get_tables
from mps_pain.units import format_number, format_number_span, scale
from mps_pain.validation import plain_words

__all__ = ["export_plan", "no_dose_refusal"]

_SUBJECT = {"display": "the patient of this switching plan"}
_EVERY_HOURS = re.compile(r"\b(?:every\s*|q\s*)(\d+(?:\.\d+)?)\s*h", re.IGNORECASE)


def _quantity(amount: Amount) -> dict[str, Any]:
    code = ucum_code(amount.unit)
    return {"value": amount.value, "unit": amount.unit, "system": UCUM, "code": code}


def _medication(
    ident: str, drug_name: str, form: str | None, terms: Terminology, tables: TableIndex
) -> dict[str, Any]:
    # read as every command reads a drug (fuzz review 15: "Hydromorphone" was a KeyError)
    drug = tables.resolve_drug(drug_name, location=f"{ident.removeprefix('med-')}.drug")
    ingredient = terms.ingredient_for_drug(drug.id)
    code: dict[str, Any] = {"text": drug.name}
    if ingredient is not None:
        code["coding"] = [
            {
                "system": terms.system("rxnorm"),
                "code": ingredient.code,
                "display": ingredient.display,
            }
        ]
    medication: dict[str, Any] = {"resourceType": "Medication", "id": ident, "code": code}
    if form is not None:
        dose_form = terms.dose_form_for([f.id for f in drug.forms], form)
        form_name = next((f.name for f in drug.forms if f.id == form), form)
        medication["form"] = {"text": form_name}
        if dose_form is not None:
            medication["form"]["coding"] = [
                {
                    "system": terms.system("rxnorm"),
                    "code": dose_form.code,
                    "display": dose_form.display,
                }
            ]
    return medication


def _route(route: str, terms: Terminology) -> dict[str, Any]:
    code = terms.route_code(route)
    if code is None:
        return {"text": route}
    return {
        "coding": [{"system": terms.system("snomed"), "code": code.code, "display": code.display}],
        "text": route,
    }


def _timing_hours(frequency: str | None) -> float | None:
    if not frequency:
        return None
    try:
        return parse_frequency(frequency).interval_h
    except ValueError:
        match = _EVERY_HOURS.search(frequency)
        return float(match.group(1)) if match else None


def _timing(hours: float) -> dict[str, Any]:
    return {"repeat": {"frequency": 1, "period": hours, "periodUnit": "h"}}


def no_dose_refusal(reason: str | None) -> FhirInputError:
    """A plan with no dose proposes no order (its JSON carries no amount either)."""
    return FhirInputError(
        "the plan's regimen has no dose with a frequency or rate to propose"
        + (f": {reason}" if reason else ""),
        location="regimen",
    )


def _regimen_dosage(regimen: PlannedRegimen, terms: Terminology) -> dict[str, Any]:
    dosage: dict[str, Any] = {"route": _route(regimen.route, terms)}
    if regimen.rate is not None:
        dosage["doseAndRate"] = [{"rateQuantity": _quantity(regimen.rate)}]
        if regimen.patches:
            dosage["text"] = "patches: " + " + ".join(
                f"{format_number(p.value)} {p.unit}" for p in regimen.patches
            )
        return dosage
    hours = _timing_hours(regimen.frequency)
    if regimen.dose is None or hours is None:
        raise no_dose_refusal(regimen.no_dose)
    dosage["timing"] = _timing(hours)
    dosage["doseAndRate"] = [{"doseQuantity": _quantity(regimen.dose)}]
    dosage["text"] = f"{format_number(regimen.dose.value)} {regimen.dose.unit} {regimen.frequency}"
    return dosage


def _regimen_dosages(plan: RotationPlan, terms: Terminology) -> list[tuple[str, dict[str, Any]]]:
    """The regimen's orders: a patch plan as one order per patch, by the plan's order lines
    (``order_lines``: each a real strength; pharmacist re-check 18b, after M1: one 250 mcg/h
    order was above the largest single patch), any other plan as one order."""
    regimen = plan.regimen
    lines = order_lines(plan) if regimen.patches else []
    if len(lines) < 2:
        return [("plan-regimen", _regimen_dosage(regimen, terms))]
    made_of = " + ".join(f"{format_number(p.value)} {p.unit}" for p in regimen.patches or [])
    dosages = []
    for number, line in enumerate(lines, start=1):
        assert line.rate is not None
        rate = Amount(value=line.rate.value, unit=line.rate.unit)
        dosage = {
            "route": _route(regimen.route, terms),
            "doseAndRate": [{"rateQuantity": _quantity(rate)}],
            "text": f"patch {number} of {len(lines)}: {format_number(rate.value)} {rate.unit} "
            f"(patches: {made_of})",
        }
        dosages.append(("plan-regimen" + (f"-{number}" if number > 1 else ""), dosage))
    return dosages


def _breakthrough_dosage(breakthrough: Breakthrough, terms: Terminology) -> dict[str, Any]:
    assert breakthrough.dose is not None
    dosage: dict[str, Any] = {
        "text": f"{format_number(breakthrough.dose.value)} {breakthrough.dose.unit} "
        f"{breakthrough.frequency}",
        "asNeededBoolean": True,
        "route": _route(breakthrough.route, terms),
        "doseAndRate": [{"doseQuantity": _quantity(breakthrough.dose)}],
    }
    hours = _timing_hours(breakthrough.frequency)
    if hours is not None:
        dosage["timing"] = _timing(hours)
    return dosage


def summary_note(plan: RotationPlan) -> str:
    """The arithmetic summary, reference set, table version and hash, as one note."""
    lines = [
        f"Switching plan (mps_pain): current {daily_amount(plan.ome_per_day, plan.ome_label)} "
        f"(range {format_number_span(plan.ome_low, plan.ome_high)}).",
        f"Reference set: {plan.table_name} ({plan.table.id}); table version {plan.table.version}, "
        f"sha256 {plan.table.sha256}.",
        f"Equianalgesic daily dose {format_number(plan.equianalgesic_daily_dose.value)} "
        f"{plan.equianalgesic_daily_dose.unit}; reduction {format_percent(plan.reduction)} "
        f"({plan.reduction_reason}); target {format_number(plan.target_daily_dose.value)} "
        f"{plan.target_daily_dose.unit}.",
        *plan.steps,
    ]
    return "\n".join(lines)


def _request(
    ident: str, medication: dict[str, Any], dosage: dict[str, Any], note: str
) -> dict[str, Any]:
    return {
        "resourceType": "MedicationRequest",
        "id": ident,
        "status": "draft",
        "intent": "proposal",
        "contained": [medication],
        "medicationReference": {"reference": f"#{medication['id']}"},
        "subject": _SUBJECT,
        "dosageInstruction": [dosage],
        "note": [{"text": note}],
    }


Reader = Callable[[TableIndex, Any], str | None]
"""A gate's reading of one planned order: its refusal, or None."""


def _refuse_implausible(
    tables: TableIndex, order: PlannedRegimen | Breakthrough, where: str, read: Reader
) -> None:
    """A proposed order leaves only as the planner could have made it: its own plausibility
    gate reads the regimen and the breakthrough order (fuzz reviews 15 and 16: a hand-edited
    plan of oral fentanyl at 13,541 mcg/h, and a breakthrough of 2000 mg, were exported)."""
    try:
        reason = read(tables, order)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join([where, *(str(p) for p in first["loc"])])
        reason = plain_words(first)
    except MpsPainError as exc:  # read as the order's item: its field, said of the order
        where = (exc.location or "").replace("items[0]", where) or where
        reason = exc.message
    if reason is not None:
        raise FhirInputError(
            f"the plan's {where.split('.')[0]} cannot be exported as an order: {reason}",
            location=where,
        )


def _breakthrough_reason(tables: TableIndex, breakthrough: Any) -> str | None:
    """The gate's refusal, or a dose above the order's own stated range (its rule's top)."""
    found = breakthrough_implausible_reason(tables, breakthrough)
    dose, high = breakthrough.dose, breakthrough.high
    if (
        found is None
        and dose is not None
        and high is not None
        and dose.value > high.value * scale(high.unit, dose.unit) * (1 + 1e-9)
    ):
        found = (
            f"its dose of {format_number(dose.value)} {dose.unit} is above the top of its "
            f"own range ({format_number(high.value)} {high.unit})"
        )
    return found


def _refuse_another_rescue(tables: TableIndex, plan: RotationPlan, bt: Breakthrough) -> None:
    """The breakthrough order leaves only as the drug, route and frequency the planner's own
    rule gives for the plan's regimen (``plan_rescue``; pharmacist re-check 16b, #9: a plan
    edited to an oxycodone or an SC morphine breakthrough was exported, its dose number checked
    only; fuzz review 17, D6: a frequency edited to "10e1 mg" or "q1h" was exported)."""
    expected = plan_rescue(tables, plan)
    drug = tables.resolve_drug(bt.drug, location="breakthrough.drug")
    where, found = "breakthrough.dose", f"a dose of {drug.id} {bt.route}"
    gives = f"{expected.why} gives {expected.drug} {expected.route}"
    if expected.drug is None:
        gives = f"the plan's rule gives {expected.why}"
    elif drug.id != expected.drug:
        where, found = "breakthrough.drug", drug.id
    elif bt.route.lower() != expected.route:
        where, found = "breakthrough.route", f"the {bt.route} route"
    elif bt.frequency not in expected.frequencies:
        where, found = "breakthrough.frequency", f"the frequency '{bt.frequency}'"
        gives = f"{expected.why} writes " + " or ".join(f"'{f}'" for f in expected.frequencies)
    else:
        return
    raise FhirInputError(
        f"the plan's breakthrough cannot be exported as an order: it has {found}, but {gives}; "
        "it is not the order the plan made. Make the plan again rather than editing it.",
        location=where,
    )


def export_plan(
    plan: RotationPlan, *, tables: TableIndex | None = None, terms: Terminology | None = None
) -> dict[str, Any]:
    """The plan as a FHIR R4 Bundle (a JSON object), validated by ``fhir.resources``."""
    # start-up seam: fhir.resources (large) loads only when FHIR is read or written
    from fhir.resources.R4B.bundle import Bundle

    tables = tables if tables is not None else get_tables()
    terminology = terms if terms is not None else get_terminology()
    note = summary_note(plan)
    regimen = plan.regimen
    _refuse_implausible(tables, regimen, "regimen", implausible_reason)
    entries = [
        _request(
            ident,
            _medication("med-regimen", regimen.drug, regimen.form, terminology, tables),
            dosage,
            note,
        )
        for ident, dosage in _regimen_dosages(plan, terminology)
    ]
    breakthrough = plan.breakthrough
    if breakthrough is not None and breakthrough.dose is not None:
        _refuse_implausible(tables, breakthrough, "breakthrough", _breakthrough_reason)
        _refuse_another_rescue(tables, plan, breakthrough)
        entries.append(
            _request(
                "plan-breakthrough",
                _medication(
                    "med-breakthrough", breakthrough.drug, breakthrough.form, terminology, tables
                ),
                _breakthrough_dosage(breakthrough, terminology),
                "Breakthrough dose of the switching plan"
                + (f" ({breakthrough.source})" if breakthrough.source else "")
                + ".\n"
                + note,
            )
        )
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": f"urn:mps-pain:{e['id']}", "resource": e} for e in entries],
    }
    Bundle.model_validate(bundle)
    return bundle
