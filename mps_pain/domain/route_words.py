"""A word typed for a route that the catalogue reads as one: a route's own name, or a form of
the drug that is given by one route only ("patch" → transdermal).

Clinicians write "patch" where the row asks for the route (clinician review 19, M5: "fentanyl
Tab patch Tab 25" dropped "patch" silently and "25" landed in the Form). The catalogue knows a
patch is given through the skin: a form with a single route names that route. Nothing else is
guessed; a word that names no route comes back None and is refused as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.tables.schema import ROUTES

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex

__all__ = ["route_of_word"]


def route_of_word(tables: TableIndex, drug_name: str, word: str) -> str | None:
    """The route ``word`` names for ``drug_name``: a route as written, or the one route of a
    form of that drug (``resolve_form``'s spellings); None otherwise (an unknown drug: only a
    route's own name is read)."""
    typed = word.strip().casefold()
    if typed in ROUTES:
        return typed
    try:
        drug = tables.resolve_drug(drug_name, location=None) if drug_name.strip() else None
    except LookupError:
        return None
    if drug is None:
        return None
    form_id = tables.resolve_form(drug, typed)
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None or len(form.routes) != 1:
        return None
    return str(form.routes[0])
