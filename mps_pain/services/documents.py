"""Reading regimen documents (JSON or YAML text) into validated models.

Malformed text, a document of the wrong shape, or a field that fails validation raises
DocumentFormatError/InputError naming the place; nothing is guessed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import DocumentFormatError
from mps_pain.strict_load import loads_json, loads_yaml
from mps_pain.validation import field_names, validate_model

__all__ = ["parse_document_text", "parse_regimen", "regimen_keys"]


def parse_document_text(text: str, *, origin: str = "input") -> Any:
    """JSON if it looks like JSON, else YAML (a superset); both strict (``strict_load``)."""
    stripped = text.lstrip()
    if not stripped:
        raise DocumentFormatError(f"{origin} is empty", location="(document)")
    if stripped[0] in "{[":
        return loads_json(text, origin=origin)
    return loads_yaml(text, origin=origin)


@cache
def regimen_keys() -> frozenset[str]:
    """Every key a regimen document may use (for 'did you mean' on a misspelt key)."""
    return frozenset(field_names(RegimenDocument))


def parse_regimen(raw: Any, *, prefix: str = "") -> RegimenDocument:
    """Validate a parsed document as a RegimenDocument."""
    return validate_model(RegimenDocument, raw, known_keys=set(regimen_keys()), prefix=prefix)
