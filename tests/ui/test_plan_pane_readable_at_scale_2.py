"""Clinician review 15, #12 (scale 2): the planner's plan pane was ~190 logical pixels wide
beside its choices, and the chosen set's name wrapped to nine one-word lines (shot-82). At
1280×720 and scale 2 (640×360 logical, 92% of it for the window), and at 1280×720, no paragraph of
the plan (a heading, a value, a step) wraps to three one-word lines in a row."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.fit_checks import SIZES
from ui.main_window import MainWindow


def _one_word_lines(document: QTextDocument) -> list[str]:
    """The paragraphs laid out with three lines in a row holding one word each (a heading may
    wrap twice in a narrow column; three words stacked is a column too narrow to read)."""
    found = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        run = longest = 0
        for number in range(layout.lineCount() if layout is not None else 0):
            line = layout.lineAt(number)
            words = text[line.textStart() : line.textStart() + line.textLength()].split()
            run = run + 1 if len(words) == 1 else 0
            longest = max(longest, run)
        if longest >= 3:
            found.append(f"{text!r}: {longest} one-word lines in a row")
        block = block.next()
    return found


@pytest.mark.parametrize("size", ["1280x720@2 = 640x360 logical", "1280x720"])
def test_no_line_of_the_plan_wraps_a_word_a_line(case_window: MainWindow, size: str) -> None:
    window = shown(case_window)
    window.ensure_panels()
    window.resize(*SIZES[size])
    window.show_tab(1)
    planner = window.planner
    assert planner is not None
    planner.set_target("morphine", "oral", frequency="q12h", table="uk-palliative")
    QApplication.processEvents()
    document = planner.view.document()
    assert "UK palliative care ratios" in document.toPlainText()
    assert _one_word_lines(document) == []
