"""Clinician review 20, N9 (shot-89, 90), typed as the trainee typed it.

Practice: "53,0" in the OME and "25" in the reduction. The status line said "'53,0': write 53,
with a decimal point, not a comma (and 1 more problem)", but only the OME was marked; the
reduction's problem showed only at the next check. Every field with a problem is now marked at
once, each with its own words.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_practice_carries_the_trainees_base import (  # noqa: F401
    TYPED,
    _first_level_3_uk_exercise,
    _type,
    practice,
)
from ui.practice.practice_window import PracticeWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_review20_n9_both_fields_with_a_problem_are_marked_at_once(
    practice: PracticeWindow,  # noqa: F811
) -> None:
    _first_level_3_uk_exercise(practice)
    _type(practice, {**TYPED, "ome_per_day": "53,0", "reduction": "25"})
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert practice.report is None
    assert "(and 1 more problem)" in practice.message.text(), practice.message.text()
    marks = {key: field.result.text() for key, field in practice.form.fields.items()}
    assert "decimal point, not a comma" in marks["ome_per_day"], marks["ome_per_day"]
    assert "'25' is ambiguous" in marks["reduction"], marks["reduction"]
    assert "more problem" not in marks["ome_per_day"]  # each field its own problem only
    for key in ("equianalgesic_daily_dose", "target_daily_dose", "regimen"):
        assert "Cannot read" not in marks[key], (key, marks[key])
    # the first is where the cursor goes
    ome = practice.form.fields["ome_per_day"].quantity
    assert ome is not None and ome.number.hasFocus()
