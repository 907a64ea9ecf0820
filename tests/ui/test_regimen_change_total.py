"""The regimen-change dialog shows the total OME of the regimen being recorded, from the core,
under the set the timeline draws, and follows each edit (clinician review 5, item 13: "shows no
total OME", shots 50-51). Real widgets offscreen, QTest keystrokes, a real records file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from mps_pain.units import format_number
from tests.conftest import records_copy
from tests.ui.keyboard import type_keys
from ui.plain_language import set_name
from ui.records import RecordsWindow
from ui.records.dialogs import RegimenVersionDialog

CASE_1 = "takamatsu-2018-case-1"


def _open_change_dialog(qtbot, service: PatientService) -> tuple[RecordsWindow, list[str | None]]:
    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.show()
    records.reload_patients(select=CASE_1)
    opened: list[str | None] = []

    def look() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, RegimenVersionDialog) and w.isVisible()
        )  # fmt: skip
        try:  # closed whatever happens: a modal left open would hang the test
            opened.append(getattr(dialog, "total", None) and dialog.total.text())
            model = dialog.editor.model
            dialog.editor.select_row(0, model.column_of("daily_dose"))
            type_keys(dialog.editor.view, "160 mg/day")
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
            QApplication.processEvents()
            opened.append(getattr(dialog, "total", None) and dialog.total.text())
        finally:
            dialog.reject()

    qtbot.waitUntil(lambda: records.add_version_button.isEnabled())
    QTimer.singleShot(50, look)
    QTest.mouseClick(records.add_version_button, Qt.MouseButton.LeftButton)
    return records, opened


def test_the_regimen_change_shows_its_total_and_follows_an_edit(
    qtbot, tmp_path: Path, examples_sqlite: Callable[[str | None], Path]
) -> None:
    database = Database.open(records_copy(examples_sqlite(None), tmp_path / "records.sqlite3"))
    service = PatientService(database)
    records, opened = _open_change_dialog(qtbot, service)
    assert len(opened) == 2 and all(opened), opened
    latest = records.timeline.points[-1]
    first, edited = opened
    # the timeline's figure for the latest version, under the timeline's set
    assert f"{format_number(latest.ome_mg_per_day)} OME/day" in first, first
    assert set_name(records.timeline.table.id) in first, first
    assert edited != first and "OME/day" in edited, edited
    database.close()
