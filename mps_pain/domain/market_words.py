"""A drug's name and a form's label in the words of the market a plan or a check is for: the one
rule (pharmacist review 19, L9: a UK plan asked for paracetamol printed "acetaminophen oral …";
since session 16, "ER" where the UK, Australia and New Zealand write "MR").

The words are the tables' (``market_names``, each cited); a market not listed there, and no
market at all (a document naming none, ``mme``'s default), keep the catalogue id and its label
(``form_label``: ER, IR, oral solution). The JSON keeps the ids: only the printed words change.

A plan or a check names drugs in some forty sentences, made by rules that know the regimen and
not the market; the market a plan or a check is for is said once, where it starts
(``speaking``), and every product name made inside reads it (``form_words.product_label``,
``spoken_drug``, ``spoken_form``). Outside, the words are the catalogue's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import MappingProxyType

from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import UnknownDrugError
from mps_pain.tables.form_spelling import form_label
from mps_pain.tables.index import TableIndex
from mps_pain.tables.spoken_words import (
    CATALOGUE_WORDS,
    SPOKEN,
    MarketWords,
    spoken_drug,
    spoken_form,
    spoken_market,
)

__all__ = [
    "MARKET_WORDS",
    "MarketWords",
    "asked_or_spoken",
    "drug_word",
    "form_word",
    "market_words",
    "said_as_spoken",
    "speaking",
    "spoken_drug",
    "spoken_form",
    "spoken_market",
    "words_note",
]

MARKET_WORDS = "market-words"


def market_words(tables: TableIndex, market: str | None) -> MarketWords:
    """The words ``market`` prints (``market_names``); no market: the catalogue's."""
    names = tables.tables.market_names
    if market is None or names is None:
        return CATALOGUE_WORDS
    drugs = {n.id: n.word for n in names.drugs if market in n.markets}
    forms = {n.id: n.word for n in names.forms if market in n.markets}
    return MarketWords(market, MappingProxyType(drugs), MappingProxyType(forms))


def drug_word(tables: TableIndex, drug: str, market: str | None) -> str:
    """``paracetamol`` in the UK, ``acetaminophen`` in the US and JP (the catalogue id)."""
    return market_words(tables, market).drug(drug)


def form_word(tables: TableIndex, form: str | None, market: str | None) -> str:
    """``MR`` in the UK, ``ER`` in the US (``form_label``); "" without a form."""
    return market_words(tables, market).form(form)


def said_as_spoken(tables: TableIndex, drug: str, form: str | None) -> tuple[str, str | None]:
    """An order's drug and form as typed ("APAP", "SR"), as the market spoken now writes them
    ("paracetamol", "MR" in the UK; "acetaminophen", "ER" in the US); as typed outside a
    market, or where the catalogue does not know them (an order echoed as it was written)."""
    spoken = spoken_market()
    if spoken.market is None:
        return drug, form
    try:
        found = tables.resolve_drug(drug, location=None)
    except UnknownDrugError:
        return drug, form
    form_id = tables.resolve_form(found, form) if form else None
    return spoken.drug(found.id), (spoken.form(form_id) if form_id else form)


def asked_or_spoken(market: str | None) -> str | None:
    """The market a result is made in: the one its document or request asks for, else the one
    spoken around it (Practice speaks the preferences' market over exercises whose requests
    name none: clinician re-check 20c, L1); outside any, none (the catalogue's words)."""
    return market if market is not None else spoken_market().market


@contextmanager
def speaking(tables: TableIndex, market: str | None) -> Iterator[MarketWords]:
    """Inside, every product name is made in ``market``'s words (a plan's, a check's)."""
    token = SPOKEN.set(market_words(tables, market))
    try:
        yield SPOKEN.get()
    finally:
        SPOKEN.reset(token)


def words_note(
    tables: TableIndex, words: MarketWords, said: Iterable[str]
) -> ClinicalWarning | None:
    """The info note of the market's words that the texts ``said`` print, with their sources
    (every word is cited): "Names are written as in the UK: paracetamol (written acetaminophen
    in the US)"; None where they print none (or in the catalogue's words)."""
    names = tables.tables.market_names
    if names is None or words.market is None or not (words.drugs or words.forms):
        return None
    text = "\n".join(said)
    rows = [
        (row, of(row.id))
        for rows, of in ((names.drugs, str), (names.forms, form_label))
        for row in rows
        if words.market in row.markets and re.search(rf"(?<![\w'-]){row.word}(?![\w'-])", text)
    ]
    if not rows:
        return None
    listed = ", ".join(f"{row.word} (written {catalogue} in the US)" for row, catalogue in rows)
    return ClinicalWarning(
        code=MARKET_WORDS,
        severity="info",
        message=f"Names are written as in the {words.market}: {listed}.",
        source="; ".join(tables.cite(row.citation) for row, _ in rows),
    )
