"""Identity and layout (issue 10 §3): the patient's name after opening, the window fits the
screen and remembers its size, an excluded opioid makes the total and the chart read INCOMPLETE."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import CASE_1_RAISED
from ui.main_window import MainWindow
from ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_patient_name_shows_after_opening_while_the_field_has_focus(make_window, tables) -> None:
    window = make_window(tables)
    window.show()
    window.activateWindow()
    patient = window.patient_header.field_widget("identifier")
    patient.setFocus()
    QApplication.processEvents()
    assert window.open_path(CASE_1_RAISED, example=True)
    assert patient.text() == "Takamatsu 2018 case 1"
    QTest.keyClick(patient, Qt.Key.Key_Tab)  # leaving the field keeps the name
    assert window.session.state.document.patient.identifier == "Takamatsu 2018 case 1"


def test_an_excluded_opioid_makes_the_total_and_the_chart_incomplete(case_window) -> None:
    model = case_window.editor.model
    model.setData(model.index(0, model.column_of("drug")), "oxycodon")
    panel = case_window.results_panel
    # the only opioid left out: no total, said in words naming the row, never "0 MME/day
    # (incomplete)" (clinician re-check 18b #4); a total that counts an opioid keeps the mark
    assert panel.total_label.text() == (
        "No MME total: row 1 is left out until it is corrected or deleted."
    )
    model.setData(model.index(0, model.column_of("drug")), "oxycodone")
    model.setData(model.index(1, model.column_of("drug")), "oxycodon")
    assert "(incomplete)" in panel.total_label.text()
    assert "INCOMPLETE" in panel.chart_heading.text()
    assert all("INCOMPLETE" in bar.value_text for bar in panel.chart.bars() if bar.value)


def test_set_names_are_titles_not_ids(case_window) -> None:
    panel = case_window.results_panel
    texts = [panel.set_selector.itemText(i) for i in range(panel.set_selector.count())]
    ids = [s.id for s in case_window.session.tables.tables.reference_sets]
    shown = " ".join(texts + [bar.label for bar in panel.chart.bars()])
    assert not [set_id for set_id in ids if set_id in shown]


def test_first_window_fits_the_screen_and_remembers_its_size(tmp_path, qtbot) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()
    window.resize(available.width() * 3 // 4, available.height() * 3 // 4)
    window.ask_before_discard = False
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (window.width(), window.height())
