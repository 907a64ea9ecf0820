"""A patient whose stored row was changed outside mps-pain (fuzz review 5, R1) does not hide the
others: the records window and the patient chooser list every patient that reads back whole and
name the damaged one as damaged (issue 10 §5). Real widgets offscreen, a real SQLite file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from ui.records import RecordsWindow
from ui.records.choose_patient import ChoosePatientDialog

CASE_1 = "takamatsu-2018-case-1"


@pytest.fixture
def damaged(tmp_path: Path, examples_sqlite) -> Iterator[PatientService]:
    """The five example patients, the first one's stored sex edited to a value no check passes."""
    url = records_copy(examples_sqlite(), tmp_path / "records.sqlite3")
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute("update patients set sex='robot' where id=1")
        (identifier,) = conn.execute("select identifier from patients where id=1").fetchone()
    database = Database.open(url)
    service = PatientService(database)
    service.damaged_identifier = identifier  # type: ignore[attr-defined]
    yield service
    database.close()


def _lines(view) -> list[str]:
    return [view.item(row).text() for row in range(view.count())]


def test_the_records_window_lists_the_others_and_names_the_damaged_one(qtbot, damaged) -> None:
    bad = damaged.damaged_identifier
    good = [p.info.identifier for p in damaged.patient_listing().patients]
    assert len(good) == 4 and bad not in good
    records = RecordsWindow(damaged)
    qtbot.addWidget(records)
    records.show()
    lines = _lines(records.patients)
    assert lines[:4] == good  # was: an empty list, the first damaged row stopped it
    (damaged_line,) = lines[4:]
    assert bad in damaged_line and "damaged" in damaged_line
    item = records.patients.item(4)
    assert "changed outside mps-pain" in item.toolTip()
    assert "damaged" in records.status.text()
    # a damaged line cannot be opened: Down onto it from the last good patient stays put
    records.patients.setCurrentRow(3)
    records.patients.setFocus()
    QTest.keyClick(records.patients, Qt.Key.Key_Down)
    assert records.current_identifier == good[3]
    QTest.mouseClick(
        records.patients.viewport(),
        Qt.MouseButton.LeftButton,
        pos=records.patients.visualItemRect(item).center(),
    )
    assert records.current_identifier == good[3]


def test_the_patient_chooser_lists_the_others(qtbot, damaged) -> None:
    dialog = ChoosePatientDialog(damaged, "", None, lambda _id: None, opening=True)
    qtbot.addWidget(dialog)
    good = [p.info.identifier for p in damaged.patient_listing().patients]
    assert [dialog.patients.item(r).data(Qt.ItemDataRole.UserRole) for r in range(4)] == good
    QTest.keyClicks(dialog.filter, damaged.damaged_identifier)
    assert dialog.chosen() is None  # the damaged record is named, never chosen


def test_a_damaged_patients_identifier_is_not_created_again(qtbot, damaged) -> None:
    from ui.records.save_to_record import new_patient

    info, problem = new_patient(damaged, damaged.damaged_identifier)
    assert info is None and problem is not None and "already exists" in problem


def test_a_damaged_line_never_widens_the_window_at_scale_2(qtbot, damaged) -> None:
    """Its words wrap under the identifier (the first screenshot scrolled sideways)."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.fit_checks import SIZES, list_lines_cut, sideways_pages

    records = RecordsWindow(damaged)
    qtbot.addWidget(records)
    records.resize(*SIZES["1280x720@2 = 640x360 logical"])
    records.show()
    for _ in range(3):
        QApplication.processEvents()
    assert sideways_pages(records) == []
    assert list_lines_cut(records.patients) == []
