"""Clinician review 14, #8b: Patient → Records… → Record regimen change…: Escape closed the cell
editor, and a second Escape closed the dialog, discarding the typed reason and rows without a
question. With a reason or a row typed, Escape (or Cancel) now asks first, as the main window
does for an unsaved regimen; Escape on the question keeps editing, and nothing typed is lost.
With nothing typed, Escape closes at once. Real widgets, QTest keys, a real records file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from tests.ui.keyboard import type_keys
from ui.records import RecordsWindow
from ui.records.dialogs import RegimenVersionDialog

CASE_1 = "takamatsu-2018-case-1"
ALT = Qt.KeyboardModifier.AltModifier


def _visible_dialog() -> RegimenVersionDialog | None:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, RegimenVersionDialog) and w.isVisible()
        ),
        None,
    )


def _answer_question(key: Qt.Key, modifier: Qt.KeyboardModifier, seen: list[str]) -> None:
    """Answer the question box that opens next with one key (nothing if none opens)."""

    def answer() -> None:
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ),
            None,
        )
        if box is not None:
            seen.append(box.text())
            QTest.keyClick(box, key, modifier)

    QTimer.singleShot(100, answer)


def _escape(dialog: RegimenVersionDialog) -> None:
    """Escape to the dialog's focus widget (to the dialog itself once it has none)."""
    focus = QApplication.focusWidget()
    target = focus if focus is not None and dialog.isAncestorOf(focus) else dialog
    QTest.keyClick(target, Qt.Key.Key_Escape)
    QApplication.processEvents()


def _records(qtbot, tmp_path: Path, examples_sqlite: Callable[[str | None], Path]):
    database = Database.open(records_copy(examples_sqlite(None), tmp_path / "records.sqlite3"))
    records = RecordsWindow(PatientService(database))
    qtbot.addWidget(records)
    records.show()
    records.reload_patients(select=CASE_1)
    qtbot.waitUntil(lambda: records.add_version_button.isEnabled())
    return records, database


def test_escape_asks_before_the_typed_reason_and_rows_go(
    qtbot, tmp_path: Path, examples_sqlite: Callable[[str | None], Path]
) -> None:
    records, database = _records(qtbot, tmp_path, examples_sqlite)
    seen: list[str] = []
    after: dict[str, object] = {}

    def work() -> None:
        dialog = _visible_dialog()
        assert dialog is not None
        try:
            QTest.keyClicks(dialog.reason, "pain uncontrolled")
            model = dialog.editor.model
            dialog.editor.select_row(0, model.column_of("daily_dose"))
            type_keys(dialog.editor.view, "160 mg/day")  # the cell editor is open
            _escape(dialog)  # closes the cell editor
            _answer_question(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, seen)
            _escape(dialog)  # the dialog's own Escape
            after["kept"] = dialog.isVisible() and dialog.reason.text() == "pain uncontrolled"
            _answer_question(Qt.Key.Key_D, ALT, seen)  # Discard
            _escape(dialog)
            after["closed"] = not dialog.isVisible()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(50, work)
    QTest.mouseClick(records.add_version_button, Qt.MouseButton.LeftButton)
    database.close()
    assert len(seen) == 2, seen
    assert "reason" in seen[0] and "lost" in seen[0], seen
    assert after == {"kept": True, "closed": True}, after


def test_escape_with_nothing_typed_closes_at_once(
    qtbot, tmp_path: Path, examples_sqlite: Callable[[str | None], Path]
) -> None:
    records, database = _records(qtbot, tmp_path, examples_sqlite)
    seen: list[str] = []
    after: dict[str, object] = {}

    def work() -> None:
        dialog = _visible_dialog()
        assert dialog is not None
        try:
            _answer_question(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, seen)
            QTest.keyClick(dialog.reason, Qt.Key.Key_Escape)
            QApplication.processEvents()
            after["closed"] = not dialog.isVisible()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(50, work)
    QTest.mouseClick(records.add_version_button, Qt.MouseButton.LeftButton)
    database.close()
    assert seen == [] and after == {"closed": True}, (seen, after)
