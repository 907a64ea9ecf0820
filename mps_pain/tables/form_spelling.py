"""A catalogue form id as it is printed, the one rule both ways: ``form_label`` writes it, and
the catalogue reads the same words back as the same form (``TableIndex.resolve_form``).

``er``/``ir`` are written as prescribers write them, ``ER``/``IR``, and so is every form code
the catalogue writes in capitals when a document keeps it as typed (``mr`` → ``MR``: clinician
re-check 19b, R8, the records diff printed "oxycodone oral mr 20 mg bid"); other ids read as
words (``oral_solution`` → ``oral solution``). The catalogue and documents keep the ids. Clinician
review 16 #10 (session 17): "fentanyl sublingual spray" and "ketamine oral solution" were
printed in words the reader refused, so an order copied from a printed plan lost its form.
"""

from __future__ import annotations

__all__ = ["FORM_CODES", "form_label"]

#: the form codes the catalogue's synonyms write in capitals (tests/tables/
#: test_form_codes_in_capitals.py holds this to the catalogue, code for code)
FORM_CODES = frozenset({"er", "ir", "mr", "sr", "cr", "la", "td", "pr", "otfc", "csci"})


def form_label(form: str | None) -> str:
    if not form:
        return ""
    return form.upper() if form.casefold() in FORM_CODES else form.replace("_", " ")
