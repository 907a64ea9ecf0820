"""Numbers no field can take, refused at their field: NaN, an infinity (``1e400``), an integer of
more than MAX_INT_DIGITS digits (Python refuses at 4,300 digits with a crash).

The JSON parser meets a number before its place is known, so its hooks (``NumberHooks``) put an
``OutOfRangeNumber`` in the number's place and the place is found after the parse, in document
order (``first_out_of_range``): the refusal names ``items[0].dose.value``, never "(document)"
(fuzz review 15, D8: a 20-digit dose in a 100-item regimen could not be found). A document
handed in already parsed is searched the same way (``first_bad_number``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final

from mps_pain.errors import DocumentFormatError
from mps_pain.locations import location_text

__all__ = [
    "MAX_INT_DIGITS",
    "NumberHooks",
    "OutOfRangeNumber",
    "first_bad_number",
    "first_out_of_range",
    "not_finite_number",
    "refuse_at",
    "too_many_digits",
]

MAX_INT_DIGITS: Final = 18

Location = tuple[str | int, ...]


def not_finite_number(shown: str) -> str:
    """The refusal of NaN or an infinity, however the document spells it."""
    return f"{shown} is not a number this program accepts; write a finite number"


def too_many_digits(count: int | str) -> str:
    return f"an integer of {count} digits is out of range (at most {MAX_INT_DIGITS} digits)"


class OutOfRangeNumber:
    """What the JSON reader puts in place of a number no field can take; ``problem`` says why.
    It never reaches a model: the reader refuses it at its place, or hands it to a reader that
    refuses it in its own terms (a FHIR order, alone)."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


class NumberHooks:
    """The JSON parser's number hooks for one document; ``found`` tells whether any number was
    out of range, so a document without one (nearly all) is not searched."""

    def __init__(self) -> None:
        self.found = False

    def _out_of_range(self, problem: str) -> OutOfRangeNumber:
        self.found = True
        return OutOfRangeNumber(problem)

    def constant(self, name: str) -> Any:
        return self._out_of_range(not_finite_number(name))

    def float_(self, text: str) -> Any:
        value = float(text)
        if math.isfinite(value):
            return value
        return self._out_of_range(f"{text[:40]} is out of range; write a finite number")

    def int_(self, text: str) -> Any:
        digits = len(text.lstrip("-"))
        if digits > MAX_INT_DIGITS:
            return self._out_of_range(too_many_digits(digits))
        return int(text)


def first_out_of_range(value: Any) -> tuple[Location, str] | None:
    """Where the first ``OutOfRangeNumber`` is, and its problem; None if there is none."""
    found = _first_where(value, lambda node: isinstance(node, OutOfRangeNumber))
    return None if found is None else (found[0], found[1].problem)


def first_bad_number(value: Any) -> tuple[Location, str] | None:
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


def refuse_at(found: tuple[Location, str] | None) -> None:
    """Raise the refusal of a number found out of range, naming its place."""
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
