"""Records joined to the work (issue 10 §5): save the regimen and plan from the main window,
open a patient's latest regimen in the editor, nothing lost on an error."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.ui.keyboard import when_chooser_open
from ui.records.choose_patient import ChoosePatientDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")


@pytest.fixture
def service(records_service: PatientService) -> PatientService:
    records_service.create_patient(PatientInfo(identifier="MRN-0002"))
    return records_service


def _answer_dialog(*keys: Qt.Key | str) -> list[str]:
    """Type into the patient dialog once it is open; return the error it showed, if any."""
    seen: list[str] = []

    def answer(dialog: ChoosePatientDialog) -> None:
        QTimer.singleShot(20, save_under_the_record)  # the header may name another patient
        for key in keys:
            if isinstance(key, str):
                QTest.keyClicks(dialog.filter, key)
            else:
                QTest.keyClick(dialog.filter, key)
        seen.append(dialog.error.text())
        if dialog.isVisible():
            dialog.reject()

    def save_under_the_record() -> None:
        """The explicit choice the identity question asks for (second review, H2)."""
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                button = next(b for b in box.buttons() if b.text().startswith("&Save under"))
                button.setFocus()
                QTest.keyClick(button, Qt.Key.Key_Space)

    when_chooser_open(answer)
    return seen


def test_save_to_patient_record_stores_regimen_and_plan(case_window, service) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    assert window.planner.plan is not None
    _answer_dialog("MRN-0001", Qt.Key.Key_Return)  # the whole ID (review 11, #3)
    QTest.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    versions = service.regimen_versions("MRN-0001")
    assert len(versions) == 1
    assert versions[0].regimen.items == window.session.state.document.items
    assert versions[0].effective_from.tzinfo is not None  # stored in UTC
    plans = service.plans("MRN-0001")
    assert [p.kind for p in plans] == ["plan"]
    assert (plans[0].table_id, plans[0].table_sha256) == (
        window.planner.plan.table.id,
        window.planner.plan.table.sha256,
    )
    # the plan keeps the request it answered, with the document's own keys
    assert plans[0].inputs["to"]["drug"] == "fentanyl"
    assert len(plans[0].inputs["from"]["items"]) == len(window.session.state.document.items)


def test_a_failed_save_keeps_the_dialog_open_with_the_reason(case_window, service) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    seen = _answer_dialog("no such patient", Qt.Key.Key_Return)
    QTest.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seen and "Choose a patient" in seen[0]
    assert service.regimen_versions("MRN-0001") == []


def test_open_patient_loads_the_latest_regimen(make_window, tables, service, case_window) -> None:
    from datetime import UTC, datetime, timedelta

    document = case_window.session.state.document
    older = document.model_copy(update={"items": document.items[:1]})
    now = datetime.now(UTC)
    service.add_regimen_version(
        "MRN-0002", older, effective_from=now - timedelta(days=2), reason="old"
    )
    service.add_regimen_version("MRN-0002", document, effective_from=now, reason="new")
    window = make_window(tables)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    _answer_dialog("MRN-0002", Qt.Key.Key_Return)  # the whole ID (review 11, #3)
    QTest.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    opened = window.session.state.document
    assert opened.items == document.items
    # MRN-0002 has no display name: the patient is shown by the name the regimen was saved with
    # (the clinician review, D10: the MRN instead of the name was a defect)
    assert opened.patient.identifier == document.patient.identifier == "Takamatsu 2018 case 1"
    assert window.patient_header.field_widget("identifier").text() == "Takamatsu 2018 case 1"


def test_a_regimen_change_is_recorded_with_the_regimen_editor(qtbot, service) -> None:
    from PySide6.QtWidgets import QDialog

    from ui.delegates.quantity_delegate import QuantityEditor
    from ui.records import RecordsWindow
    from ui.records.dialogs import RegimenVersionDialog

    service.import_examples()
    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.reload_patients(select="takamatsu-2018-case-1")
    records.show()
    before = len(service.regimen_versions("takamatsu-2018-case-1"))
    seen: list[str] = []

    def edit() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, RegimenVersionDialog)
        )
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)  # OK without a reason: stays open
        seen.append(dialog.problem.text())
        assert dialog.isVisible()
        view = dialog.editor.view
        model = dialog.editor.model
        dialog.editor.select_row(0, model.column_of("daily_dose"))
        QTest.keyClick(view, Qt.Key.Key_F2)
        number = view.findChildren(QuantityEditor)[-1].number
        number.selectAll()
        QTest.keyClicks(number, "80")
        QTest.keyClick(number, Qt.Key.Key_Return)
        QTest.keyClicks(dialog.reason, "pain uncontrolled")
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)

    QTimer.singleShot(0, edit)
    records.add_version_button.click()
    assert seen and "reason" in seen[0]
    versions = service.regimen_versions("takamatsu-2018-case-1")
    assert len(versions) == before + 1
    newest = max(versions, key=lambda v: v.id or 0)
    assert newest.reason == "pain uncontrolled"
    assert newest.regimen.items[0].daily_dose.value == 80.0
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


def test_a_patient_recorded_with_weight_kidneys_and_qtc_opens(
    make_window, tables, service, case_window
) -> None:
    """Clinician re-check 17b #2: any patient whose record states a weight, an eGFR or a QTc
    could not be opened ("'dict' object has no attribute 'value'"): the record's context was
    copied into the regimen's patient as JSON, unvalidated. The stated context is the record's
    typed values, and the header shows them."""
    from mps_pain.domain.regimen import Patient

    context = Patient.model_validate({"weight": "58 kg", "egfr": "45 mL/min", "qtc": "440 ms"})
    service.create_patient(PatientInfo(identifier="MRN-0003", context=context))
    document = case_window.session.state.document
    from datetime import UTC, datetime

    service.add_regimen_version(
        "MRN-0003", document, effective_from=datetime.now(UTC), reason="first"
    )
    window = make_window(tables)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    _answer_dialog("MRN-0003", Qt.Key.Key_Return)
    QTest.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    opened = window.session.state.document.patient
    assert opened.weight is not None and opened.weight.to("kg") == 58
    assert opened.egfr is not None and opened.egfr.to("mL/min") == 45
    assert opened.qtc is not None and opened.qtc.to("ms") == 440
    assert window.session.record_identifier == "MRN-0003"
