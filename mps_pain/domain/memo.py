"""Remembered answers of the engine's pure functions, one store per table.

A rule function whose answer depends only on its plain arguments (ids, numbers, strings,
tuples of them) and on the table is computed once per distinct arguments: ``remembered``
returns the first answer for a repeat. The store belongs to the ``TableIndex`` (gone with it),
so answers from one table never reach another. Each function keeps at most ``kept`` answers;
beyond that it is computed each time. A refusal (an exception) is never remembered.

This is how a batch of thousands of regimens avoids recomputing the same warning or the same
row lookup, without a second copy of any rule.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from mps_pain.tables.index import TableIndex

__all__ = ["remembered", "store"]

Answer = TypeVar("Answer")

_stores: weakref.WeakKeyDictionary[TableIndex, dict[str, dict[Hashable, Any]]] = (
    weakref.WeakKeyDictionary()
)


def store(tables: TableIndex, name: str) -> dict[Hashable, Any]:
    """The answers of function ``name`` for this table."""
    by_name = _stores.get(tables)
    if by_name is None:
        by_name = _stores[tables] = {}
    found = by_name.get(name)
    if found is None:
        found = by_name[name] = {}
    return found


def remembered(
    answers: dict[Hashable, Any], key: Hashable, compute: Callable[[], Answer], kept: int
) -> Answer:
    """``compute()``, or the answer it gave before for ``key``."""
    if key in answers:
        found: Answer = answers[key]
        return found
    found = compute()
    if len(answers) < kept:
        answers[key] = found
    return found
