"""Reading and writing regimen documents in the CLI's format (JSON or YAML by extension)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from mps_pain.errors import InputError
from mps_pain.services.documents import parse_document_text, parse_regimen

if TYPE_CHECKING:
    from mps_pain.domain.regimen import RegimenDocument

__all__ = ["document_to_data", "read_document", "write_document"]


def read_document(path: Path) -> RegimenDocument:
    """Parse and validate a file; raises InputError/DocumentFormatError naming the place."""

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path.name}: {exc}", location=str(path)) from None
    return parse_regimen(parse_document_text(text, origin=path.name))


def document_to_data(document: RegimenDocument) -> dict[str, Any]:
    """The document as plain data, without empty fields (what ``mps-pain mme`` reads)."""
    data = document.model_dump(mode="json", exclude_none=True)
    if not data.get("patient"):
        data.pop("patient", None)
    for item in data.get("items", []):
        if item.get("prn") is False:
            del item["prn"]
    return data


def write_document(document: RegimenDocument, path: Path) -> None:
    data = document_to_data(document)
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
