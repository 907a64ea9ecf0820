"""Every message box the app can show fits the screen, at 1280×720 and at scale 2, with nothing
clipped and its buttons on it (issue 10 §3; the every-dialog test did not size-check QMessageBox).

Each box is opened by the app's own path (real keys and clicks where a person would use them):
a watcher measures every QMessageBox as it is shown (``test_every_window_fits._problems``, the
same check as every dialog) and dismisses it with Esc, which never confirms anything. The patient
chooser is answered like a person would: the identifier typed, Enter, then Esc.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.records import PatientInfo
from tests.ui.conftest import ask_oxycodone_to_patch
from tests.ui.keyboard import add_patch_row, cell_index, select_cell, type_keys
from tests.ui.record_dialogs import press_save_to_record
from tests.ui.test_every_window_fits import FULL_HD, SCALE_2, _problems
from ui.records.choose_patient import ChoosePatientDialog

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "80 mg/day"}
PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}


class Robot(QObject):
    """Answers the modals that open: measures and dismisses each message box; types ``patient``
    in the chooser (Enter), and closes the chooser with Esc once a box was dismissed."""

    def __init__(self, size: str) -> None:
        super().__init__()
        self.size = size
        self.found: dict[str, list[str]] = {}
        self.patient = ""
        self._typed = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._look)
        self._timer.start(15)

    def expect(self, patient: str = "") -> None:
        self.patient, self._typed = patient, False

    def _look(self) -> None:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        boxes = [w for w in shown if isinstance(w, QMessageBox)]
        if boxes:
            box = boxes[-1]
            title = box.windowTitle() or box.text()[:40]
            self.found[title] = _problems(box, self.size)
            QTest.keyClick(box, Qt.Key.Key_Escape)
            return
        choosers = [w for w in shown if isinstance(w, ChoosePatientDialog) and not w.reading]
        if choosers:
            chooser = choosers[-1]
            # the keys from the event loop, not from this slot: Enter may open a modal, whose
            # own loop must let this timer run again
            if self.patient and not self._typed:
                self._typed = True
                QTimer.singleShot(0, lambda: self._enter(chooser, self.patient))
            else:
                QTimer.singleShot(0, lambda: QTest.keyClick(chooser.filter, Qt.Key.Key_Escape))

    @staticmethod
    def _enter(chooser: ChoosePatientDialog, patient: str) -> None:
        QTest.keyClicks(chooser.filter, patient)
        QTest.keyClick(chooser.filter, Qt.Key.Key_Return)

    def stop(self) -> None:
        self._timer.stop()


def _regimen(*items: dict, name: str | None = None) -> RegimenDocument:
    return RegimenDocument.model_validate(
        {"table": "uk-palliative", "patient": {"identifier": name}, "items": list(items)}
    )


def _keys(window: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, key, modifiers)
    QApplication.processEvents()


def _unsaved_changes(window, robot: Robot, _service, _tmp: Path) -> None:
    window.ask_before_discard = True
    window.editor.add_row()
    _keys(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File → New regimen
    window.ask_before_discard = False


def _file_not_opened(window, robot: Robot, _service, tmp: Path) -> None:
    bad = tmp / "bad.yaml"
    bad.write_text("items: [{drug: oxycodone, route: oral, dose: 10 mg, frequency: q4h}\n")
    window.open_path(bad)


def _replace_the_regimen(window, robot: Robot, _service, _tmp: Path) -> None:
    window.session.replace_document(_regimen(OXY))  # the regimen the planner would replace
    window.ask_before_discard = True
    panel = ask_oxycodone_to_patch(window)
    QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    window.ask_before_discard = False


def _refused_row_not_saved(window, robot: Robot, _service, _tmp: Path) -> None:
    row = add_patch_row(window)
    type_keys(select_cell(window, row, "rate"), "-5")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert cell_index(window, row, "rate").data()
    press_save_to_record(window)


def _different_patient(window, robot: Robot, service, _tmp: Path) -> None:
    window.session.replace_document(_regimen(OXY, name="Someone Else, born 1950"))
    robot.expect("MRN-0001")
    press_save_to_record(window)


def _another_patients_record(window, robot: Robot, service, _tmp: Path) -> None:
    service.create_patient(PatientInfo(identifier="MRN-0002", display_name="B Patient"))
    window.session.replace_document(_regimen(OXY, name="A Patient"), record="MRN-0001")
    robot.expect("MRN-0002")
    press_save_to_record(window)


def _newer_regimen(window, robot: Robot, service, _tmp: Path) -> None:
    window.session.replace_document(_regimen(OXY, PATCH, name="A Patient"))
    robot.expect("MRN-0001")
    press_save_to_record(window)  # saved: the editor now belongs to MRN-0001
    service.add_regimen_version(
        "MRN-0001",
        _regimen(OXY, name="A Patient"),
        effective_from=datetime.now(UTC),
        reason="patch stopped on the ward after a fall; reviewed by the palliative team",
        expected_version=service.get_patient("MRN-0001").version,
    )
    robot.expect("MRN-0001")
    press_save_to_record(window)


def _something_went_wrong(window, robot: Robot, _service, _tmp: Path) -> None:
    from ui.app import install_exception_hook

    hook = install_exception_hook(lambda: window, lambda: None)
    try:
        raise RuntimeError("a test of the crash message")
    except RuntimeError as exc:
        hook(RuntimeError, exc, exc.__traceback__)
    QApplication.processEvents()


FLOWS: dict[str, Callable[..., None]] = {
    "Unsaved changes": _unsaved_changes,
    "Cannot open this file": _file_not_opened,
    "Replace the regimen?": _replace_the_regimen,
    "Not saved": _refused_row_not_saved,
    "Different patient": _different_patient,
    "Another patient's record": _another_patients_record,
    "The record has a newer regimen": _newer_regimen,
    "Something went wrong": _something_went_wrong,
}


@pytest.mark.parametrize("size", [FULL_HD, SCALE_2])
def test_every_message_box_fits_with_its_buttons(
    make_window, tables, records_service, tmp_path: Path, monkeypatch, size: str
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the crash log's folder
    robot = Robot(size)
    try:
        for title, flow in FLOWS.items():
            window = make_window(tables)
            robot.expect()
            flow(window, robot, records_service, tmp_path)
            for _ in range(20):
                QApplication.processEvents()
            assert title in robot.found, (title, sorted(robot.found))
    finally:
        robot.stop()
    assert {title: found for title, found in robot.found.items() if found} == {}
