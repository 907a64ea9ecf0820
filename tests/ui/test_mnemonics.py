"""Every window's Alt keys are unique (clinician review: Alt+P went back and forth between the
Patient menu and the planner tab): each Alt+letter reaches one thing in what is on screen.

The walk collects the mnemonics of what a window shows at once: its menu bar, tab titles,
buttons, group boxes and labels with a buddy, on every tab of the main window. A press of a
shared Alt key is also driven with QTest to show it reaches one widget.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenuBar,
    QTabBar,
    QWidget,
)

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.database import Database
from mps_pain.persistence.practice_store import PracticeStore
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from ui.settings import AppSettings

_MNEMONIC = re.compile(r"&([^&\s])")


def _letter(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt letter → the texts that claim it, among the widgets shown together."""
    claimed: dict[str, list[str]] = defaultdict(list)
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QMenuBar):
            texts += [action.text() for action in widget.actions()]
        for text in texts:
            letter = _letter(text)
            if letter:
                claimed[letter].append(text)
    return claimed


def _shared(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(window).items() if len(v) > 1}


def test_the_main_window_has_one_thing_per_alt_key_on_every_tab(case_window) -> None:
    window = case_window
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert not _shared(window), (window.tabs.tabText(index), _shared(window))


def test_the_practice_window_has_one_thing_per_alt_key(qtbot, tables, tmp_path: Path) -> None:
    from ui.practice.practice_window import PracticeWindow

    database = Database.open(f"sqlite:///{tmp_path / 'practice.sqlite3'}")
    window = PracticeWindow(tables, PracticeStore(database), learner="Aiko")
    qtbot.addWidget(window)
    window.show()
    for _ in range(3):  # a few exercises: each asks its own questions
        assert not _shared(window), (window.exercise.asks, _shared(window))
        window.next_exercise()
    database.close()


@pytest.fixture
def service(tmp_path: Path):
    database = Database.open(f"sqlite:///{tmp_path / 'records.sqlite3'}")
    service = PatientService(database)
    service.create_patient(PatientInfo(identifier="MRN-1", time_basis="calendar"))
    yield service
    database.close()


def test_the_records_window_and_its_dialogs_have_one_thing_per_alt_key(qtbot, service) -> None:
    from ui.records import RecordsWindow
    from ui.records.choose_patient import ChoosePatientDialog
    from ui.records.dialogs import EventDialog, NewPatientDialog, RegimenVersionDialog

    window = RecordsWindow(service)
    qtbot.addWidget(window)
    window.show()
    window.reload_patients(select="MRN-1")
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert not _shared(window), _shared(window)
    dialogs = [
        NewPatientDialog(window),
        EventDialog("calendar", window),
        RegimenVersionDialog("calendar", RegimenDocument(), service.tables, window),
        ChoosePatientDialog(service, "the regimen", None, lambda _i: None, window),
        ChoosePatientDialog(service, "", None, lambda _i: None, window, opening=True),
    ]
    for dialog in dialogs:
        dialog.show()
        assert not _shared(dialog), (dialog.windowTitle(), _shared(dialog))
        dialog.close()


def test_the_preferences_dialog_has_one_thing_per_alt_key(qtbot, tables, tmp_path) -> None:
    from ui.preferences import PreferencesDialog

    settings = AppSettings(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    dialog = PreferencesDialog(settings, tables)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not _shared(dialog), _shared(dialog)
    from tests.ui.vocabulary import developer_words, shown_texts

    found = developer_words(shown_texts(dialog))  # sets by name, not "Name (cdc-2022)"
    assert not found, found


def test_the_unsaved_changes_question_has_save_and_discard_keys(case_window, monkeypatch) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    window = case_window
    window.ask_before_discard = True
    window.editor.model.setData(
        window.editor.model.index(0, window.editor.model.column_of("daily_dose")), "30 mg/day"
    )
    seen: list[list[str]] = []

    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        box = next((b for b in boxes if b.isVisible()), None)
        if box is None:  # not shown yet: look again (never leave the question open)
            QTimer.singleShot(10, answer)
            return
        seen.append([b.text() for b in box.buttons()])
        assert not _shared(box), _shared(box)
        discard = box.button(QMessageBox.StandardButton.Discard)
        QTest.mouseClick(discard, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    window.new_document()
    # an example has no file of its own: Save is "Save As…" (review 4 D5)
    assert seen and "&Discard" in seen[0] and "&Save As…" in seen[0] and "&Cancel" in seen[0]
    assert window.session.state is not None and not window.session.state.rows  # discarded
    window.ask_before_discard = False
