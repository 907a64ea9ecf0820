"""Opening the patient records from the app: the service, or a status line saying why not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.errors import MpsPainError
from mps_pain.services.patient_service import default_service
from ui.records.record_words import unavailable_words

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from mps_pain.services.patient_service import PatientService

__all__ = ["records_service", "records_unavailable"]


def records_unavailable(window: QMainWindow, exc: MpsPainError) -> None:
    """Say in the status bar why the records cannot be opened (a server, a damaged file)."""
    window.statusBar().showMessage(unavailable_words(exc), 10000)


def records_service(window: QMainWindow) -> PatientService | None:
    """The configured records, or None after saying why they cannot be opened."""
    try:
        return default_service()
    except MpsPainError as exc:
        records_unavailable(window, exc)
        return None
