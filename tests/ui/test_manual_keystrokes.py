"""The manual's own keystrokes are typed and must do what the manual says (clinician review 15,
#10: docs/gui.md step 2 said ``fentanyl Tab transdermal Tab patch Tab 50 mcg/h Tab q72h Tab``
fills a row, and the app refused it: "mcg/h is a rate: a patch strength … goes in Rate").

The key sequence and the cells it fills are read from docs/gui.md itself, so a change of either
the manual or the app that parts them fails here. Real window, QTest keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

GUI_MD = Path(__file__).resolve().parents[2] / "docs" / "gui.md"
# the manual's words for the regimen columns
_COLUMN = {
    "drug": "drug",
    "route": "route",
    "form": "form",
    "dose": "dose",
    "frequency": "frequency",
    "rate": "rate",
}


def _manual_example() -> tuple[list[str | Qt.Key], list[str]]:
    """(the keys of step 2's example, the columns it says they fill, in order)."""
    text = " ".join(GUI_MD.read_text(encoding="utf-8").split())
    found = re.search(r"So `([^`]+)` fills a new (?:patch )?row's ([a-z ,]+?)(?: \(|\.)", text)
    assert found, "docs/gui.md step 2 no longer gives its keystroke example"
    keys: list[str | Qt.Key] = []
    for part in re.split(r"(\bTab\b)", found.group(1)):
        if part == "Tab":
            keys.append(Qt.Key.Key_Tab)
        elif part.strip():
            keys.append(part.strip())
    named = re.split(r", | and ", found.group(2))
    return keys, [_COLUMN[name.strip()] for name in named]


def test_the_manuals_patch_example_fills_the_row_it_says(case_window) -> None:
    keys, columns = _manual_example()
    typed = [key for key in keys if isinstance(key, str)]
    assert len(typed) == len(columns), (typed, columns)
    window = shown(case_window)
    editor = window.editor
    editor.add_row()
    row = editor.current_row()
    editor.view.setFocus()
    QApplication.processEvents()
    for key in keys:
        for one in list(key) if isinstance(key, str) else [key]:
            keyboard(one)
    model = editor.model
    filled = {name: model.index(row, model.column_of(name)).data() for name in columns}
    assert filled == dict(zip(columns, typed, strict=True))
    assert model.row_problem(row) is None  # accepted, counted: not refused as in review 15
    assert window.session.state.rows[row].item is not None
