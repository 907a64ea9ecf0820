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
asked again soon after, such as the practice's replans of one exercise). ``own_copy`` gives a
caller of a remembered answer its own copy of every list, dict and set in it (frozen models
and plain values are shared: nothing can change them).
"""

from __future__ import annotations

import copy
import functools
import types
import typing
from collections.abc import Callable, Hashable
from typing import Any, Final, TypeVar, cast

from pydantic import BaseModel

from mps_pain.tables.index import TableIndex

__all__ = ["MISSING", "keep", "own_copy", "recent", "remembered", "store"]

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


_SHARED: Final = (str, int, float, bool, type(None), bytes)
"""Values nothing can change: shared by ``own_copy``."""


def own_copy(value: Answer) -> Answer:
    """A copy of ``value`` that shares no list, dict or set with it, as ``copy.deepcopy``
    gives, at a fraction of the cost: a frozen model holding no container, a string or a
    number is shared (nothing can change it); a model holding one is copied with its own
    containers (``__copy__``: the same fields, fields set, extra and private values); any
    other kind of value is deep-copied."""
    return cast(Answer, _own(value))


def _own(value: Any) -> Any:
    kind = type(value)
    if kind in _SHARED:
        return value
    if kind is list:
        if all(map(_shared_kind, map(type, value))):
            return value.copy()  # nothing inside can change: a new list of the same values
        return [_own(inner) for inner in value]
    if kind is tuple:
        if all(map(_shared_kind, map(type, value))):
            return value
        inners = tuple(_own(inner) for inner in value)
        return value if all(a is b for a, b in zip(inners, value, strict=True)) else inners
    if isinstance(value, BaseModel) and not (
        value.__pydantic_extra__ or value.__pydantic_private__
    ):
        if _immutable_model(cast(type[BaseModel], kind)):
            return value
        changed = {
            name: fresh
            for name, inner in value.__dict__.items()
            if (fresh := _own(inner)) is not inner
        }
        if not changed and value.model_config.get("frozen"):
            return value
        copied = value.__copy__()
        copied.__dict__.update(changed)
        return copied
    return copy.deepcopy(value)


_IMMUTABLE_TYPES: Final = frozenset({str, int, float, bool, type(None), bytes})


@functools.cache
def _shared_kind(kind: type) -> bool:
    """Every value of this exact type is shared by ``own_copy``: a plain value, or an immutable
    model (``_immutable_model``) whose instances can hold no extra or private values."""
    if kind in _SHARED:
        return True
    return (
        issubclass(kind, BaseModel)
        and kind.model_config.get("extra") != "allow"
        and not kind.__private_attributes__
        and _immutable_model(kind)
    )


@functools.cache
def _immutable_model(model: type[BaseModel]) -> bool:
    """A frozen model whose every field is declared immutable: a plain value, a ``Literal``,
    a tuple of such, or another such model (a validated instance holds no container)."""
    return bool(model.model_config.get("frozen")) and all(
        _immutable_annotation(info.annotation) for info in model.model_fields.values()
    )


def _immutable_annotation(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return all(type(arg) in _IMMUTABLE_TYPES for arg in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType, tuple):
        return all(
            arg is Ellipsis or _immutable_annotation(arg) for arg in typing.get_args(annotation)
        )
    if origin is not None or not isinstance(annotation, type):
        return False
    if issubclass(annotation, BaseModel):
        return _immutable_model(annotation)
    return annotation in _IMMUTABLE_TYPES
