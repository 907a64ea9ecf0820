"""Clinician re-check 19b, R8 (review 19 L7, not fixed for MR): the records diff of a regimen
typed with the form "mr" still printed "oxycodone oral mr 20 mg bid", though "er" and "ir" were
written "ER" and "IR". The class: a form code the catalogue writes in capitals (MR, SR, CR, LA,
TD, PR, OTFC, CSCI …) stored as typed in lower case. ``form_label`` writes every such code as the
catalogue does, so each place that prints a stored form (the regimen table, the records diff,
the saved regimen view) says it alike; what it prints still reads back as the same form."""

from __future__ import annotations

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.services.regimen_diff import diff_regimens
from mps_pain.tables.form_spelling import FORM_CODES, form_label
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CODES = sorted(
    {
        (drug.id, spelling)
        for drug in TABLES.drugs.values()
        for form in drug.forms
        for spelling in form.synonyms
        if spelling.isalpha() and spelling.isupper()
    }
)


@pytest.mark.parametrize(("drug", "code"), CODES, ids=[f"{d}-{c}" for d, c in CODES])
def test_a_form_code_typed_in_lower_case_is_written_as_the_catalogue_writes_it(
    drug: str, code: str
) -> None:
    written = form_label(code.lower())
    assert written == code, (code, written)
    form = TABLES.resolve_form(TABLES.drugs[drug], written)
    assert form is not None and form == TABLES.resolve_form(TABLES.drugs[drug], code.lower())


def test_the_codes_are_the_catalogues() -> None:
    assert {code.lower() for _, code in CODES} == FORM_CODES


def test_only_codes_are_written_in_capitals() -> None:
    assert form_label("oral_solution") == "oral solution"
    assert form_label("modified-release") == "modified-release"
    assert form_label("patch") == "patch"


def test_r8_the_records_diff_says_mr_as_typed_in_capitals() -> None:
    mr = {"drug": "oxycodone", "route": "oral", "form": "mr", "dose": "20 mg", "frequency": "bid"}
    patch = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
    before = RegimenDocument.model_validate({"items": [mr]})
    after = RegimenDocument.model_validate({"items": [patch]})
    words = [c.before or c.after or "" for c in diff_regimens(before, after)]
    assert "oxycodone oral MR 20 mg bid" in words, words
