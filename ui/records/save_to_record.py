"""Save to patient record: the regimen as a new version, plus the plan or check, in one go.

Reached from the main window (Patient → Save to patient record…, Ctrl+Shift+R) and from the
quick converter. The patient is chosen in a small keyboard-first dialog (type to filter, Enter to
save). A failed save keeps the dialog open with the reason, so nothing chosen is lost.
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError
from mps_pain.persistence.records import PatientInfo
from mps_pain.plural import counted
from mps_pain.presentation.not_copied import not_copied_sentence
from mps_pain.services.patient_service import default_service
from mps_pain.services.saved_work import (
    PlanToSave,
    SavedWork,
    latest_regimen,
    new_record_info,
)
from ui.editing import EditorState, patient_raw_of
from ui.keys_ahead import run_keeping_keys
from ui.patient_editing import with_patient
from ui.records.choose_patient import ChoosePatientDialog
from ui.records.patient_identity import (
    ask_identity,
    ask_other_record,
    identity_differences,
    new_record_words,
    record_identity,
    record_title,
    stated_context,
)
from ui.records.stale_record import not_older

if TYPE_CHECKING:
    from pydantic import BaseModel

    from mps_pain.domain.regimen import Patient
    from mps_pain.services.patient_service import PatientService
    from ui.workstation import Workstation

__all__ = ["open_patient", "save_plan_to_record"]
NOT_CREATED = " The new record was not created."


def save_plan_to_record(
    window: Workstation,
    *,
    store_regimen: bool,
    kind: str,
    title: str,
    inputs: dict[str, Any] | BaseModel,
    outputs: BaseModel | None,
    left_out: str = "",
    before: RegimenDocument | None = None,
) -> bool:
    """Ask for the patient, then store the editor's regimen as a new version (when
    ``store_regimen`` and it differs from the record's latest) and the plan or check.

    The open document's rows and details are never changed (review 4 D5); its Patient field (and
    title) then name the record saved to, as opening it would (clinician review 12, #4: the header
    kept another patient's ID and the next PDF was titled with it). A new patient is created only
    after every question was answered."""

    state = window.session.state
    if state is None:
        return False
    document, opened_from = state.document, window.session.record_identifier
    if store_regimen and (refused := refused_rows_text(state)):
        QMessageBox.warning(
            window,
            "Not saved",
            f"Not saved: {refused}. Correct or delete it first: the record would otherwise "
            "leave it out silently. Nothing you typed has been changed.",
        )
        return False
    plan = PlanToSave(kind, title[:200], inputs, outputs) if outputs is not None else None
    saved: list[tuple[str, SavedWork]] = []
    shown_as: list[tuple[RegimenDocument, str]] = []  # the header then names the record saved to
    bases: list[int | None] = []  # the record's current regimen version after the save
    created: list[PatientInfo] = []  # the save created the record (it has no name yet)

    def save(identifier: str, new: PatientInfo | None = None) -> str | None:
        service = _read(dialog)
        try:
            info = new or service.get_patient(identifier).info
        except MpsPainError as exc:
            return f"Not saved: {exc.message}"
        stored_document = document
        # the editor's regimen is another record's: saved here only when asked (review 5)
        elsewhere = store_regimen and window.session.record_identifier not in (None, identifier)
        if elsewhere and (refused := _other_record_refused(window, service, info, new)):
            return refused
        if elsewhere or identity_differences(document.patient, info):
            # a new record has no name (review 11, #2): stored under its id, not asked
            if not elsewhere and new is None and not ask_identity(window, document.patient, info):
                return (
                    f"Not saved: the patient in the header is not {identifier}'s. Choose the "
                    "right patient, or Cancel and check the header." + (NOT_CREATED if new else "")
                )
            stored_document = document.model_copy(
                update={"patient": record_identity(info), "title": record_title(info)}
            )
            shown_as.append((stored_document, record_title(info)))
        elif not document.patient.identifier:  # the header names no one: the record's name
            named = document.patient.model_copy(
                update={"identifier": record_identity(info).identifier}
            )
            stored_document = document.model_copy(
                update={"patient": named, "title": document.title or record_title(info)}
            )
            shown_as.append((stored_document, ""))  # review 3: the Patient field stayed empty
        try:
            expected = None if new else not_older(window, service, identifier, store_regimen)
            if expected is False:
                return (
                    f"Not saved: {identifier}'s record has a newer regimen than the editor. "
                    "Open the patient to continue from it."
                )
            work = service.save_work(
                identifier,
                regimen=stored_document if store_regimen else None,
                plan=plan,
                reason=f"Saved from the workstation with the {kind}",
                effective_from=datetime.now(UTC),
                create=new,
                expected_version=expected if isinstance(expected, int) else None,
                before=_as_stored(before, stored_document),
            )
            current = latest_regimen(service.regimen_versions(identifier))
        except MpsPainError as exc:
            return f"Not saved: {exc.message}"
        saved.append((identifier, work))
        created.extend([new] if new is not None else [])
        bases.append(current.id if current is not None else None)
        return None

    dialog = ChoosePatientDialog(
        default_service,  # opened once the dialog is on screen (clinician review 11, #1)
        _what(store_regimen, kind if outputs is not None else None, title) + _but(left_out),
        window.session.record_identifier or document.patient.identifier,
        save,
        window,
        create=lambda typed: new_patient(
            _read(dialog), typed, document.patient, window.session.record_identifier
        ),
    )
    run_keeping_keys(dialog, dialog.filter)  # keys typed before it shows are its (review 11, #1)
    if not saved:
        return False
    identifier, work = saved[0]
    if shown_as:
        _show_the_record(window, *shown_as[0])
    window.saved_to_record(identifier, editor_regimen=store_regimen, base=bases[0])
    words = _saved_words(identifier, work, kind, window, new=bool(created))
    if created:  # what the new record did not take from the header (clinician review 15, #5)
        left = not_copied_sentence(document.patient, created[0].context, opened_from)
        words += f". {left}" if left else ""
    window.statusBar().showMessage(words + _but(left_out), 10000)
    return True


def _as_stored(before: RegimenDocument | None, stored: RegimenDocument) -> RegimenDocument | None:
    """The regimen before Apply under the patient and title the applied one is stored with."""
    if before is None:
        return None
    return before.model_copy(update={"patient": stored.patient, "title": stored.title})


def _read(dialog: ChoosePatientDialog) -> PatientService:
    """The records the dialog read (it calls back only once they are read)."""
    assert dialog.service is not None
    return dialog.service


def _other_record_refused(
    window: Workstation, service: PatientService, info: PatientInfo, new: PatientInfo | None
) -> str | None:
    """Why a save of the editor's regimen (another patient's record's) to ``info``'s record was
    not made, or None when the clinician chose to save it there."""
    opened_from = window.session.record_identifier
    if opened_from is None or ask_other_record(
        window, opened_from, info, service, new=new is not None
    ):
        return None
    return (
        f"Not saved: the regimen in the editor is {opened_from}'s. Choose {opened_from}, or "
        "Cancel." + (NOT_CREATED if new else "")
    )


def _show_the_record(window: Workstation, stored: RegimenDocument, title: str) -> None:
    """The header shows the patient saved to, one undoable step, as opening the record would.
    Saved under the record's identity (``title`` is then the record's "Name (ID)"): the header
    becomes the patient as saved, so the next PDF names who the record does (clinician review
    12, #4; the clinician chose it, or the new record took the header's details). Saved from a
    header that named no one (``title`` empty): only the EMPTY fields are filled, and every value
    typed stays (review 9, #7)."""
    session = window.session
    state = session.state
    if state is None:
        return
    if title:
        document = state.document.model_copy(update={"patient": stored.patient, "title": title})
        raw = MappingProxyType(patient_raw_of(stored.patient))
        after = EditorState(document, state.rows, MappingProxyType({}), raw)
    else:
        after = with_patient(state, stored.patient, title=state.document.title or stored.title)
    if after == state:
        return
    was_saved = session.undo_stack.isClean()
    session.push(after, "Patient from the record")
    if was_saved:  # the save's own step is saved work, never an "unsaved change" (review 5)
        session.undo_stack.setClean()


def _named(kind: str, title: str) -> str:
    """A plan or check by its title: a what-if is never filed unseen (clinician review 15, #4:
    "… and this plan" from the Regimen tab filed a trial methadone plan not on screen)."""
    return f"the {kind} '{title}'" if title else f"the {kind}"


def _what(store_regimen: bool, kind: str | None, title: str = "") -> str:
    """What a save stores, for the chooser's sentence."""
    if not store_regimen:  # the converter's what-if never replaces the recorded regimen
        return f"this {kind} with the question it answers; the regimen on record is not changed"
    regimen = "the regimen in the editor as a new version (if it changed)"
    return regimen + (f" and {_named(kind, title)}" if kind else "")


def _but(left_out: str) -> str:
    """What a save does not store, after what it stores (clinician review 18, #4)."""
    return f"; {left_out}" if left_out else ""


def _saved_words(
    identifier: str, work: SavedWork, kind: str, window: Workstation, *, new: bool = False
) -> str:
    parts = []
    if work.regimen_added:
        parts.append("the regimen as a new version")
    if work.plan is not None:
        parts.append(_named(kind, work.plan.title))
    if not parts:
        held = f" and the {kind} applied" if work.plan_held else ""
        return f"{identifier}'s record already holds this regimen{held}: nothing new to store"
    version = f" (tables v{window.session.tables.version})" if window.session.tables else ""
    where = new_record_words(identifier) if new else f"{identifier}'s record"
    return f"Saved to {where}: {' and '.join(parts)}{version}"


def new_patient(
    service: PatientService,
    typed: str,
    header: Patient | None = None,
    opened_from: str | None = None,
) -> tuple[PatientInfo | None, str | None]:
    """A new patient record as typed, checked but not written (it is created with the save).
    It takes the header's details (age, kidneys, frailty… feed the rules), never "age not
    stated" for a header that states it (clinician review 5, defect 7), but not its name
    (clinician review 11, #2: the rule is ``saved_work.new_record_info``)."""
    try:
        info = new_record_info(typed, header, opened_from)
    except ValueError:
        return None, "Not created: not a usable identifier"
    listing = service.patient_listing()  # a damaged record's identifier is taken too
    taken = {p.info.identifier for p in listing.patients} | {
        str(err.row_id) for err in listing.damaged
    }
    if info.identifier in taken:
        return None, f"Not created: a patient '{info.identifier}' already exists"
    return info, None


def refused_rows_text(state: Any) -> str:
    """The rows the domain refused, named as a clinician reads them ("" when there are none).

    The same rule as the planner and the check: nothing is dropped silently from what is stored.
    """
    named = []
    for row, error in state.invalid_rows():
        drug = str(state.rows[row].raw.get("drug") or "").strip()
        named.append(
            f"row {row + 1}" + (f" ({drug})" if drug else "") + f": {error.message.rstrip('. ')}"
        )
    if not named:
        return ""
    return (
        "the regimen has a row that could not be read, "
        if len(named) == 1
        else "the regimen has rows that could not be read, "
    ) + "; ".join(named)


def reopened_patient(saved: Patient, info: PatientInfo) -> Patient:
    """The patient as the saved regimen had it (age, cancer or palliative care, kidneys… feed
    the warnings), with what the record states now on top, shown by name (else as saved, else by
    the record's identifier)."""
    name = info.display_name or saved.identifier or info.identifier  # typed values, never JSON
    return saved.model_copy(update={**stated_context(info), "identifier": name})


def no_regimen_words(plans: int) -> str:
    """What Open patient says of a record with no regimen version (one saved only from the
    Quick converter): the regimen is empty, and where its saved plans are."""
    if not plans:
        return (
            "no regimen recorded yet; the regimen is empty (type it, then Save to patient record)"
        )
    return (
        f"no regimen recorded yet; the regimen is empty. Its {counted(plans, 'saved plan')} "
        f"{'is' if plans == 1 else 'are'} in Patient → Records…, on its Saved plans tab"
    )


def _empty_regimen(window: Workstation, info: PatientInfo) -> RegimenDocument:
    """A new regimen for the record's patient (name and context), with the new-regimen
    defaults: the record's first version is saved from it."""
    settings = window.settings
    fresh = RegimenDocument.model_validate(
        {"table": settings.default_set, "prn": settings.prn_default, "market": settings.market}
    )
    return fresh.model_copy(
        update={
            "patient": reopened_patient(fresh.patient, info),
            "title": record_title(info),
        }
    )


def open_patient(window: Workstation) -> bool:
    """Patient → Open patient…: the chosen patient's latest regimen version in the editor."""

    if not window.confirm_discard():
        return False
    opened: list[str] = []

    def load(identifier: str) -> str | None:
        service = _read(dialog)
        try:
            versions = service.regimen_versions(identifier)
            stored = service.get_patient(identifier)
        except MpsPainError as exc:
            return f"Not opened: {exc.message}"
        if not versions:  # saved from the Quick converter: its plan, no regimen (review 14 #9)
            window.session.replace_document(_empty_regimen(window, stored.info), record=identifier)
            opened.append(f"{identifier}: {no_regimen_words(len(service.plans(identifier)))}")
            return None
        latest = max(versions, key=lambda v: (v.effective_from, v.id or 0))
        document = latest.regimen.model_copy(
            update={
                "patient": reopened_patient(latest.regimen.patient, stored.info),
                "title": record_title(stored.info),
            }
        )
        window.session.replace_document(document, record=identifier, base=latest.id)
        opened.append(f"{identifier}: latest regimen version")
        return None

    dialog = ChoosePatientDialog(default_service, "", None, load, window, opening=True)
    run_keeping_keys(dialog, dialog.filter)
    if opened:
        window.report_opened(f"Opened {opened[0]}", 8000)
        window.tabs.setCurrentIndex(0)
    return bool(opened)
