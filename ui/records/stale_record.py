"""The editor's regimen against the record it came from (clinician review 5, defect 1).

The editor remembers the record's regimen version it was loaded from or last saved as
(``EditorSession.record_base``). When the record has moved on (a change recorded in the records
window, or by another instance), a banner over the tabs says so, and saving the older regimen asks
first (Enter and Esc cancel): re-saving must never silently undo a recorded change. Which version
is newer is decided by ``mps_pain.services.saved_work.newer_regimen``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from mps_pain.errors import MpsPainError
from mps_pain.services.saved_work import newer_regimen, same_regimen
from ui.records.local_time import local_text
from ui.widgets.save_question import save_asked

if TYPE_CHECKING:
    from mps_pain.persistence.records import RegimenVersion
    from mps_pain.services.patient_service import PatientService
    from ui.session import EditorSession
    from ui.workstation import Workstation

__all__ = ["ask_save_over_newer", "newer_words", "not_older", "stale_text"]


def newer_words(identifier: str, newer: RegimenVersion) -> str:
    """``TK-0001's regimen was changed at 2026-12-02 12:38 CET (patch stopped)…``"""
    return (
        f"{identifier}'s regimen was changed at {local_text(newer.effective_from)} "
        f"({newer.reason}). The editor shows an older regimen."
    )


def ask_save_over_newer(parent: QWidget, identifier: str, newer: RegimenVersion) -> bool:
    """True only when the clinician chooses to store the older regimen as the current one."""
    return save_asked(
        parent,
        "The record has a newer regimen",
        newer_words(identifier, newer) + "\n\nSaving stores the editor's regimen as the current "
        "version and undoes that change. To continue from the record, cancel and open the "
        "patient (Patient → Open patient…).",
        "&Save the older regimen anyway",
    )


def stale_text(session: EditorSession, service: PatientService | None) -> str:
    """The banner's words when the editor's record has a newer regimen ("" when not)."""
    identifier = session.record_identifier
    if identifier is None or service is None:
        return ""
    try:
        newer = newer_regimen(service.regimen_versions(identifier), session.record_base)
    except MpsPainError:
        return ""  # the records window says why the record cannot be read
    if newer is None:
        return ""
    return (
        "⚠ " + newer_words(identifier, newer) + " Saving it would undo that change: open the "
        "patient again (Patient → Open patient…) to continue from the record."
    )


def not_older(
    window: Workstation, service: PatientService, identifier: str, store_regimen: bool
) -> int | bool:
    """The record's version to save against (optimistic lock: a change made meanwhile refuses
    the save), or False when the editor's regimen is older than the record's and the clinician
    did not choose to store it anyway (clinician review 5, defect 1)."""
    stored = service.get_patient(identifier)
    session = window.session
    if not store_regimen or session.record_identifier != identifier:
        return stored.version
    newer = newer_regimen(service.regimen_versions(identifier), session.record_base)
    older = (
        newer is not None
        and session.state is not None
        and not same_regimen(newer.regimen, session.state.document)
    )
    if older and newer is not None and not ask_save_over_newer(window, identifier, newer):
        return False
    return stored.version
