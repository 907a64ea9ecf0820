"""Reading regimen documents (JSON or YAML text) into validated models.

Malformed text, a document of the wrong shape, or a field that fails validation raises
DocumentFormatError/InputError naming the place; nothing is guessed.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import yaml

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import DocumentFormatError
from mps_pain.validation import field_names, validate_model

__all__ = ["parse_document_text", "parse_regimen", "regimen_keys"]

_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_document_text(text: str, *, origin: str = "input") -> Any:
    """JSON if it looks like JSON, else YAML (a superset); errors name the line."""
    stripped = text.lstrip()
    if not stripped:
        raise DocumentFormatError(f"{origin} is empty", location="(document)")
    if stripped[0] in "{[":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DocumentFormatError(
                f"{origin} is not valid JSON: {exc.msg}",
                location=f"line {exc.lineno}, column {exc.colno}",
            ) from None
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or "could not be parsed"
        raise DocumentFormatError(
            f"{origin} is not valid YAML: {problem}", location=where
        ) from None


@cache
def regimen_keys() -> frozenset[str]:
    """Every key a regimen document may use (for 'did you mean' on a misspelt key)."""
    return frozenset(field_names(RegimenDocument))


def parse_regimen(raw: Any, *, prefix: str = "") -> RegimenDocument:
    """Validate a parsed document as a RegimenDocument."""
    return validate_model(RegimenDocument, raw, known_keys=set(regimen_keys()), prefix=prefix)
