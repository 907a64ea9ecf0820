"""A catalogue form id as it is printed, the one rule both ways: ``form_label`` writes it, and
the catalogue reads the same words back as the same form (``TableIndex.resolve_form``).

``er``/``ir`` are written as prescribers write them, ``ER``/``IR``; other ids read as words
(``oral_solution`` → ``oral solution``). The catalogue and documents keep the ids. Clinician
review 16 #10 (session 17): "fentanyl sublingual spray" and "ketamine oral solution" were
printed in words the reader refused, so an order copied from a printed plan lost its form.
"""

from __future__ import annotations

__all__ = ["form_label"]


def form_label(form: str | None) -> str:
    if not form:
        return ""
    return form.upper() if form in ("er", "ir") else form.replace("_", " ")
