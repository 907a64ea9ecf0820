"""Catalogue drugs named in a medication's words, and the refusal of words that name another drug
than the one read (fuzz review 20, D3).

RxNorm 1049621 (oxycodone 5 mg tablet) beside a coding the terminology does not hold, displayed
"Morphine Sulfate 10 MG Oral Tablet", was read as oxycodone without a word; so was the same code
under the text "Morphine sulfate 5 mg tablet". A coding the terminology holds and names another
drug was already refused ("which one was ordered is not guessed"); words are held to the same
rule: a ``display`` or ``text`` of the medication (or of a referenced Medication's ingredient)
that names a catalogue drug other than the one read refuses the order, naming both. Words that
name the drug read, or no catalogue drug, are read as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from mps_pain.fhir.model import Refusal, quoted
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug

__all__ = ["drug_named_in", "drugs_named_in", "refuse_another_drug_named"]


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


def refuse_another_drug_named(
    concept: Any, path: str, medication: Any, read: Drug, read_as: str, tables: TableIndex
) -> None:
    """A Refusal at the first display or text that names a catalogue drug other than ``read``
    (read from ``read_as``, which the message names beside it)."""
    words = [*_words(concept, path)]
    if medication is not None:
        words += _ingredient_words(medication)
    for where, text in words:
        others = sorted(drugs_named_in(text, tables) - {read.id})
        if others:
            named = " and ".join(tables.drugs[other].in_sentence for other in others)
            raise Refusal(
                "invalid-value",
                where,
                f"{quoted(text)} names {named}, but the order is read as {read.in_sentence} "
                f"from {read_as}; which drug was ordered is not guessed",
            )
