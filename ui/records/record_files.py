"""A patient record to and from a JSON file (the records window's Import and Export buttons)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QWidget

from mps_pain.errors import MpsPainError
from mps_pain.input_files import read_document_file
from mps_pain.services.patient_service import PatientService


class RecordsHost(Protocol):
    """What the import and export read and tell of the records window (``RecordsWindow``,
    which calls them: naming it here made the two modules import each other)."""

    service: PatientService

    @property
    def current_identifier(self) -> str | None: ...
    def reload_patients(self, select: str | None = None) -> None: ...
    def show_error(self, err: Exception) -> None: ...
    def status_ok(self, message: str) -> None: ...


__all__ = ["export_record_file", "import_record_file"]


def import_record_file(window: RecordsHost, parent: QWidget) -> None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import patient record", "", "JSON (*.json)")
    if not name:
        return
    try:
        stored = window.service.import_patient(read_document_file(Path(name)))
    except (MpsPainError, OSError) as err:
        window.show_error(err)
        return
    window.reload_patients(select=stored.info.identifier)
    window.status_ok(f"Imported {stored.info.identifier}.")


def export_record_file(window: RecordsHost, parent: QWidget) -> None:
    identifier = window.current_identifier
    if identifier is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export patient record", f"{identifier}.json", "JSON (*.json)"
    )
    if not name:
        return
    # start-up seam: the records' modules load when a file is written
    from ui.output_guard import refuse_records_target

    try:
        refuse_records_target(Path(name))  # never over the records (fuzz review 17, D2)
        document = window.service.export_patient(identifier)
        text = json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False)
        Path(name).write_text(text + "\n", encoding="utf-8")
    except (MpsPainError, OSError) as err:
        window.show_error(err)
        return
    window.status_ok(f"Exported {identifier} to {name}.")
