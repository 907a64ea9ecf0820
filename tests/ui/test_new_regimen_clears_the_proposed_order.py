"""The Pharmacist check's proposed order belongs to the regimen it was typed against (clinician
review 13, #1): after File → New regimen the check still held the previous patient's order
(oxycodone 240 mg/day and their adjuvants) and judged it against the new patient's regimen, a
verdict that could be printed with signature lines. Every way the regimen is replaced (New, Open,
an example, a patient opened from the records, a FHIR import) clears the order and its verdict as
one step of the order's undo history, and the status bar says so; an edit in place keeps it.
Real window, QTest keys, a real SQLite records file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from mps_pain.domain.regimen import RegimenDocument
from tests.fhir.conftest import CASES
from tests.ui.conftest import shown
from tests.ui.keyboard import press, type_in_cell
from tests.ui.record_dialogs import CTRL_SHIFT, answer_modals, type_in_chooser
from ui.examples import examples_dir

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
STEP_2 = examples_dir() / "takamatsu-2018-case-2" / "step-2-oxycodone-raised.yaml"
OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "30 mg/day"}


def _drugs(session: Any) -> list[str]:
    return [str(entry.raw.get("drug") or "") for entry in session.state.rows]


def _with_a_checked_order(window: Any, qtbot: Any) -> Any:
    """Ctrl+3, Alt+U (Start from the current regimen): patient A's order, checked."""
    shown(window)
    press((Qt.Key.Key_3, CTRL), (Qt.Key.Key_U, ALT))
    check = window.check
    qtbot.waitUntil(lambda: check.result is not None)
    assert "oxycodone" in _drugs(check.proposal)
    return check


def _cleared(window: Any, check: Any, before: list[str]) -> None:
    assert _drugs(check.proposal) == [], _drugs(check.proposal)
    assert check.result is None
    assert "oxycodone" not in check.orders.text()
    status = window.statusBar().currentMessage()
    assert "proposed order was cleared" in status, status
    # one step of the order's own history: Ctrl+Z on the check tab brings it back
    shown(window)
    window.show_tab(0)
    press((Qt.Key.Key_3, CTRL))
    window.check.proposed_editor.view.setFocus()
    press((Qt.Key.Key_Z, CTRL))
    assert _drugs(check.proposal) == before


def test_new_regimen_clears_the_previous_patients_order(case_window, qtbot) -> None:
    check = _with_a_checked_order(case_window, qtbot)
    before = _drugs(check.proposal)
    press((Qt.Key.Key_N, CTRL))
    assert "oxycodone" not in _drugs(case_window.session)
    _cleared(case_window, check, before)


def test_opening_a_file_clears_it(case_window, qtbot, monkeypatch, tmp_path: Path) -> None:
    check = _with_a_checked_order(case_window, qtbot)
    before = _drugs(check.proposal)
    path = tmp_path / "patient-b.yaml"
    path.write_text(STEP_2.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    press((Qt.Key.Key_O, CTRL))
    assert case_window.session.path == path
    assert "Opened patient-b.yaml" in case_window.statusBar().currentMessage()
    _cleared(case_window, check, before)


def test_opening_an_example_clears_it(case_window, qtbot) -> None:
    check = _with_a_checked_order(case_window, qtbot)
    before = _drugs(check.proposal)
    menu = case_window.menu_actions.examples_menu
    case_2 = next(a.menu() for a in menu.actions() if a.text() == "Takamatsu 2018, case 2")
    case_2.actions()[0].trigger()
    _cleared(case_window, check, before)


def test_importing_fhir_clears_it(case_window, qtbot, monkeypatch) -> None:
    check = _with_a_checked_order(case_window, qtbot)
    before = _drugs(check.proposal)
    path = CASES / "fentanyl-patch.fhir.json"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    case_window.menu_actions.by_name["import_fhir"].trigger()
    report = QApplication.activeWindow()
    if report is not None and report is not case_window:
        report.close()  # the import's report, read and closed
    assert "fentanyl" in _drugs(case_window.session)
    _cleared(case_window, check, before)


def test_opening_a_patient_clears_it(case_window, qtbot, records_service) -> None:
    records_service.add_regimen_version(
        "MRN-0001",
        RegimenDocument.model_validate({"table": "uk-palliative", "items": [OXY]}),
        effective_from=datetime.now(UTC),
        reason="first",
        expected_version=records_service.get_patient("MRN-0001").version,
    )
    check = _with_a_checked_order(case_window, qtbot)
    before = _drugs(check.proposal)
    answer_modals([type_in_chooser("MRN-0001")], [])
    QTest.keyClick(case_window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    assert case_window.session.record_identifier == "MRN-0001"
    assert "Opened MRN-0001" in case_window.statusBar().currentMessage()
    _cleared(case_window, check, before)


def test_editing_the_regimen_in_place_keeps_the_order(case_window, qtbot) -> None:
    check = _with_a_checked_order(case_window, qtbot)
    before = _drugs(check.proposal)
    press((Qt.Key.Key_1, CTRL))
    type_in_cell(case_window, 0, "daily_dose", "40 mg/day")
    qtbot.waitUntil(lambda: check.result is not None)
    assert _drugs(check.proposal) == before
    assert "cleared" not in case_window.statusBar().currentMessage()
