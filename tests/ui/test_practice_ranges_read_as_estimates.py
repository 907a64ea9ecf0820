"""Practice marks its answers with accepted ranges a clinician reads (ui-fix3 #2): the ends of a
range are estimates, to three figures ("accepted 76.95–94.05" read as a precision it lacks)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.numbers import ESTIMATE_FIGURES
from tests.ui.test_practice_window import _type_engine_answers, db_url, practice  # noqa: F401


def _significant(figure: str) -> int:
    """Significant figures of a number as shown (an integer's trailing zeros do not count)."""
    digits = figure.replace(".", "").lstrip("0")
    return len(digits if "." in figure else digits.rstrip("0"))


def test_accepted_ranges_are_shown_to_three_figures(practice: Any) -> None:  # noqa: F811
    ends: list[str] = []
    for _ in range(len(practice.exercises)):
        _type_engine_answers(practice)
        QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        for field in practice.form.fields.values():
            text = field.result.text()
            for low, high in re.findall(r"accepted (\d+(?:\.\d+)?)–(\d+(?:\.\d+)?)", text):
                ends += [low, high]
            ends += re.findall(r"up to (\d+(?:\.\d+)?)", text)
        QTest.keyClick(practice, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert ends  # the exercises mark ranges
    assert [e for e in ends if _significant(e) > ESTIMATE_FIGURES] == []
