"""Saving regimen versions (clinician review 4, D14): "nocte" stays "nocte" in the editor and the
record, two saves of one regimen make one version, and the regimen-change dialog drops its red
message once the reason is typed. Real widgets offscreen, QTest keys, a real SQLite records file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDialogButtonBox,
)
from pytestqt.qtbot import QtBot

from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import shown
from tests.ui.record_dialogs import answer_modals, press_save_to_record, type_in_chooser
from ui.examples import examples_dir
from ui.records.dialogs import RegimenVersionDialog

STEP_2 = examples_dir() / "takamatsu-2018-case-2" / "step-2-oxycodone-raised.yaml"


MORPHINE_ER = {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"}


def _save_under(box) -> None:
    from tests.ui.record_dialogs import press_button

    press_button("Save under")(box)


# --- D14 ---------------------------------------------------------------------------------------
def test_nocte_is_kept_as_typed_in_the_editor_and_the_record(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables, STEP_2))
    model = window.editor.model
    row = [r for r in range(model.rowCount()) if "olanzapine" in str(model.index(r, 0).data())]
    shown_frequency = model.index(row[0], model.column_of("frequency")).data()
    assert shown_frequency == "nocte", shown_frequency
    seen: list[str] = []
    answer_modals([type_in_chooser("MRN-0001"), _save_under], seen)
    press_save_to_record(window)
    (version,) = records_service.regimen_versions("MRN-0001")
    olanzapine = next(i for i in version.regimen.items if i.drug == "olanzapine")
    assert olanzapine.frequency is not None and olanzapine.frequency.label == "nocte"
    assert olanzapine.frequency.doses_per_day == 1


def test_two_saves_of_one_regimen_make_one_version(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables, STEP_2))
    before = records_service.get_patient("MRN-0001").version
    seen: list[str] = []
    answer_modals([type_in_chooser("MRN-0001"), _save_under], seen)
    press_save_to_record(window)
    # the header now names the record saved to (clinician review 12 #4), so the second save
    # asks no "Save under" question
    again: list[str] = []
    answer_modals([type_in_chooser("MRN-0001")], again)
    press_save_to_record(window)
    assert not [line for line in again if line.startswith("question: ")], again
    assert len(records_service.regimen_versions("MRN-0001")) == 1
    assert records_service.get_patient("MRN-0001").version == before + 2  # one per save
    assert "patient record MRN-0001" in window.windowTitle()


def test_the_reason_message_goes_once_the_reason_is_typed(qtbot: QtBot, tables) -> None:
    from mps_pain.domain.regimen import RegimenDocument

    regimen = RegimenDocument.model_validate({"items": [{**MORPHINE_ER, "dose": "30 mg"}]})
    dialog = RegimenVersionDialog("calendar", regimen, tables)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.setFocus()
    QTest.keyClick(ok, Qt.Key.Key_Space)
    assert dialog.isVisible() and "Give the reason" in dialog.problem.text()
    dialog.reason.setFocus()
    QTest.keyClicks(dialog.reason, "pain uncontrolled")
    assert "Give the reason" not in dialog.problem.text()
    assert dialog.reason.styleSheet() == ""
    dialog.reject()
