"""The clinician review's minor wording: no doubled punctuation, ER/IR in capitals, percentages
rounded as a person writes them, and the open-patient dialog's button says Open."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import shown
from tests.ui.keyboard import cell_index, type_in_cell
from tests.ui.vocabulary import developer_words, shown_texts
from ui.records.choose_patient import ChoosePatientDialog

_DOUBLED = re.compile(r"\?\.|\.\)\.|(?<!\.)\.\.(?!\.)|\.\.$")


def test_no_doubled_punctuation_after_a_suggestion_or_an_example_in_brackets(case_window):
    window = case_window
    window.ensure_panels()  # every tab built, as once a person has opened them
    type_in_cell(window, 0, "drug", "fentanill")  # unknown: "Did you mean fentanyl?"
    row = window.editor.model.rowCount()
    window.editor.select_row(row - 1)
    window.editor.add_row()
    window.editor.model.setData(cell_index(window, row, "drug"), "fentanyl")
    window.editor.model.setData(cell_index(window, row, "route"), "transdermal")  # no rate
    texts = shown_texts(window)
    assert any("Did you mean" in t and "fentanyl?" in t for t in texts)
    assert any("mcg/h" in t for t in texts)
    doubled = [t for t in texts if _DOUBLED.search(t)]
    assert not doubled, doubled


def test_release_forms_read_er_and_ir_in_capitals(case_window) -> None:
    lines = [
        case_window.results_panel.lines.item(i).text()
        for i in range(case_window.results_panel.lines.count())
    ]
    assert any(line.startswith("oxycodone oral ER:") for line in lines), lines
    assert not [line for line in lines if re.search(r"\boral (er|ir)\b", line)]


def test_percentages_are_rounded_as_written(case_window) -> None:
    window = shown(case_window)  # active: Ctrl+2 reaches it
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    window.planner.set_target("fentanyl", "transdermal", continuous=True, table="fpm-2021")
    text = window.planner.view.toPlainText()
    # this patch is rounded up from the reduced target (22.5 → 25 mcg/h): said as such since
    # pharmacist re-check 20b, L-1 (it read "rounding loss 0%")
    assert "rounded up" in text
    assert not re.findall(r"\d+\.\d{2,}\s?%", text), re.findall(r"\d+\.\d{2,}\s?%", text)
    assert re.search(r"rounded up \d+(\.\d)?% above the reduced target", text)


def test_the_open_patient_dialog_says_open(case_window, tmp_path: Path, monkeypatch) -> None:
    from ui.records.save_to_record import open_patient

    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    monkeypatch.setenv("MPS_PAIN_DATABASE_URL", url)
    database = Database.open(url)
    PatientService(database).create_patient(PatientInfo(identifier="MRN-0001"))
    seen: list[tuple[str, list[str]]] = []

    def look() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ChoosePatientDialog) and w.isVisible() and not w.reading
        ]
        if not dialogs:
            QTimer.singleShot(10, look)
            return
        dialog = dialogs[0]
        box = dialog.findChild(QDialogButtonBox)
        seen.append((dialog.windowTitle(), [b.text() for b in box.buttons()]))
        found = developer_words(shown_texts(dialog))
        assert not found, found
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look)
    open_patient(case_window)
    database.close()
    assert seen and seen[0][0] == "Open patient"
    assert "&Open" in seen[0][1] and not any("Save" in text for text in seen[0][1])
