"""Keys typed before the tables have loaded are kept (review L1: one real start in nine lost a
keystroke). The app shows the window first and loads the engine and tables after the first
paint (ui/app.py); a clinician who starts typing the patient at once must not lose it when the
first, blank regimen arrives."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from mps_pain.tables.index import TableIndex
from ui.main_window import MainWindow
from ui.settings import AppSettings


@pytest.fixture
def shown_before_load(qtbot, tmp_path: Path) -> MainWindow:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.ask_before_discard = False
    qtbot.addWidget(window)
    window.show()
    QApplication.processEvents()
    assert window.session.tables is None  # nothing loaded yet: as right after the first paint
    return window


def test_the_patient_typed_before_the_tables_load_is_kept(
    shown_before_load: MainWindow, tables: TableIndex
) -> None:
    window = shown_before_load
    name = window.patient_header.field_widget("identifier")
    age = window.patient_header.field_widget("age")
    assert isinstance(name, QLineEdit) and isinstance(age, QLineEdit)
    name.setFocus()
    QTest.keyClicks(name, "Mrs K")  # typed at once, before the load completes
    QTest.keyClick(name, Qt.Key.Key_Tab)
    QTest.keyClicks(QApplication.focusWidget(), "67")
    window.start(tables=tables)
    QTest.keyClicks(QApplication.focusWidget(), "8")  # the keys after the load go on
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert name.text() == "Mrs K"  # was: "" (the blank regimen wiped it)
    assert age.text() == "678"
    raw = window.session.state.patient_raw
    assert raw["identifier"] == "Mrs K" and str(raw["age"]) == "678"


def test_a_choice_made_before_the_tables_load_is_kept(
    shown_before_load: MainWindow, tables: TableIndex
) -> None:
    window = shown_before_load
    frail = window.patient_header.field_widget("frail")
    assert isinstance(frail, QComboBox)
    frail.setFocus()
    QTest.keyClick(frail, Qt.Key.Key_Down)  # "not stated" → "yes"
    window.start(tables=tables)
    assert frail.currentText() == "yes"
    assert window.session.state.patient_raw["frail"] is True
    assert not window.session.undo_stack.isClean()  # typed, so it asks before discarding
