"""The words the market spoken now writes for a drug or a form (``market_names``): the state
``domain.market_words.speaking`` sets for a plan or a check, read wherever a product is named,
the tables' own refusals included ("no conversion factor for … (MR)"). Outside a plan or a
check, the catalogue's words (the drug id; ``form_label``)."""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import MappingProxyType

from mps_pain.tables.form_spelling import form_label

__all__ = [
    "CATALOGUE_WORDS",
    "SPOKEN",
    "MarketWords",
    "spoken_drug",
    "spoken_form",
    "spoken_market",
]

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class MarketWords:
    """One market's words: drug id → name, form id → label (only where they differ)."""

    market: str | None
    drugs: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    forms: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def drug(self, drug: str) -> str:
        return self.drugs.get(drug, drug)

    def form(self, form: str | None) -> str:
        if form is not None and form in self.forms:
            return self.forms[form]
        return form_label(form)

    @property
    def key(self) -> tuple[str | None, tuple[tuple[str, str], ...]]:
        """Hashable and compared by the words (a memory's key: one answer per market's words)."""
        return self.market, (*sorted(self.drugs.items()), *sorted(self.forms.items()))


CATALOGUE_WORDS = MarketWords(None)
SPOKEN: ContextVar[MarketWords] = ContextVar("market_words", default=CATALOGUE_WORDS)


def spoken_market() -> MarketWords:
    return SPOKEN.get()


def spoken_drug(drug: str) -> str:
    """A drug id as the market spoken now writes it."""
    return SPOKEN.get().drug(drug)


def spoken_form(form: str | None) -> str:
    """A form id as the market spoken now writes it ("" without a form)."""
    return SPOKEN.get().form(form)
