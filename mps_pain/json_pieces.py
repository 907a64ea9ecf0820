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

__all__ = ["split_flat_array"]

_SPACE = b" \t\r\n"  # JSON's whitespace only (Python's would take \x0b and \x0c too)


def split_flat_array(data: bytes) -> tuple[bytes, list[bytes]] | None:
    """``(shell, pieces)``: ``data`` with its array of flat objects written ``[]``, and the
    objects' texts in order (without the whitespace around them); None when the line is not
    cut that way exactly (no array, an empty one, a nested bracket or brace, a backslash,
    another separator). Byte searches only: a regular expression cost 40 instructions a byte."""
    start = data.find(b"[")
    end = data.rfind(b"]")
    if start < 0 or end < start or data.find(b"]", 0, start) >= 0 or data.find(b"[", end) >= 0:
        return None
    body = data[start + 1 : end]
    if b"[" in body or b"]" in body or b"\\" in body:
        return None
    parts = body.split(b"}")  # each object's text but its closing brace; then what follows
    if parts.pop().strip(_SPACE):
        return None
    pieces: list[bytes] = []
    for part in parts:
        part = part.lstrip(_SPACE)
        if pieces:  # after the first object: a comma first
            if part[:1] != b",":
                return None
            part = part[1:].lstrip(_SPACE)
        if part[:1] != b"{" or part.count(b"{") != 1:
            return None
        pieces.append(part + b"}")
    if not pieces:
        return None
    return data[:start] + b"[]" + data[end + 1 :], pieces
