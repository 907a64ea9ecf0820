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


def test_review9_7_every_header_value_typed_while_loading_is_kept(
    shown_before_load: MainWindow, tables: TableIndex
) -> None:
    """Clinician review 9, #7: "60" in Age, "fen" in the kidney field and "t" in QTc, typed
    while "Loading tables…" showed; seconds later Age and the kidney field were empty. Nothing
    typed is ever lost: a value that cannot be read stays, refused in words, for the clinician
    to correct."""
    window = shown_before_load
    header = window.patient_header
    typed = {"age": "60", "egfr": "fen", "qtc": "t"}
    for name, text in typed.items():
        edit = header.field_widget(name)
        assert isinstance(edit, QLineEdit)
        edit.setFocus()
        QTest.keyClicks(edit, text)
    window.start(tables=tables)
    QApplication.processEvents()
    for name, text in typed.items():
        edit = header.field_widget(name)
        assert isinstance(edit, QLineEdit)
        assert edit.text() == text, (name, edit.text())
    raw = window.session.state.patient_raw
    assert {name: str(raw.get(name)) for name in typed} == typed
