"""Frozen models of what the tables say per market apart from numbers: the set the app opens
under (``market_defaults``) and the words a market's prescribers use for a drug or a form
(``market_names``: UK, AU and NZ write "paracetamol" and "MR" where the US writes
"acetaminophen" and "ER"; pharmacist review 19, L9)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.schema_types import Identifier, Text

__all__ = ["MarketCode", "MarketDefault", "MarketDefaults", "MarketName", "MarketNames"]

MarketCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class MarketDefault(_Frozen):
    market: MarketCode
    table: Identifier
    reason: Text


class MarketDefaults(_Frozen):
    """The equianalgesic set the app and the case files open under, by market preference."""

    markets: list[MarketDefault]
    fallback: Identifier
    fallback_reason: Text


class MarketName(_Cited):
    """The word ``markets`` print for one catalogue id (a drug's or a form's); the id itself
    (and a form's ``form_label``) stays the word everywhere else."""

    id: Identifier
    markets: Annotated[list[MarketCode], Field(min_length=1)]
    word: Text


class MarketNames(_Frozen):
    """A drug's name and a form's label as a market writes them (``domain/market_words``)."""

    drugs: list[MarketName] = []
    forms: list[MarketName] = []
