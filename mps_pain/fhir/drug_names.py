"""Catalogue drugs named in a medication's words, and the refusal of words that name another drug
than the one read (fuzz review 20, D3).

RxNorm 1049621 (oxycodone 5 mg tablet) beside a coding the terminology does not hold, displayed
"Morphine Sulfate 10 MG Oral Tablet", was read as oxycodone without a word; so was the same code
under the text "Morphine sulfate 5 mg tablet". A coding the terminology holds and names another
drug was already refused ("which one was ordered is not guessed"); words are held to the same
rule: a ``display`` or ``text`` of the medication (or of a referenced Medication's ingredient)
that names a catalogue drug other than the one read refuses the order, naming both. Words that
name the drug read, or no catalogue drug, are read as before.

Fuzz re-check 20c (N1): a coding the terminology does not hold, displayed "Oxycodone
Hydrochloride 10 MG Oral Tablet" or "OxyContin 10 MG 12 HR Extended Release Oral Tablet" beside
1049621, was still read as the 5 mg immediate-release tablet without a word, where the same
display under a held code is refused ("their strengths differ", "their dose forms differ"). Words
are held to that rule too: a strength they write (a mass, or a mass per mL or per hour) that is
not the order's, or a dose form of the terminology that is not the order's catalogue form,
refuses the order at that element. Only names the tables hold are compared: a drug name in
another language ("Morfina") is not, but the strength beside it is (N4; docs/fhir.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mps_pain.fhir.model import Refusal, quoted
from mps_pain.fhir.terminology import DoseForm, Terminology, pick_form
from mps_pain.numbers import MagnitudeError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.units import ParsedQuantity

__all__ = [
    "ReadProduct",
    "dose_forms_named_in",
    "drug_named_in",
    "drugs_named_in",
    "refuse_another_drug_named",
    "refuse_another_strength_or_form_named",
    "refuse_another_unit_kind",
    "same_strength",
    "strengths_named_in",
    "unit_kind_named_in",
]


@lru_cache(maxsize=4)
def _names(tables: TableIndex) -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Every catalogue spelling → drug id, and a whole-word pattern for each (built once)."""
    spellings = {
        name.casefold(): drug.id
        for drug in tables.drugs.values()
        for name in (drug.id, drug.name, *drug.synonyms)
    }
    patterns = tuple(
        (re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), drug_id)
        for name, drug_id in spellings.items()
    )
    return spellings, patterns


def drugs_named_in(text: str, tables: TableIndex) -> frozenset[str]:
    """The ids of every catalogue drug the text names (exactly, or as a whole word)."""
    spellings, patterns = _names(tables)
    folded = text.strip().casefold()
    if folded in spellings:
        return frozenset({spellings[folded]})
    return frozenset(drug_id for pattern, drug_id in patterns if pattern.search(folded))


def drug_named_in(text: str, tables: TableIndex) -> Drug | None:
    """The one catalogue drug the text names, else None (none, or more than one)."""
    found = drugs_named_in(text, tables)
    return tables.drugs[next(iter(found))] if len(found) == 1 else None


def _words(concept: Any, path: str) -> Iterator[tuple[str, str]]:
    """(element, words) of a CodeableConcept: each coding's display, then its text."""
    for i, coding in enumerate(concept.coding or []):
        if coding.display:
            yield f"{path}.coding[{i}].display", coding.display
    if concept.text:
        yield f"{path}.text", concept.text


def _ingredient_words(medication: Any) -> Iterator[tuple[str, str]]:
    for i, ingredient in enumerate(medication.ingredient or []):
        concept = getattr(ingredient, "itemCodeableConcept", None)
        if concept is not None:
            path = f"medicationReference.resolve().ingredient[{i}].itemCodeableConcept"
            yield from _words(concept, path)


def _every_word(concept: Any, path: str, medication: Any) -> Iterator[tuple[str, str]]:
    """(element, words) of the medication: its concept's, then a referenced Medication's
    ingredients'."""
    yield from _words(concept, path)
    if medication is not None:
        yield from _ingredient_words(medication)


def refuse_another_drug_named(
    concept: Any, path: str, medication: Any, read: Drug, read_as: str, tables: TableIndex
) -> None:
    """A Refusal at the first display or text that names a catalogue drug other than ``read``
    (read from ``read_as``, which the message names beside it)."""
    for where, text in _every_word(concept, path, medication):
        others = sorted(drugs_named_in(text, tables) - {read.id})
        if others:
            named = " and ".join(tables.drugs[other].in_sentence for other in others)
            raise Refusal(
                "invalid-value",
                where,
                f"{quoted(text)} names {named}, but the order is read as {read.in_sentence} "
                f"from {read_as}; which drug was ordered is not guessed",
            )


# --- strengths and dose forms named in words (fuzz re-check 20c, N1) ----------------------------

_MASS = {"mg": "mg", "milligram": "mg", "mcg": "mcg", "ug": "mcg", "µg": "mcg", "μg": "mcg"}
_MASS |= {"microgram": "mcg", "g": "g", "gram": "g"}
_PER = {"ml": "mL", "millilitre": "mL", "milliliter": "mL", "h": "h", "hr": "h", "hour": "h"}
_STRENGTH = re.compile(
    r"(?<![\w.,/])(\d+(?:\.\d+)?)\s*(mg|mcg|ug|µg|μg|g|milligram|microgram|gram)s?"
    r"(?:\s*(?:/|\bper\b|\bin\b)\s*(\d+(?:\.\d+)?)?\s*"
    r"(ml|millilitre|milliliter|hr|hour|h)s?)?(?![\w/])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReadProduct:
    """What an order's medication was read as: its strength and catalogue form, each with the
    words naming where it was read from (for the refusal)."""

    drug: Drug
    strength: ParsedQuantity | None
    strength_from: str
    form: str | None
    form_from: str


def same_strength(first: ParsedQuantity, other: ParsedQuantity) -> bool:
    """One strength, whatever its unit (0.025 mg/h is 25 mcg/h): the one comparison of the
    codings' rule (``medication._conflict``), of an ingredient's strength and of words."""
    if first.dimension is not other.dimension:
        return False
    try:
        return math.isclose(other.to(first.unit), first.value, rel_tol=1e-9)
    except MagnitudeError:  # beyond arithmetic, so not the strength read
        return False


def strengths_named_in(text: str) -> tuple[tuple[str, ParsedQuantity | None], ...]:
    """Every strength the words write as a mass, or a mass per mL or per hour ("10 MG",
    "0.025 MG/HR", "5 mg/5 mL"), as written and as a quantity (None when it cannot be one:
    "5 mg/0 mL"); a figure without a unit ("Percocet 5/325") is none."""
    found = []
    for match in _STRENGTH.finditer(text):
        number, mass, per_number, per = match.groups()
        unit = _MASS[mass.casefold()] + (f"/{_PER[per.casefold()]}" if per else "")
        per_value = float(per_number or 1)
        value = float(number) / per_value if per_value else math.inf
        strength = ParsedQuantity(value, unit) if math.isfinite(value) else None
        found.append((match.group(0), strength))
    return tuple(found)


def dose_forms_named_in(text: str, terms: Terminology) -> tuple[DoseForm, ...]:
    """Every dose form of the terminology the words name ("Extended Release Oral Tablet" as
    itself, not as "Oral Tablet"); a form the terminology does not hold is none, and neither is
    its last words ("Delayed Release Oral Tablet" is not read as "Oral Tablet")."""
    by_name = {form.display.casefold(): form for form in terms.dose_forms}
    names = "|".join(re.escape(name) for name in sorted(by_name, key=len, reverse=True))
    pattern = rf"(?<![\w-])(?<!release )({names})(?![\w-])"
    folded = " ".join(text.casefold().split())
    return tuple(by_name[match.group(1)] for match in re.finditer(pattern, folded))


#: the words of a dosage unit a count is given in ("{capsule}", "TAB", "Oral Tablet")
_UNIT_KINDS = {"tablet": "tablet", "tablets": "tablet", "tab": "tablet", "tabs": "tablet"}
_UNIT_KINDS |= {"tbl": "tablet", "capsule": "capsule", "capsules": "capsule", "cap": "capsule"}
_UNIT_KINDS |= {"caps": "capsule"}


def unit_kind_named_in(text: str) -> str | None:
    """The one kind of dosage unit, tablet or capsule, the words name (a dose's count unit,
    "{capsule}", "TAB"; a dose form, "Extended Release Oral Tablet"), else None (fuzz review
    21, D5: 1 {capsule} of a tablet code was read as a tablet without a word)."""
    kinds = {_UNIT_KINDS[w] for w in re.findall(r"[a-z]+", text.casefold()) if w in _UNIT_KINDS}
    return next(iter(kinds)) if len(kinds) == 1 else None


def refuse_another_unit_kind(code: str, dose_form: str | None, label: str, path: str) -> None:
    """A Refusal at ``path``'s code where a dose counted in one kind of unit ("{capsule}") is
    given for a medication coded as the other ("Oral Tablet"): the words of a dose held to the
    codings' rule, as a display's dose form is (``refuse_another_strength_or_form_named``)."""
    written = unit_kind_named_in(code)
    coded = unit_kind_named_in(dose_form) if dose_form else None
    if written is None or coded is None or written == coded:
        return
    raise Refusal(
        "invalid-value",
        f"{path}.code",
        f"a dose counted in {written}s ({quoted(code)}) is given for a medication coded as "
        f"{dose_form} ({label}); which was ordered is not guessed",
    )


def _contradiction(text: str, read: ReadProduct, terms: Terminology) -> str | None:
    if read.strength is not None:
        for written, strength in strengths_named_in(text):
            if strength is None or not same_strength(read.strength, strength):
                return (
                    f"gives the strength {quoted(written)}, but the order's strength is "
                    f"{read.strength} ({read.strength_from})"
                )
    if read.form is None:
        return None
    forms = {form.id: form.name for form in read.drug.forms}
    for dose_form in dose_forms_named_in(text, terms):
        if pick_form(dose_form, list(forms)) != read.form:
            return (
                f"names the dose form {dose_form.display}, but the order's form is "
                f"{forms[read.form].casefold()} ({read.form_from})"
            )
    return None


def refuse_another_strength_or_form_named(
    concept: Any, path: str, medication: Any, read: ReadProduct, terms: Terminology
) -> None:
    """A Refusal at the first display or text whose strength or dose form is not the order's,
    as two codings of one medication are (``medication._conflict``)."""
    for where, text in _every_word(concept, path, medication):
        why = _contradiction(text, read, terms)
        if why is not None:
            raise Refusal(
                "invalid-value",
                where,
                f"{quoted(text)} {why}; which one was ordered is not guessed",
            )
