"""A market's word for a drug or a form (``market_names``) reads back as the same drug or form:
an order copied from a UK plan ("paracetamol oral", "morphine oral MR") is read as the order it
was (the one rule both ways, as ``form_spelling``), and names a catalogue drug or form."""

from __future__ import annotations

from mps_pain.errors import TableValidationError
from mps_pain.tables.integrity_catalogue import catalogued
from mps_pain.tables.schema import ConversionTables

__all__ = ["check_market_names"]


def check_market_names(tables: ConversionTables) -> None:
    names = tables.market_names
    if names is None:
        return
    drugs = {drug.id: drug for drug in tables.drugs}
    for i, name in enumerate(names.drugs):
        where = f"market_names.drugs[{i}]"
        drug = catalogued(name.id, drugs, f"{where}.id")
        if name.word.casefold() not in {s.casefold() for s in (drug.id, drug.name, *drug.synonyms)}:
            raise TableValidationError(
                f"'{name.word}' is not a name of {drug.id} in the catalogue", location=where
            )
    for i, name in enumerate(names.forms):
        where = f"market_names.forms[{i}]"
        forms = [f for drug in tables.drugs for f in drug.forms if f.id == name.id]
        if not forms:
            raise TableValidationError(f"no drug has the form '{name.id}'", location=where)
        for form in forms:
            if name.word.casefold() not in {s.casefold() for s in (form.id, *form.synonyms)}:
                raise TableValidationError(
                    f"'{name.word}' is not read back as the form '{name.id}'", location=where
                )
