"""What a value in a person's document is, in the words JSON and YAML use: one rule for every
refusal that says what was written instead ("got a list", never Python's "got list")."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable

__all__ = ["as_written", "json_kind", "keys_in_words"]

_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "true/false"),  # before int: a bool is an int to Python
    ((int, float), "a number"),
    (str, "text"),
    ((list, tuple), "a list"),
    (dict, "an object"),
    ((bytes, bytearray), "binary data"),
    ((_dt.date, _dt.datetime, _dt.time), "a date or time"),
)


def json_kind(value: object) -> str:
    """``"text"``, ``"a number"``, ``"a list"``, ``"true/false"``, ``"null"``…"""
    if value is None:
        return "null"
    for types, words in _KINDS:
        if isinstance(value, types):
            return words
    return "a value of another kind"


def as_written(value: object) -> str:
    """A value as the document wrote it, in JSON's spelling: ``null``, ``true``, ``[1]``,
    ``{"a": 1}``, ``"text"`` (never Python's ``None``, ``True``, ``['q4h']``; own fuzz after
    fuzz review 15). A value JSON cannot spell (a YAML date) as Python shows it. Uncut: the
    caller cuts it with ``units.excerpt``."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def keys_in_words(keys: Iterable[str]) -> str:
    """``'from', 'market', 'to'``: keys as a person reads them, not a Python list."""
    return ", ".join(f"'{key}'" for key in keys)
