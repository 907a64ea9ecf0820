"""Clinician re-check 17b, #4 (medium-low): in the Pharmacist check the proposed table's
OME/day column did not add up to the "proposed" total the verdict uses. SC oxycodone 20 mg/day
beside an oral oxycodone rescue read 40 in its row (the row's own factor) while the verdict read
the line as a target, 60; with a 10 mg rescue × 2 the rows read 40 + 30 beside "proposed 90".
Each counted row now shows the line as the verdict values it (the check's own values, one
function), so the rows sum to the total; a rescue order not summed reads "breakthrough". The
reviewer's case: fentanyl 25 mcg/h + morphine IR 10 mg as needed × 2; Ctrl+3, Alt+U, then the
rows typed over. Real window, QTest keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.units import format_number
from tests.ui.conftest import shown
from tests.ui.test_proposed_rescue_count_not_summed import _cell, _key

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
CURRENT = {
    "patient": {"identifier": "MRN-1801"},
    "items": [
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
         "doses_per_day": 2},
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("dose", "taken", "total"), [("10", "2", 90), ("10", "4", 120), ("5", "4", 60)]
)
def test_the_column_adds_up_to_the_proposed_total(
    make_window: Any, tables: Any, tmp_path: Path, qtbot: Any, dose: str, taken: str, total: float
) -> None:
    path = tmp_path / "current.json"
    path.write_text(json.dumps(CURRENT))
    window = shown(make_window(tables, path))
    _key(Qt.Key.Key_3, CTRL)
    check = window.check
    _key(Qt.Key.Key_U, ALT)  # Start from the current regimen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    for field, text in (("drug", "oxycodone"), ("route", "sc"), ("form", "injection")):
        _cell(check, 0, field, text)
    _cell(check, 0, "rate", "20 mg/day")
    _cell(check, 1, "drug", "oxycodone")
    _cell(check, 1, "dose", dose)
    _cell(check, 1, "doses_per_day", taken)
    _key(Qt.Key.Key_Return, CTRL)  # check now
    result = check.result
    assert result is not None, check.error
    assert result.proposed_ome_per_day == total, result.reasons
    model = check.proposed_editor.model
    shown_cells = [model.shown_text(row, model.column_of("mme")) for row in range(2)]
    counted = [float(text) for text in shown_cells if text != "breakthrough"]
    assert sum(counted) == pytest.approx(total), (shown_cells, result.reasons)
    assert shown_cells[0] == format_number(60), shown_cells  # the SC line as the verdict reads it
    tip = model.data(model.index(0, model.column_of("mme")), Qt.ItemDataRole.ToolTipRole)
    assert "60 a day" in tip and "40" in tip, tip  # its own worked line, and the check's value
