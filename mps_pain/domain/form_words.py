"""A drug's product as it is written in a line of arithmetic or a regimen: the one rule.

A form's own words are ``tables.form_spelling.form_label`` (re-exported here), the rule the
catalogue reads back too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from mps_pain.tables.form_spelling import form_label

__all__ = ["form_label", "product_label"]


@lru_cache(maxsize=1024)
def product_label(
    drug: str,
    route: str,
    form: str | None = None,
    *,
    words_of: Callable[[str | None], str] = form_label,
) -> str:
    """A drug by its route and form, as a prescriber writes it: ``morphine oral IR``. A form
    whose words already say the route is not preceded by it again: ``morphine oral solution``,
    never "morphine oral oral solution" (clinician review 3). ``words_of``: how a screen spells
    a form (the converter: "modified-release"). Remembered (a pure function of its arguments:
    every worked line of every set names its product, ~100,000 times in the core's tests)."""
    words = words_of(form) if form else ""
    if words == route or words.startswith(f"{route} "):
        return " ".join(p for p in (drug, words) if p)
    return " ".join(p for p in (drug, route, words) if p)
