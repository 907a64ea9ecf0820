"""A patient record to and from a JSON file (the records window's Import and Export buttons)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from mps_pain.errors import MpsPainError

if TYPE_CHECKING:
    from ui.records.records_window import RecordsWindow

__all__ = ["export_record_file", "import_record_file"]


def import_record_file(window: RecordsWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(window, "Import patient record", "", "JSON (*.json)")
    if not name:
        return
    try:
        stored = window.service.import_patient(Path(name).read_text(encoding="utf-8"))
    except (MpsPainError, OSError, UnicodeDecodeError) as err:
        window.show_error(err)
        return
    window.reload_patients(select=stored.info.identifier)
    window.status_ok(f"Imported {stored.info.identifier}.")


def export_record_file(window: RecordsWindow) -> None:
    identifier = window.current_identifier
    if identifier is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        window, "Export patient record", f"{identifier}.json", "JSON (*.json)"
    )
    if not name:
        return
    try:
        document = window.service.export_patient(identifier)
        text = json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False)
        Path(name).write_text(text + "\n", encoding="utf-8")
    except (MpsPainError, OSError) as err:
        window.show_error(err)
        return
    window.status_ok(f"Exported {identifier} to {name}.")
