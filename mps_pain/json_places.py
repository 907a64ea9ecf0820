"""What the JSON parser meets before its place is known, refused at that place.

- a number no field can take: NaN, an infinity (``1e400``), a number too small to be read
  other than as 0 (``1e-400``: "'0 mg' must be greater than zero" named a value never written,
  fuzz review 21, D7), an integer of more than MAX_INT_DIGITS digits (Python refuses at 4,300
  digits with a crash);
- a key written twice in one object (the last one would silently win).

The parser's hooks (``ParseHooks``) see a number or an object's pairs, never where they are, so
they leave a mark in its place (an ``OutOfRangeNumber``, a ``KeyWrittenTwice`` object) and the
first mark in document order is found after the parse (``first_mark``): the refusal names
``items[0].dose.value`` or ``items[0].dose``, never "(document)" (fuzz review 15, D8: a 20-digit
dose in a 100-item regimen could not be found). A document handed in already parsed is searched
the same way for its numbers (``first_bad_number``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final

from mps_pain.errors import DocumentFormatError
from mps_pain.locations import location_text

__all__ = [
    "MAX_INT_DIGITS",
    "KeyWrittenTwice",
    "OutOfRangeNumber",
    "ParseHooks",
    "first_bad_number",
    "first_mark",
    "number_problem",
    "refuse_at",
    "too_many_digits",
]

MAX_INT_DIGITS: Final = 18

Location = tuple[str | int, ...]
Found = tuple[Location, str]  # where, and why


def not_finite_number(shown: str) -> str:
    """The refusal of NaN or an infinity, however the document spells it."""
    return f"{shown} is not a number this program accepts; write a finite number"


def underflows(shown: str) -> str:
    """The refusal of a number written that is too small to be read other than as 0."""
    return f"{shown} is out of range: too small to read other than as 0; write a plain number"


def too_many_digits(count: int | str) -> str:
    return f"an integer of {count} digits is out of range (at most {MAX_INT_DIGITS} digits)"


class OutOfRangeNumber:
    """What the JSON reader puts in place of a number no field can take; ``problem`` says why.
    It never reaches a model: the reader refuses it at its place, or hands it to a reader that
    refuses it in its own terms (a FHIR order, alone)."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


class KeyWrittenTwice(dict[str, Any]):
    """An object that wrote ``key`` twice: always refused, at ``<its place>.<key>``."""

    key: str


class ParseHooks:
    """The JSON parser's hooks for one document; ``numbers`` and ``twice`` tell whether it left
    a mark of each kind, so a document without one (nearly all) is not searched."""

    def __init__(self) -> None:
        self.numbers = False
        self.twice = False

    def _out_of_range(self, problem: str) -> OutOfRangeNumber:
        self.numbers = True
        return OutOfRangeNumber(problem)

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = dict(pairs)
        if len(mapping) == len(pairs):
            return mapping
        self.twice = True
        marked = KeyWrittenTwice(mapping)
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                marked.key = key
                break
            seen.add(key)
        return marked

    def constant(self, name: str) -> Any:
        return self._out_of_range(not_finite_number(name))

    def float_(self, text: str) -> Any:
        value = float(text)
        if not math.isfinite(value):
            return self._out_of_range(f"{text[:40]} is out of range; write a finite number")
        if value == 0 and any(c in "123456789" for c in text.lower().partition("e")[0]):
            return self._out_of_range(underflows(text[:40]))
        return value

    def int_(self, text: str) -> Any:
        digits = len(text.lstrip("-"))
        if digits > MAX_INT_DIGITS:
            return self._out_of_range(too_many_digits(digits))
        return int(text)


def first_mark(value: Any, *, numbers: bool = True) -> Found | None:
    """Where the first mark is (a key written twice; with ``numbers``, an out-of-range number
    too), and why; None if there is none."""
    kinds: tuple[type, ...] = (KeyWrittenTwice, OutOfRangeNumber) if numbers else (KeyWrittenTwice,)
    found = _first_where(value, lambda node: isinstance(node, kinds))
    if found is None:
        return None
    loc, node = found
    if isinstance(node, KeyWrittenTwice):
        shown = node.key[:40]
        return (*loc, node.key), f"the key '{shown}' is written twice in one object"
    return loc, node.problem


def first_bad_number(value: Any) -> Found | None:
    """Where the first number out of range of an already parsed document is, and why."""
    found = _first_where(value, lambda node: number_problem(node) is not None)
    return None if found is None else (found[0], str(number_problem(found[1])))


def number_problem(node: Any) -> str | None:
    """Why a parsed number is out of range (None when it is not a number, or is in range)."""
    if isinstance(node, bool) or not isinstance(node, int | float):
        return None
    if isinstance(node, float):
        return None if math.isfinite(node) else not_finite_number(str(node))
    if abs(node) < 10**MAX_INT_DIGITS:
        return None
    if abs(node) >= 10**4000:  # beyond what Python writes out as digits
        return too_many_digits("more than 4,000")
    return too_many_digits(len(str(abs(node))))


def refuse_at(found: Found | None) -> None:
    """Raise the refusal of a mark or a number found, naming its place."""
    if found is not None:
        loc, problem = found
        raise DocumentFormatError(problem, location=location_text(loc))


def _first_where(value: Any, wanted: Callable[[Any], bool]) -> tuple[Location, Any] | None:
    """The location and value of the first node in document order for which ``wanted`` holds,
    iteratively (a document may nest deeply)."""
    pending: list[tuple[Location, Any]] = [((), value)]
    while pending:
        loc, node = pending.pop()
        if wanted(node):
            return loc, node
        if isinstance(node, dict):
            children = [((*loc, str(key)), child) for key, child in node.items()]
        elif isinstance(node, list):
            children = [((*loc, index), child) for index, child in enumerate(node)]
        else:
            continue
        pending.extend(reversed(children))
    return None
