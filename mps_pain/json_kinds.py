"""What a value in a person's document is, in the words JSON and YAML use: one rule for every
refusal that says what was written instead ("got a list", never Python's "got list")."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

__all__ = ["json_kind", "keys_in_words"]

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


def keys_in_words(keys: Iterable[str]) -> str:
    """``'from', 'market', 'to'``: keys as a person reads them, not a Python list."""
    return ", ".join(f"'{key}'" for key in keys)
