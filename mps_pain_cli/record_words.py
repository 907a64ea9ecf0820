"""A patient record file's problem in a clinician's or pharmacist's words (clinical11 task 4).

The service names the problem by code (``DocumentFormatError.reason``, a
``services.record_errors.RecordProblem``), location and context; this edge says it: which part of
the record (the patient, regimen version 2, audit entry 5 …), what it should hold, what the file
holds, and that nothing was imported.
"""

from __future__ import annotations

from collections.abc import Mapping

from mps_pain.errors import DocumentFormatError
from mps_pain.plural import counted
from mps_pain.sentences import then

__all__ = ["field_words", "worded_record_error"]

_PARTS = {
    "regimen_versions": "regimen version",
    "events": "event",
    "plans": "saved plan",
    "audit": "audit entry",
}


def field_words(path: tuple[str | int, ...]) -> str:
    """``('regimen_versions', 0, 'id')`` → ``'id' of regimen version 1``; ``('patient',
    'identifier')`` → ``the patient's 'identifier'``; ``('exported_at',)`` → ``'exported_at'``."""
    if not path:
        return "the file"
    head, *rest = path
    if head == "patient":
        inner = ".".join(str(p) for p in rest)
        return f"the patient's '{inner}'" if inner else "the patient"
    if head in _PARTS and rest and isinstance(rest[0], int):
        part = f"{_PARTS[str(head)]} {rest[0] + 1}"
        inner = ".".join(str(p) for p in rest[1:])
        return f"'{inner}' of {part}" if inner else part
    if head in _PARTS and not rest:
        return f"the {_PARTS[str(head)]}s ('{head}')"
    return "'" + ".".join(str(p) for p in path) + "'"


def _format_version(ctx: Mapping[str, object]) -> str:
    """The record format version refused: a text ("1") is said to be one (fuzz review 20, D7:
    "version is 1; this program reads version 1" contradicted itself)."""
    given, expected = ctx.get("input", "?"), ctx.get("expected", "1")
    if ctx.get("input_is_text"):
        return (
            f"The file's record format version is the text '{given}', where a record "
            f"file has the number {expected}, written without quotes as 'patients export' "
            "writes it (export it again, or correct the file)"
        )
    return (
        f"The file's record format version is {given}; this program reads version {expected} "
        "(export it again, or update this program)"
    )


def _said(reason: str | None, field: str, ctx: Mapping[str, object]) -> str:
    has = f"; the file has '{ctx['input']}'" if "input" in ctx else ""
    said = {
        "missing": f"The record lacks {field}, which every exported record has",
        "unknown-key": f"The record has a field this program does not know: {field}",
        "not-a-record-file": "This is not an mps-pain patient record file: its 'format' is "
        f"'{ctx.get('input', '')}' where a record file says 'mps-pain/patient-record' (was "
        "another file chosen?)",
        "another-document": str(ctx.get("said", "")),
        "unknown-format-version": _format_version(ctx),
        "not-a-date-time": f"{field} should be a date and time with its time zone, as 'patients "
        f"export' writes it (2026-12-02T19:28:00Z){has}",
        "not-text": f"{field} should be text{has}",
        "not-a-number": f"{field} should be a number{has}",
        "not-a-whole-number": f"{field} should be a whole number{has}",
        "not-yes-or-no": f"{field} should be true or false{has}",
        "not-a-list": f"{field} should be a list, written [ … ]",
        "not-an-object": f"{field} should be a set of named fields, written {{ … }}",
        "not-one-of": f"{field} should be one of {ctx.get('expected', '')}{has}",
        "too-long": f"{field} is longer than the {ctx.get('max_length', '')} a record holds",
        "exported-id": f"{field} carries a database id, which 'patients export' never writes: "
        "the file was edited or comes from another program",
        "history-not-held": str(ctx.get("said", "")),
    }
    return said.get(reason or "", f"{field} cannot be used: {ctx.get('detail', '')}".rstrip(": "))


def worded_record_error(exc: DocumentFormatError) -> DocumentFormatError:
    """The same error (code, reason, location, context) with the sentence a person reads."""
    if exc.reason is None:
        return exc
    field = field_words(exc.location_path)
    sentence = _said(exc.reason, field, exc.context)
    sentence = sentence[0].upper() + sentence[1:]
    others = exc.context.get("others")
    if isinstance(others, int) and others > 0:
        sentence += f" (and {counted(others, 'more problem')})"
    return DocumentFormatError(
        then(sentence, ". Nothing was imported."),
        location=exc.location,
        reason=exc.reason,
        context=exc.context,
    )
