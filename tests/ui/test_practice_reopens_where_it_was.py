"""Closing Practice with a slip of Ctrl+W (for Ctrl+Shift+W, "Show worked answer") lost the
session: reopening it from the workstation built a new window at exercise 1 with every answer box
empty (clinician re-check 13b, #7). Practice is one window per workstation: closing hides it, and
Tools → Practice brings back the same exercise, answers and feedback."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.persistence.database import DATABASE_URL_ENV
from tests.ui.test_practice_window import db_url  # noqa: F401
from ui.practice.practice_window import PracticeWindow


def _open(window: Any) -> PracticeWindow:
    window.menu_actions.by_name["practice"].trigger()
    practice = window.practice_window
    assert isinstance(practice, PracticeWindow) and practice.isVisible()
    practice.activateWindow()
    QApplication.processEvents()
    return practice


def test_ctrl_w_then_tools_practice_gives_back_the_same_exercise_and_answers(
    make_window: Any,
    db_url: str,  # noqa: F811
    monkeypatch: Any,
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, db_url)
    window = make_window()
    practice = _open(window)
    practice.next_exercise()  # exercise 2, as a trainee part-way through
    shown = practice.exercise
    field = next(iter(practice.form.fields.values()))
    typed = field.quantity.number if field.quantity is not None else field.line
    assert typed is not None
    typed.setFocus()
    QTest.keyClicks(typed, "45")
    QTest.keyClick(typed, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not practice.isVisible()

    again = _open(window)
    assert again is practice
    assert again.exercise is shown and again.position == 1
    assert typed.text() == "45"
    again.close()
