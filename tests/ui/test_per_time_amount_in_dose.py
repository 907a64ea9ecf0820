"""An amount per time typed into Dose points to the column it belongs in (clinician re-check
12b, #3): a patch strength "50 mcg/h" in the proposed order's Dose read "Dose: mcg/h is not a unit
for the dose, e.g. 100 mcg", steering toward a wrong unit for a patch, and the verdict area stayed
empty while the row was excluded. Every table with a Dose column, every unit per time; the keys
are typed as a keyboard sends them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard, press
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TAB = Qt.Key.Key_Tab
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT_CTRL = CTRL | Qt.KeyboardModifier.ShiftModifier


def _type_row(keys: tuple[str | Qt.Key, ...]) -> None:
    for key in keys:
        for one in list(key) if isinstance(key, str) else [key]:
            keyboard(one)


def _editor(window: Any, table: str, qtbot: Any) -> Any:
    """The table's editor with a new row current and the focus in it."""
    if table == "regimen":
        editor = window.editor
        editor.add_row()
        editor.view.setFocus()
        QApplication.processEvents()
        return editor
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    assert check is not None
    view = check.proposed_editor.view
    view.setFocus()
    press((Qt.Key.Key_Return, SHIFT_CTRL))  # Add row in the proposed order
    qtbot.waitUntil(lambda: view.hasFocus() or view.isAncestorOf(QApplication.focusWidget()))
    return check.proposed_editor


ROWS = {
    "50 mcg/h": ("fentanyl", TAB, "transdermal", TAB, "patch", TAB, "50 mcg/h", TAB, "q72h", TAB),
    "2 mg/h": ("morphine", TAB, "sc", TAB, TAB, "2 mg/h", TAB, "q4h", TAB),
    "1 mg/min": ("morphine", TAB, "iv", TAB, TAB, "1 mg/min", TAB, "q4h", TAB),
    "60 mg/day": ("morphine", TAB, "oral", TAB, TAB, "60 mg/day", TAB, "q12h", TAB),
}


@pytest.mark.parametrize("table", ["regimen", "check"])
@pytest.mark.parametrize("typed", sorted(ROWS))
def test_an_amount_per_time_in_dose_points_to_its_column(
    case_window: Any, qtbot: Any, table: str, typed: str
) -> None:
    window = shown(case_window)
    editor = _editor(window, table, qtbot)
    row = editor.current_row()
    _type_row(ROWS[typed])
    model = editor.model
    assert model.index(row, model.column_of("dose")).data() == typed
    hint = model.index(row, model.column_of("dose")).data(ERROR_ROLE)
    assert hint, "the Dose cell is not marked"
    assert "is not a unit for the dose" not in hint, hint
    if typed.endswith("/day"):
        assert "Daily total, e.g. 60 mg/day" in hint, hint
    else:
        assert "patch strength or infusion rate goes in Rate, e.g. " in hint, hint
        rate = "25 mcg/h" if typed.startswith("50 mcg") else "2 mg/h"
        assert f"Rate, e.g. {rate}" in hint, hint


def test_the_verdict_names_an_excluded_proposed_row(case_window: Any, qtbot: Any) -> None:
    window = shown(case_window)
    editor = _editor(window, "check", qtbot)
    _type_row(ROWS["50 mcg/h"])
    check = window.check
    qtbot.waitUntil(lambda: "row 1" in check.verdict.text(), timeout=2000)
    text = check.verdict.text()
    assert text.startswith("No verdict"), text
    assert "Correct or delete row 1 of the proposed order (marked red) — Dose: " in text, text
    assert "goes in Rate" in text, text
    assert editor.model.rowCount() == 1
