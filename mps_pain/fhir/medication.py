"""The medication of an order → catalogue drug, form and strength (by RxNorm), or a Refusal.

The medication may be a ``medicationCodeableConcept``, or a ``medicationReference`` to a contained
Medication or to a Medication of the Bundle. RxNorm ingredient, clinical drug (SCD) and branded
drug (SBD) codes are read from the terminology file. The display text is used only when there is
no code at all, and the import then carries a caution saying so; any display or text that names
another catalogue drug, strength or dose form than the one read refuses the order
(``drug_names``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from mps_pain.fhir.drug_names import (
    ReadProduct,
    drug_named_in,
    refuse_another_drug_named,
    refuse_another_strength_or_form_named,
    same_strength,
)
from mps_pain.fhir.model import Refusal, quoted, system_named
from mps_pain.fhir.quantities import count_of, quantity, ratio_quantity
from mps_pain.fhir.reading import FhirResources
from mps_pain.fhir.terminology import Terminology, pick_form
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.units import Dimension, ParsedQuantity, excerpt

__all__ = ["ResolvedMedication", "resolve_medication"]

_STRENGTH = (Dimension.MASS, Dimension.CONCENTRATION, Dimension.MASS_RATE)


@dataclass(frozen=True)
class ResolvedMedication:
    drug: Drug
    form: str | None
    route_hint: str | None
    strength: ParsedQuantity | None
    strength_source: str | None
    label: str
    cautions: tuple[str, ...] = ()
    dose_form: str | None = None
    """The terminology's display of the medication's dose form ("Oral Tablet"), if coded."""


@dataclass(frozen=True)
class _Coded:
    drug: Drug
    dose_form: str | None
    strength: ParsedQuantity | None
    label: str
    code: str | None = None
    caution: str | None = None


def _medication(order: Any, resources: FhirResources) -> tuple[Any, Any, str]:
    """(concept, Medication or None, FHIRPath of the concept)."""
    if order.medicationCodeableConcept is not None:
        return order.medicationCodeableConcept, None, "medicationCodeableConcept"
    reference = order.medicationReference
    if reference is None or not reference.reference:
        raise Refusal("no-code", "medication[x]", "no medication is given")
    medication = resources.resolve(reference.reference, order, "medicationReference.reference")
    if medication.get_resource_type() != "Medication":
        raise Refusal(
            "unresolved-reference",
            "medicationReference.reference",
            f"{quoted(reference.reference)} is not a Medication",
        )
    if medication.code is None:
        raise Refusal("no-code", "medicationReference.resolve().code", "the Medication has no code")
    return medication.code, medication, "medicationReference.resolve().code"


def _rxnorm_coded(code: str, terms: Terminology, tables: TableIndex) -> _Coded | None:
    clinical = terms.clinical_drug(code)
    if clinical is not None:
        return _Coded(
            tables.drugs[clinical.drug],
            clinical.dose_form,
            clinical.strength_quantity,
            f"RxNorm {clinical.code} {clinical.display}",
            code=clinical.code,
        )
    ingredient = terms.ingredient(code)
    if ingredient is None:
        return None
    return _Coded(
        tables.drugs[ingredient.drug], None, None, f"RxNorm {ingredient.code} {ingredient.display}"
    )


def _conflict(first: _Coded, other: _Coded) -> str | None:
    """Why two codings of one medication disagree (drug, dose form or strength), else None."""
    if first.drug.id != other.drug.id:
        return f"{first.drug.name} and {other.drug.in_sentence} are different drugs"
    if first.dose_form and other.dose_form and first.dose_form != other.dose_form:
        return "their dose forms differ"
    if (
        first.strength is not None
        and other.strength is not None
        and not same_strength(first.strength, other.strength)
    ):
        return f"their strengths differ ({first.strength} and {other.strength})"
    return None


def _agreed(found: list[tuple[int, _Coded]], path: str) -> _Coded:
    """The one medication all known codings denote (the most specific), else a Refusal."""
    first_index, first = found[0]
    for i, other in found[1:]:
        why = _conflict(first, other)
        if why is not None:
            raise Refusal(
                "invalid-value",
                f"{path}.coding[{i}].code",
                f"{other.label} contradicts {path}.coding[{first_index}] {first.label}: {why}; "
                "which one was ordered is not guessed",
            )
    return next((coded for _, coded in found if coded.code is not None), first)


def _coded(concept: Any, path: str, terms: Terminology, tables: TableIndex) -> _Coded:
    rxnorm = terms.system("rxnorm")
    codings = list(enumerate(concept.coding or []))
    found = [
        (i, coded)
        for i, coding in codings
        if coding.system == rxnorm
        and coding.code
        and (coded := _rxnorm_coded(coding.code, terms, tables)) is not None
    ]
    if found:
        read = {i for i, _ in found}
        return _uncompared(_agreed(found, path), codings, read, path)
    for i, coding in codings:
        if coding.code:
            raise Refusal(
                "unknown-code",
                f"{path}.coding[{i}].code",
                f"{_code_words(coding, rxnorm)} (data/fhir_terminology.yaml); the drug is not "
                "guessed",
            )
    return _by_text(concept, path, tables)


def _uncompared(coded: _Coded, codings: list[tuple[int, Any]], read: set[int], path: str) -> _Coded:
    """``coded`` with a caution naming each other coding the terminology does not hold and no
    display names (decision, fuzz review 21, D5: an ATC N02AA01, morphine, beside RxNorm
    oxycodone was dropped without a word). It cannot be compared, so it is said, not refused: an
    export's RxNorm beside its NDC, ATC or SNOMED CT code is the usual case (docs/fhir.md)."""
    unread = [
        f"{path}.coding[{i}] ({system_named(c.system)}, code {quoted(c.code)})"
        for i, c in codings
        if i not in read and c.code and not c.display
    ]
    if not unread:
        return coded
    said = "; ".join(unread)
    caution = (
        f"{said}: not in the terminology, so not compared with {coded.label}; check that it "
        "names the same medicine"
    )
    return replace(coded, caution=caution)  # a coded RxNorm reading has none of its own


def _code_words(coding: Any, rxnorm: str) -> str:
    """'RxNorm code “…” (display) is not in the terminology'; a coding without a system says
    so (fuzz review 21, D7: 'system “None”')."""
    shown = f" ({excerpt(coding.display)})" if coding.display else ""
    code = f"code {quoted(coding.code)}{shown}"
    if coding.system is None:
        return f"{code} names {system_named(None)}, so it cannot be looked up in the terminology"
    system = "RxNorm" if coding.system == rxnorm else f"system {quoted(coding.system)}"
    return f"{system} {code} is not in the terminology"


def _by_text(concept: Any, path: str, tables: TableIndex) -> _Coded:
    text = concept.text or next((c.display for c in concept.coding or [] if c.display), None)
    if not text:
        raise Refusal("no-code", path, "the medication has neither a code nor a text")
    drug = drug_named_in(text, tables)
    if drug is None:
        raise Refusal(
            "unknown-code",
            f"{path}.text",
            f"{quoted(text)} names no drug of the catalogue (or more than one)",
        )
    return _Coded(
        drug,
        None,
        None,
        f"text {quoted(text)}",
        caution=f"no RxNorm code: the drug was read from the text {quoted(text)} — check it",
    )


def _form(coded: _Coded, medication: Any, terms: Terminology) -> tuple[str | None, str | None]:
    """(catalogue form, route implied by the dose form)."""
    code, path = coded.dose_form, "medicationReference.resolve().form"
    if code is None and medication is not None and medication.form is not None:
        code = _form_code(medication.form, path, terms)
    if code is None:
        return None, None
    dose_form = terms.dose_form(code)
    assert dose_form is not None  # _form_code and the load-time cross-check guarantee it
    forms = [form.id for form in coded.drug.forms]
    if not forms:
        return None, dose_form.route
    form = pick_form(dose_form, forms)
    if form is None:
        raise Refusal(
            "unknown-code",
            path,
            f"{dose_form.display} is not a form of {coded.drug.in_sentence} in the catalogue",
        )
    return form, dose_form.route


def _form_code(concept: Any, path: str, terms: Terminology) -> str | None:
    for i, coding in enumerate(concept.coding or []):
        if coding.system == terms.system("rxnorm") and terms.dose_form(coding.code or ""):
            return str(coding.code)
        if coding.code:
            raise Refusal(
                "unknown-code",
                f"{path}.coding[{i}].code",
                f"dose form code {quoted(coding.code)} is not in the terminology",
            )
    return None


def _ingredient_strength(medication: Any) -> tuple[ParsedQuantity, str] | None:
    path = "medicationReference.resolve().ingredient"
    strengths = [(i, ing) for i, ing in enumerate(medication.ingredient or []) if ing.strength]
    if not strengths:
        return None
    if len(strengths) > 1:
        raise Refusal(
            "unsupported-dosage",
            path,
            "more than one ingredient has a strength; a combination product is not read",
        )
    i, ingredient = strengths[0]
    here = f"{path}[{i}].strength"
    ratio = ingredient.strength
    if ratio.denominator is not None and count_of(ratio.denominator, f"{here}.denominator"):
        per_unit = quantity(ratio.numerator, f"{here}.numerator", (Dimension.MASS,))
        return per_unit, "Medication.ingredient.strength"
    return ratio_quantity(ratio, here, _STRENGTH), "Medication.ingredient.strength"


def resolve_medication(
    order: Any, resources: FhirResources, terms: Terminology, tables: TableIndex
) -> ResolvedMedication:
    concept, medication, path = _medication(order, resources)
    coded = _coded(concept, path, terms, tables)
    refuse_another_drug_named(concept, path, medication, coded.drug, coded.label, tables)
    form, route_hint = _form(coded, medication, terms)
    strength = coded.strength
    source = f"strength of RxNorm {coded.code}" if coded.code else None
    from_ingredient = _ingredient_strength(medication) if medication is not None else None
    if from_ingredient is not None:
        if strength is not None and not same_strength(from_ingredient[0], strength):
            raise Refusal(
                "invalid-value",
                "medicationReference.resolve().ingredient",
                f"strength {from_ingredient[0]} contradicts the RxNorm strength {strength}",
            )
        strength, source = from_ingredient
    strength_from = "Medication.ingredient.strength" if from_ingredient else coded.label
    form_from = coded.label if coded.dose_form else "medicationReference.resolve().form"
    read = ReadProduct(coded.drug, strength, strength_from, form, form_from)
    refuse_another_strength_or_form_named(concept, path, medication, read, terms)
    cautions = (coded.caution,) if coded.caution else ()
    shape = terms.dose_form(coded.dose_form) if coded.dose_form else None
    display = shape.display if shape is not None else None
    return ResolvedMedication(
        coded.drug, form, route_hint, strength, source, coded.label, cautions, display
    )
