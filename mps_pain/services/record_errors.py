"""A patient record document's first problem as a coded, located error (clinical11 task 4).

``patients import`` used to pass pydantic's sentence through ("Input should be a valid datetime
or date, input is too short"). The service now raises ``DocumentFormatError`` with a stable
``reason`` of our own, the field's ``location`` (``regimen_versions.0.id``; ``location_path``
gives the tuple) and the ``context`` an edge needs for its own sentence (what was expected, what
the file holds, how many other problems). The command line turns it into words
(``mps_pain_cli.record_words``); the core's own message is a plain fallback.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ValidationError

from mps_pain.errors import DocumentFormatError
from mps_pain.units import excerpt
from mps_pain.validation import more_problems, plain_words

__all__ = ["RecordProblem", "record_document_error"]

RecordProblem = Literal[
    "missing",
    "unknown-key",
    "not-a-record-file",
    "another-document",
    "unknown-format-version",
    "not-a-date-time",
    "not-text",
    "not-a-number",
    "not-a-whole-number",
    "not-yes-or-no",
    "not-a-list",
    "not-an-object",
    "not-one-of",
    "too-long",
    "exported-id",
    "history-not-held",
    "invalid-value",
]

_BY_TYPE: dict[str, RecordProblem] = {
    "missing": "missing",
    "extra_forbidden": "unknown-key",
    "string_type": "not-text",
    "string_too_long": "too-long",
    "too_long": "too-long",
    "int_type": "not-a-whole-number",
    "int_parsing": "not-a-whole-number",
    "int_from_float": "not-a-whole-number",
    "float_type": "not-a-number",
    "float_parsing": "not-a-number",
    "finite_number": "not-a-number",
    "bool_type": "not-yes-or-no",
    "bool_parsing": "not-yes-or-no",
    "list_type": "not-a-list",
    "model_type": "not-an-object",
    "dict_type": "not-an-object",
    "model_attributes_type": "not-an-object",
    "exported_id": "exported-id",
}


def _problem(kind: str, loc: tuple[int | str, ...]) -> RecordProblem:
    if kind == "literal_error":
        if loc == ("format",):
            return "not-a-record-file"
        return "unknown-format-version" if loc == ("format_version",) else "not-one-of"
    if kind.startswith(("datetime", "date_", "timezone")):
        return "not-a-date-time"
    return _BY_TYPE.get(kind, "invalid-value")


def _shown(value: Any) -> str | None:
    """What the file holds, short and printable (None: nothing worth showing)."""
    if isinstance(value, bool) or value is None:
        return None if value is None else str(value).lower()
    if isinstance(value, str | int | float):
        return excerpt(str(value))
    return None


def record_document_error(err: ValidationError) -> DocumentFormatError:
    """The first problem of an import document: code ``malformed-document``, a ``reason`` of
    ``RecordProblem``, the field's location and the context for an edge's sentence."""
    errors = err.errors(include_url=False)
    first = errors[0]
    ctx = first.get("ctx") or {}
    loc = tuple(ctx["loc"]) if "loc" in ctx else tuple(first["loc"])
    reason = _problem(first["type"], loc)
    context: dict[str, object] = {"others": len(errors) - 1}
    shown = _shown(first.get("input")) if reason != "missing" else None
    if shown is not None and reason != "unknown-key":
        context["input"] = shown
        # a number written as text ("1") is said to be text (fuzz review 20, D7)
        context["input_is_text"] = isinstance(first.get("input"), str)
    if "expected" in ctx:
        context["expected"] = str(ctx["expected"])
    if "max_length" in ctx:
        context["max_length"] = ctx["max_length"]
    if reason == "unknown-key":
        context["key"] = excerpt(str(loc[-1]))
    if reason == "invalid-value":  # pydantic's kinds in the plain words of every other document
        context["detail"] = plain_words(first)  # (fuzz review 17, D5: "exceeded maximum size")
    location = ".".join(str(p) for p in loc) or None  # events.0.nrs, as the import always said
    message = f"{first['msg']}{more_problems(len(errors) - 1)}; nothing was imported"
    return DocumentFormatError(message, location=location, reason=reason, context=context)
