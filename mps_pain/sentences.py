"""Where two clauses of a message meet: one joining rule (fuzz review 19, D6).

A message from another module may already end a sentence ("unknown drug 'unobtainium'." or
"… Did you mean morphine?"). Joined by hand to the next clause it read "'unobtainium'.; nothing
was imported". ``then`` joins them: after a whole sentence the next clause starts a sentence of
its own; after a clause, it follows as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

__all__ = ["clauses", "then"]

_ENDS: Final = (".", "?", "!")
_ELLIPSES: Final = ("...", "…")
_JOINS: Final = (";", ".", ",", ":")


def then(text: str, tail: str) -> str:
    """``text`` followed by ``tail``, a clause that begins with its own joining mark (``"; nothing
    was imported"``, ``". Nothing was changed."``, ``" (and 2 more problems)"``)."""
    if not text.endswith(_ENDS) or text.endswith(_ELLIPSES) or not tail:
        return text + tail
    rest = tail.lstrip()
    if rest.startswith(_JOINS):
        rest = rest[1:].lstrip()
    return f"{text} {rest[:1].upper()}{rest[1:]}" if rest else text


def clauses(parts: Iterable[str], mark: str = "; ") -> str:
    """``parts`` joined by ``mark`` through ``then``: "a; b; c", never "a.; b"."""
    joined = ""
    for part in parts:
        joined = then(joined, mark + part) if joined else part
    return joined
