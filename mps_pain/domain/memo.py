"""Remembered answers of the engine's pure functions, one store per table.

A rule function whose answer depends only on its plain arguments (ids, numbers, strings,
tuples of them) and on the table is computed once per distinct arguments: a repeat takes the
first answer. The store belongs to the ``TableIndex`` (``TableIndex.memo``, gone with it), so
answers from one table never reach another. Each function keeps at most ``kept`` answers;
beyond that it is computed each time. A refusal (an exception) is never remembered.

This is how a batch of thousands of regimens avoids recomputing the same warning or the same
row lookup, without a second copy of any rule. Use::

    return remembered(tables, "name", key, lambda: compute(...), KEPT)

``recent`` keeps the ``kept`` answers used last instead of the first ``kept`` (for answers
asked again soon after, such as the practice's replans of one exercise).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Final, TypeVar

from mps_pain.tables.index import TableIndex

__all__ = ["MISSING", "keep", "recent", "remembered", "store"]

Answer = TypeVar("Answer")

MISSING: Final = object()
"""What ``answers.get(key, MISSING)`` gives for a key not remembered (None can be an answer)."""


def store(tables: TableIndex, name: str) -> dict[Hashable, Any]:
    """The answers of function ``name`` for this table."""
    found = tables.memo.get(name)
    if found is None:
        found = tables.memo[name] = {}
    return found


def keep(answers: dict[Hashable, Any], key: Hashable, answer: Answer, kept: int) -> Answer:
    """``answer``, remembered for ``key`` while fewer than ``kept`` answers are."""
    if len(answers) < kept:
        answers[key] = answer
    return answer


def remembered(
    tables: TableIndex, name: str, key: Hashable, compute: Callable[[], Answer], kept: int
) -> Answer:
    """Function ``name``'s answer for ``key`` under this table: the remembered one, else
    ``compute()`` (remembered while fewer than ``kept`` are; None can be an answer)."""
    answers = store(tables, name)
    found = answers.get(key, MISSING)
    if found is MISSING:
        return keep(answers, key, compute(), kept)
    return found


def recent(
    tables: TableIndex, name: str, key: Hashable, compute: Callable[[], Answer], kept: int
) -> Answer:
    """Function ``name``'s answer for ``key`` under this table: the remembered one, else
    ``compute()``; the ``kept`` answers used last are remembered (the least recently used one
    gives way). A refusal is never remembered."""
    answers = store(tables, name)  # a dict keeps its keys in the order they were put in
    found = answers.pop(key, MISSING)
    if found is not MISSING:
        answers[key] = found  # now the one used last
        return found
    answer = answers[key] = compute()
    if len(answers) > kept:
        del answers[next(iter(answers))]  # the least recently used
    return answer
