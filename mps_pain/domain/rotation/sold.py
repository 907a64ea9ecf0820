"""Which forms of a drug a market sells: where the cited strengths of a market list every product
of the drug there (``Strengths.all_products``), a form with no row for that market is not
marketed there. One rule for every reader: methadone's oral solution is then never measured in
that market (pharmacist review 7, D2), and a plan whose breakthrough is such a form says plainly
that it is not marketed there, where it would otherwise call it a gap in the catalogue
(pharmacist review 19, M2: tapentadol IR in JP).
"""

from __future__ import annotations

from mps_pain.tables.schema import Drug, Strengths

__all__ = ["all_products_markets", "unsold_row"]


def all_products_markets(drug: Drug) -> set[str]:
    """Markets whose cited rows list every product of the drug (``all_products``)."""
    return {s.market for f in drug.forms for s in f.strengths if s.all_products}


def unsold_row(drug: Drug, form_id: str | None, market: str | None) -> Strengths | None:
    """The row listing every product of ``drug`` in ``market`` when ``form_id`` is not among
    them (the form is not marketed there, and the row is the source that says so); None when the
    form is listed there, or the market's rows do not list every product."""
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None or market is None or market in {s.market for s in form.strengths}:
        return None
    rows = (s for f in drug.forms for s in f.strengths if s.all_products and s.market == market)
    return next(rows, None)
