"""A plan's or a check's view in the words of the market it was made for (``result.market``;
``domain.market_words``): "New regimen: morphine oral MR …" under a UK plan, as its steps and
schedule say it. A record saved before the market was kept (no ``market``) keeps the catalogue's
words, as it was printed then."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from mps_pain.domain.market_words import market_words, said_as_spoken, speaking
from mps_pain.tables.form_spelling import form_label
from mps_pain.tables.loader import get_tables

__all__ = ["as_spoken", "form_cell", "in_words_of"]


@contextmanager
def in_words_of(market: str | None) -> Iterator[None]:
    with speaking(get_tables(), market):
        yield


def as_spoken(drug: str, form: str | None) -> tuple[str, str | None]:
    """An order's drug and form as typed, in the words of the market spoken now."""
    return said_as_spoken(get_tables(), drug, form)


def form_cell(form: str, market: str | None) -> str:
    """A regimen row's Form cell in the words of the document's (else the preferences') market:
    a row Apply wrote keeps the catalogue id ``er``, shown "MR" in the UK, "ER" in the US
    (clinician re-check 20b, N14: the Form cell read "ER" beside a UK plan's "MR"); a form the
    market has no word for, or no market, as ``form_label`` writes it."""
    words = market_words(get_tables(), market)
    return words.forms.get(form.casefold()) or form_label(form)
