"""The quick converter (issue 10 §4): keyboard only, the planner's numbers, alert, spread, save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.rotation_service import plan_rotation
from tests.conftest import records_copy
from ui.converter.describe import ConversionQuestion
from ui.records.save_to_record import ChoosePatientDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _focus() -> object:
    QApplication.processEvents()
    return QApplication.focusWidget()


def _keys(*keys: Qt.Key | str) -> None:
    for key in keys:
        target = QApplication.focusWidget()
        assert target is not None
        if isinstance(key, str):
            QTest.keyClicks(target, key)
        else:
            QTest.keyClick(target, key)
        QApplication.processEvents()


def _window(make_window, tables):
    window = make_window(tables)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    return window


def test_ctrl_k_opens_the_converter_with_the_focus_on_the_first_box(make_window, tables) -> None:
    window = _window(make_window, tables)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.converter
    assert _focus() is window.converter.from_drug


def test_keyboard_only_oxycodone_60_mg_day_to_a_fentanyl_patch(make_window, tables) -> None:
    window = _window(make_window, tables)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    # From: Oxycodone (typed), oral (default), 60 [mg/day], no frequency; To: Fentanyl, transdermal
    _keys("Oxyc", Qt.Key.Key_Tab, Qt.Key.Key_Tab, "60", Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    _keys(Qt.Key.Key_Tab, "Fen", Qt.Key.Key_Tab, "t")
    assert panel.from_drug.currentData() == "oxycodone"
    assert panel.to_route.currentData() == "transdermal"
    assert panel.plan is not None
    expected = plan_rotation(
        {
            "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]},
            "to": {"drug": "fentanyl", "route": "transdermal"},
            "table": panel.table.currentData(),
        },
        tables=tables,
    )
    assert panel.plan == expected  # the same planner, the same numbers
    line = panel.result.text()
    assert "equianalgesic" in line and "reduction" in line and "mcg/h" in line
    assert "breakthrough" in line
    assert "oxycodone" in panel.result.toolTip()  # the arithmetic and sources on hover
    assert panel.spread.text().count("<br>") >= 1  # every equianalgesic set


def test_rounding_outside_the_sourced_range_raises_an_alert(make_window, tables) -> None:
    window = _window(make_window, tables)
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.table.setCurrentIndex(panel.table.findData("fpm-2021"))
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "fentanyl", "transdermal", "")
    )
    assert panel.plan is not None and panel.plan.rounding_leaves_range
    assert panel.alert.isVisible() and panel.alert.text().startswith("ALERT")
    assert "outside the sourced range" in panel.alert.text()
    panel.table.setCurrentIndex(panel.table.findData("jspm-2010"))
    assert panel.plan is not None and not panel.plan.rounding_leaves_range
    assert not panel.alert.isVisible()


def test_q12h_oxycodone_target_is_modified_release_and_says_so(make_window, tables) -> None:
    window = _window(make_window, tables)
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("morphine", "oral", "60 mg/day", "", "oxycodone", "oral", "q12h")
    )
    assert panel.plan is not None and panel.plan.regimen.form == "er"
    assert "modified-release" in panel.result.text()
    assert "modified-release" in panel.notes.text()


def test_open_in_planner_carries_the_question(make_window, tables) -> None:
    window = _window(make_window, tables)
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "fentanyl", "transdermal", "")
    )
    QTest.keyClick(panel.open_button, Qt.Key.Key_Space)
    assert window.tabs.currentIndex() == 1
    items = window.session.state.document.items
    assert [(i.drug, i.daily_dose.value) for i in items] == [("oxycodone", 60.0)]
    assert window.planner.plan is not None
    assert window.planner.plan.regimen.patches == panel.plan.regimen.patches


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")
def test_save_plan_to_patient_stores_regimen_version_and_plan(
    make_window, tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot, migrated_sqlite
) -> None:
    url = records_copy(migrated_sqlite, tmp_path / "records.sqlite3")
    monkeypatch.setenv("MPS_PAIN_DATABASE_URL", url)
    database = Database.open(url)
    service = PatientService(database)
    service.create_patient(PatientInfo(identifier="MRN-0001", display_name="Test Patient"))
    window = _window(make_window, tables)
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "fentanyl", "transdermal", "")
    )

    def choose() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, ChoosePatientDialog)
        )
        QTest.keyClicks(dialog.filter, "0001")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, choose)
    QTest.keyClick(panel.save_button, Qt.Key.Key_Space)
    versions = service.regimen_versions("MRN-0001")
    plans = service.plans("MRN-0001")
    assert [v.regimen.items[0].drug for v in versions] == ["oxycodone"]
    assert len(plans) == 1 and plans[0].kind == "plan"
    assert plans[0].table_id == panel.plan.table.id
    assert plans[0].table_sha256 == panel.plan.table.sha256
    database.close()
