"""Reading and writing regimen documents in the CLI's format (JSON or YAML by extension)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from mps_pain.errors import InputError
from mps_pain.input_files import read_document_file
from mps_pain.paths import data_dir
from mps_pain.services.documents import parse_document_text, parse_regimen

if TYPE_CHECKING:
    from mps_pain.domain.regimen import RegimenDocument

__all__ = [
    "document_to_data",
    "opens_read_only",
    "read_document",
    "suggested_save_path",
    "write_document",
]


def opens_read_only(path: Path, written: list[str]) -> bool:
    """True when Save must not overwrite ``path``: a file shipped with the app (the examples in
    data/cases, the tables), a file the user cannot write, or one this app did not write itself
    (``written``: the resolved paths it wrote). Such a file opens read-only: Save is Save As…."""
    resolved = path.resolve()
    if resolved.is_relative_to(data_dir().resolve()):
        return True
    if not os.access(resolved, os.W_OK):
        return True
    return str(resolved) not in written


def suggested_save_path(path: Path | None, read_only: bool) -> str:
    """Where Save As… starts: beside the open file, but never in the shipped data folder
    (a read-only file is offered under its name in the user's home folder)."""
    if path is None:
        return "regimen.yaml"
    if read_only:
        return str(Path.home() / path.name)
    return str(path)


def read_document(path: Path) -> RegimenDocument:
    """Parse and validate a file; raises InputError/DocumentFormatError naming the place."""

    try:
        text = read_document_file(path)  # the one bounded reader (a leading BOM dropped)
    except OSError as exc:
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
    """Write the document; never over the records database (``ui.output_guard``)."""
    # start-up seam: the records' modules load when a file is written
    from ui.output_guard import refuse_records_target

    refuse_records_target(path)
    data = document_to_data(document)
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
