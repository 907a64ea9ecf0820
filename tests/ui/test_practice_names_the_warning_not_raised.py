"""Clinician review 14, #3 (shot11): a trainee ticked "Older patient" (right: the plan raises it
for a 72-year-old, as info) and "Switching from methadone" (not raised: no methadone here). The
mark read "✗ Wrong. To raise: none. You ticked: Older patient…; Switching from methadone…", so
the reviewer took the older-patient tick for the mistake. The mark names the tick the plan does
not raise, from the grader's own lists (the app compares nothing itself)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.presentation.warning_titles import warning_title
from tests.ui.test_practice_carries_the_trainees_base import (  # noqa: F401
    TYPED,
    _first_level_3_uk_exercise,
    _type,
    practice,
)
from ui.practice.practice_window import PracticeWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

OLDER = warning_title("elderly-caution")
METHADONE = warning_title("from-methadone-not-bidirectional")


def _tick(window: PracticeWindow, titles: tuple[str, ...]) -> None:
    box = window.form.fields["warnings"].list
    assert box is not None
    box.setFocus()
    for row in range(box.count()):
        if box.item(row).text() in titles:
            box.setCurrentRow(row)
            QTest.keyClick(box.viewport(), Qt.Key.Key_Space)
    ticked = [
        box.item(r).text()
        for r in range(box.count())
        if box.item(r).checkState() == Qt.CheckState.Checked
    ]
    assert sorted(ticked) == sorted(titles)


def test_the_mark_names_the_tick_this_plan_does_not_raise(
    practice: PracticeWindow,  # noqa: F811
) -> None:
    practice.resize(1280, 720)
    _first_level_3_uk_exercise(practice)  # age 72: the plan raises the older-patient note
    _type(practice, TYPED)
    _tick(practice, (OLDER, METHADONE))
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert practice.report is not None, practice.message.text()
    mark = practice.form.fields["warnings"].result
    assert mark.text().startswith("✗ Wrong"), mark.text()
    assert f"Not raised by this plan: {METHADONE}." in mark.text(), mark.text()
    assert f"Not raised by this plan: {OLDER}" not in mark.text()
    # the narrow line beside the list (cut with "…" at its width); the pane has the whole mark
    assert "✗ Wrong: extra tick".startswith(mark.shown().removesuffix("…")), mark.shown()
    assert mark.shown().startswith("✗ Wrong")


def test_the_older_patient_tick_alone_is_right_at_72(
    practice: PracticeWindow,  # noqa: F811
) -> None:
    _first_level_3_uk_exercise(practice)
    _type(practice, TYPED)
    _tick(practice, (OLDER,))
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert practice.form.fields["warnings"].result.text().startswith("✓ Correct")
