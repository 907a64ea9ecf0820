"""A resource that ``fhir.resources`` rejects, refused in a clinician's words at its element.

The library speaks Python: "Value is expected from the instance of Dosage, but got type <class
'int'>", "Invalid JSON: EOF while parsing a value" (it reads a text given where an object belongs
as JSON), "String should match pattern '^[^\\s]+(\\s[^\\s]+)*$'", "Decimal value string does
not match spec regex." (own fuzz after fuzz review 15; D9). One rule turns each kind of its
errors into words, saying what the file holds in JSON's words (``json_kinds``); its own ``root``
label is not an element and is left out of the path.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import ErrorDetails

from mps_pain.fhir.model import quoted
from mps_pain.json_kinds import json_kind

__all__ = ["element_path", "plain_words"]

_OBJECT = "an object (a set of FHIR elements)"
_BY_TYPE = {
    "list_type": "a list",
    "string_type": "a text",
    **dict.fromkeys(
        (
            "model_type",
            "dict_type",
            "model_attributes_type",
            "json_invalid",  # the library parses a text given for an object as JSON
            "model_validation_format",
        ),
        _OBJECT,
    ),
    **dict.fromkeys(("bool_type", "bool_parsing"), "true or false"),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), "a number without a fraction"),
    **dict.fromkeys(("float_type", "float_parsing", "decimal_type", "decimal_parsing"), "a number"),
}
# the library's own words for a value that does not match a FHIR primitive type's form
_SPEC = re.compile(r"(Decimal|Date|DateTime|Time|Instant) value string does not match")
_FORMS = {
    "Decimal": "is not a decimal number",
    "Date": "is not a date (YYYY-MM-DD)",
    **dict.fromkeys(("DateTime", "Instant"), "is not a date and time (YYYY-MM-DDThh:mm:ss)"),
    "Time": "is not a time of day (hh:mm:ss)",
}
_DATE_TYPES = {"date_type": "Date", "date_parsing": "Date", "time_type": "Time"}
_DATE_TYPES |= {"time_parsing": "Time", "datetime_type": "DateTime", "datetime_parsing": "DateTime"}
_CODE_PATTERN = r"^[^\s]+(\s[^\s]+)*$"  # FHIR code: no space at the ends, never two in a row


def element_path(error: ErrorDetails) -> str:
    """``dosageInstruction[0].timing``: the error's location without the library's ``root``."""
    parts = [part for part in error["loc"] if part != "root"]
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in parts).replace(".[", "[")


def plain_words(error: ErrorDetails) -> str:
    """The error's problem in plain words (without the element, which the refusal names)."""
    kind, given = error["type"], error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in _BY_TYPE:
        return f"expected {_BY_TYPE[kind]}, got {_shown(given)}"
    if kind in _DATE_TYPES:
        return f"{_quoted(given)} {_FORMS[_DATE_TYPES[kind]]}"
    if kind == "extra_forbidden":
        return "not an element of this resource in FHIR R4"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _bound(kind, given, ctx)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == _CODE_PATTERN:
            return f"{_quoted(given)}: a code has no spaces at its ends and never two in a row"
        return f"{_quoted(given)} is not of the form this element takes (it may be empty)"
    if kind.endswith("missing"):
        return "required, and missing"
    message = str(error["msg"]).removeprefix("Value error, ")
    spec = _SPEC.match(message)
    if spec is not None:
        return f"{_quoted(given)} {_FORMS[spec.group(1)]}"
    return message.rstrip(".")


def _bound(kind: str, given: Any, ctx: dict[str, Any]) -> str:
    words = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }[kind]
    return f"must be {words[0]} {ctx.get(words[1])}, got {_quoted(given)}"


def _shown(given: Any) -> str:
    """What the file holds: a short value as written, else its kind in JSON's words."""
    if isinstance(given, str | int | float) and not isinstance(given, bool):
        return f"{json_kind(given)} {_quoted(given)}"
    return json_kind(given)


def _quoted(given: Any) -> str:
    return quoted(given if isinstance(given, str) else str(given))
