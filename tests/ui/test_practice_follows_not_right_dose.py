"""Clinician review 18 #5 (shot-104 to 106), typed as the reviewer typed it: Practice, level 3,
exercise 1 (UK set): answers 50, 25, 25%, 18, 10 mg q12h, 3. The rounded regimen read
"✓ Correct: 10 mg q12h" in green; 10 mg q12h is 62% below 53 OME/day, outside the sourced
25–50%. It is now marked "⚠ Follows, but not the right dose" in amber, with the right dose on its
one line, and is still scored as before (4 of 7).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_practice_carries_the_trainees_base import (  # noqa: F401
    _first_level_3_uk_exercise,
    _type,
    practice,
)
from ui.practice.practice_window import PracticeWindow
from ui.practice.words import FOLLOWS_MARK

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

REVIEWER = {
    "ome_per_day": "50",
    "equianalgesic_daily_dose": "25",
    "reduction": "25%",
    "target_daily_dose": "18",
    "regimen": "10",
    "breakthrough_dose": "3",
}


def test_review18_5_ten_mg_is_not_the_green_tick(practice: PracticeWindow) -> None:  # noqa: F811
    _first_level_3_uk_exercise(practice)
    _type(practice, REVIEWER)
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # wrong since the stated-reduction rule (pharmacist review 18 D2): the 50% end gives 15 mg
    assert practice.report is not None and practice.report.score == 3, practice.message.text()
    field = practice.form.fields["regimen"]
    line = field.result.text()
    assert line.startswith("✗ Wrong") and "15 mg q12h" in line, line
    assert not line.startswith(FOLLOWS_MARK), line
    assert "#1b6e1b" not in field.result.styleSheet()  # never the green of a right answer
