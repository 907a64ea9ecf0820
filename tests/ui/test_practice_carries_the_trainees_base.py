"""Clinician review 7, #5 (raw note N10, shot72), typed as the trainee typed it.

Practice, exercise 1 of 10 (level 3): hydromorphone ER 4 mg q12h + IR 1.3 mg x2 -> morphine ER
q12h, UK set. Answers 79.5, 79.5, 25%, 59.6, 30 mg q12h, 10 mg; Ctrl+Return. The target 59.6 was
accepted from the trainee's own numbers, then the regimen was judged from the planner's 39.75
("Expected 15 mg q12h") and the breakthrough 10 mg (1/6 of the trainee's 60 mg/day) was called
"The breakthrough fraction is wrong".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.persistence.database import Database
from mps_pain.persistence.practice_store import PracticeStore
from mps_pain.tables.loader import get_tables
from tests.conftest import records_copy
from ui.practice.practice_window import PracticeWindow

TYPED = {
    "ome_per_day": "79.5",
    "equianalgesic_daily_dose": "79.5",
    "reduction": "25%",
    "target_daily_dose": "59.6",
    "regimen": "30",
    "breakthrough_dose": "10",
}


@pytest.fixture
def practice(qtbot: Any, tmp_path: Path, migrated_sqlite: Path) -> PracticeWindow:
    url = records_copy(migrated_sqlite, tmp_path / "records.sqlite3")
    window = PracticeWindow(get_tables(), PracticeStore(Database.open(url)), learner="Aiko")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def _first_level_3_uk_exercise(window: PracticeWindow) -> None:
    window.level.setCurrentIndex(window.level.findData(3))
    window.table.setCurrentIndex(window.table.findData("uk-palliative"))
    window.seed.setValue(0)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window, Qt.Key.Key_N, shift_ctrl)  # New exercises
    assert window.position == 0 and "Exercise 1 of 10" in window.heading.text()
    assert window.exercise.prompt.startswith(
        "Current regimen: hydromorphone oral ER 4 mg q12h; hydromorphone oral IR 1.3 mg as needed,"
        " 2 doses in 24 h."  # the order as the plan and check write it
    )
    assert "Switch to morphine oral (ER q12h) under UK palliative" in window.exercise.prompt


def _type(window: PracticeWindow, answers: dict[str, str]) -> None:
    for key, text in answers.items():
        field = window.form.fields[key]
        box = field.line if key == "reduction" else field.quantity.number  # type: ignore[union-attr]
        assert box is not None
        box.setFocus()
        QTest.keyClicks(box, text)
    frequency = window.form.fields["regimen"].frequency
    assert frequency is not None and frequency.currentText() == "q12h"


def test_review7_n10_the_trainees_own_numbers_carry_to_the_regimen_and_breakthrough(
    practice: PracticeWindow,
) -> None:
    _first_level_3_uk_exercise(practice)
    _type(practice, TYPED)
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert practice.report is not None, practice.message.text()
    marks = {key: field.result.text() for key, field in practice.form.fields.items()}
    for key in ("target_daily_dose", "regimen", "breakthrough_dose"):
        # accepted from the trainee's own numbers; 79.5 is above the planner's 53, so each is
        # accepted with caution (clinician review 14 #3), never wrong
        assert marks[key].startswith("⚠ Accepted, with caution"), (key, marks[key])
        assert "your own accepted earlier answers" in marks[key], marks[key]
    assert "Expected 15 mg" not in marks["regimen"]
    assert "fraction is wrong" not in marks["breakthrough_dose"]
    assert practice.report.score == practice.report.total == 7


def test_review7_n10_a_right_fraction_of_a_wrong_regimen_names_the_base(
    practice: PracticeWindow,
) -> None:
    """45 mg q12h is above the trainee's own 59.6 mg/day; 15 mg is 1/6 of its 90 mg/day."""
    _first_level_3_uk_exercise(practice)
    _type(practice, {**TYPED, "regimen": "45", "breakthrough_dose": "15"})
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    fields = practice.form.fields
    regimen = fields["regimen"].result.text()
    breakthrough = fields["breakthrough_dose"].result.text()
    assert regimen.startswith("✗ Wrong. From your own accepted earlier answers: expected 25 mg")
    assert breakthrough.startswith("✗ Wrong.")
    assert "the base is wrong, not the fraction" in breakthrough
    assert "fraction is wrong" not in breakthrough


def test_review14_3_a_regimen_twice_the_planners_is_accepted_with_caution_not_ticked(
    practice: PracticeWindow,
) -> None:
    """Clinician review 14 #3: 80, 80, 25%, 60, 30 mg q12h, 10 read six green "✓ Correct" marks
    (a regimen twice the planner's 15 mg q12h). Each step resting on the 80 above the planner's
    53 has its own mark, amber, not the green; the reduction keeps the tick; all are scored."""
    _first_level_3_uk_exercise(practice)
    typed = {**TYPED, "ome_per_day": "80", "equianalgesic_daily_dose": "80"}
    _type(practice, typed | {"target_daily_dose": "60"})
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert practice.report is not None, practice.message.text()
    fields = practice.form.fields
    for key in ("ome_per_day", "equianalgesic_daily_dose", "target_daily_dose", "regimen"):
        assert fields[key].result.text().startswith("⚠ Accepted, with caution"), key
        assert "#1b6e1b" not in fields[key].result.styleSheet(), key  # not the green
    assert fields["breakthrough_dose"].result.text().startswith("⚠ Accepted, with caution")
    assert "above the planner's point" in fields["regimen"].result.text()
    assert fields["reduction"].result.text().startswith("✓ Correct")
    assert practice.report.score == practice.report.total == 7
