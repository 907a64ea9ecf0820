"""A JSON object line cut at its one array of flat objects, so each piece is read on its own.

A batch line is a regimen: a few fields and an ``items`` array of flat objects. In a batch
the same item text comes back on line after line (the benchmark's 100,000 lines hold 24
distinct items), so reading and validating each distinct piece once, instead of each line
whole, saves most of the reading (issue 11 item 8). ``split_flat_array`` decides by the bytes
alone when the cut is exact, and gives None otherwise (the caller then reads the line whole).

The cut is exact when the line's first ``[`` and its last ``]`` enclose nothing but flat
objects (``{`` … ``}`` with no bracket, brace or backslash inside) separated by commas and JSON
whitespace. Then:

- the shell (the line with that array written ``[]``) holds no other bracket, so if the
  strict reader reads it as an object whose ``items`` is an empty list, that ``[]`` is the
  array's place as a value (in a string it would be text, and no list would be left);
- each piece has no brace inside but its own two, so if the strict reader reads it as an
  object, the piece is that whole object (a string cannot hold a ``}`` the piece lacks);
- the strict reader's checks are each about one object or one number (a key written twice, NaN,
  a long integer) or the nesting, which the cut does not deepen beyond three levels (the line,
  the array, a flat object); UTF-8 is cut between ASCII bytes only.

So a line whose shell and pieces the strict reader accepts is the line it accepts, with the same
value; if it refuses any of them, the caller reads the line whole and gives the line's own
refusal (``tests/robustness/test_json_pieces.py`` holds both).
"""

from __future__ import annotations

import re

__all__ = ["split_flat_array"]

_SPACE = rb"[ \t\r\n]*"  # JSON's whitespace only (a regex \s would take \x0b and \x0c too)
_FLAT = rb"\{[^{}\[\]\\]*\}"
_FLAT_OBJECT = re.compile(_FLAT)
_FLAT_OBJECTS = re.compile(
    _SPACE + _FLAT + rb"(?:" + _SPACE + rb"," + _SPACE + _FLAT + rb")*" + _SPACE
)


def split_flat_array(data: bytes) -> tuple[bytes, list[bytes]] | None:
    """``(shell, pieces)``: ``data`` with its array of flat objects written ``[]``, and the
    objects' texts in order; None when the line is not cut that way exactly (no array, an
    empty one, a nested bracket or brace, a backslash, another separator)."""
    start = data.find(b"[")
    end = data.rfind(b"]")
    if start < 0 or end < start or data.find(b"]", 0, start) >= 0 or data.find(b"[", end) >= 0:
        return None
    body = data[start + 1 : end]
    if _FLAT_OBJECTS.fullmatch(body) is None:
        return None
    return data[:start] + b"[]" + data[end + 1 :], _FLAT_OBJECT.findall(body)
