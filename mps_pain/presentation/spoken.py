"""A plan's or a check's view in the words of the market it was made for (``result.market``;
``domain.market_words``): "New regimen: morphine oral MR …" under a UK plan, as its steps and
schedule say it. A record saved before the market was kept (no ``market``) keeps the catalogue's
words, as it was printed then."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from mps_pain.domain.market_words import said_as_spoken, speaking
from mps_pain.tables.loader import get_tables

__all__ = ["as_spoken", "in_words_of"]


@contextmanager
def in_words_of(market: str | None) -> Iterator[None]:
    with speaking(get_tables(), market):
        yield


def as_spoken(drug: str, form: str | None) -> tuple[str, str | None]:
    """An order's drug and form as typed, in the words of the market spoken now."""
    return said_as_spoken(get_tables(), drug, form)
