"""A drug's product as it is written in a line of arithmetic or a regimen: the one rule.

A form's own words are ``tables.form_spelling.form_label`` (re-exported here), the rule the
catalogue reads back too; in a plan or a check, the drug and the form are written in the words
of its market (``market_words``: "paracetamol oral", "morphine oral MR" in the UK).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from mps_pain.tables.form_spelling import form_label
from mps_pain.tables.spoken_words import spoken_market

__all__ = ["form_label", "product_label"]


def product_label(
    drug: str,
    route: str,
    form: str | None = None,
    *,
    words_of: Callable[[str | None], str] | None = None,
) -> str:
    """A drug by its route and form, as a prescriber writes it: ``morphine oral IR``. A form
    whose words already say the route is not preceded by it again: ``morphine oral solution``,
    never "morphine oral oral solution" (clinician review 3). ``words_of``: how a screen spells
    a form (the converter: "modified-release"); else the market spoken now (``market_words``:
    the catalogue's words outside a plan or a check)."""
    if words_of is not None:
        return _label(drug, route, words_of(form) if form else "")
    spoken = spoken_market()
    return _label(spoken.drug(drug), route, spoken.form(form) if form else "")


@lru_cache(maxsize=1024)
def _label(drug: str, route: str, words: str) -> str:
    """Remembered (a pure function of its arguments: every worked line of every set names its
    product, ~100,000 times in the core's tests)."""
    if words == route or words.startswith(f"{route} "):
        return " ".join(p for p in (drug, words) if p)
    return " ".join(p for p in (drug, route, words) if p)
