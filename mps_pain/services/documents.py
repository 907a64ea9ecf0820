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


#: said after a JSON syntax refusal of a document read as JSON for its first character: a YAML
#: flow mapping ``{table: …}`` was refused as "not valid JSON" with no word why (fuzz review 20, D6)
READ_AS_JSON = (
    "a document that starts with { or [ is read as JSON; a YAML document written so is read "
    "from a file named .yaml or .yml"
)


def parse_document_text(text: str, *, origin: str = "input") -> Any:
    """YAML for a file named .yaml/.yml; else JSON if it starts as JSON does, else YAML (a
    superset); both strict (``strict_load``)."""
    stripped = text.lstrip()
    if not stripped:
        raise DocumentFormatError(f"{origin} is empty", location="(document)")
    if stripped[0] not in "{[" or origin.casefold().endswith((".yaml", ".yml")):
        return loads_yaml(text, origin=origin)
    try:
        return loads_json(text, origin=origin)
    except DocumentFormatError as exc:
        if f"{origin} is not valid JSON: " not in exc.message:
            raise
        raise DocumentFormatError(
            f"{exc.message} ({READ_AS_JSON})",
            location=exc.location,
            reason=exc.reason,
            context=exc.context,
        ) from None


@cache
def regimen_keys() -> frozenset[str]:
    """Every key a regimen document may use (for 'did you mean' on a misspelt key)."""
    return frozenset(field_names(RegimenDocument))


def parse_regimen(raw: Any, *, prefix: str = "") -> RegimenDocument:
    """Validate a parsed document as a RegimenDocument."""
    return validate_model(RegimenDocument, raw, known_keys=set(regimen_keys()), prefix=prefix)
