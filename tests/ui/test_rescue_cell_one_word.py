"""Clinician review 21, N7 (first part): in the check's order, the OME/day cell of the rescue
row read "0" while the rescue was oversized (20 mg oxycodone beside the 25 mcg/h patch) and
"breakthrough" once it was within its rule (5 mg). A row the check judges by the breakthrough
rule reads "breakthrough" whatever its verdict (``check_rescue.breakthrough_orders``, from the
check's own result); a row the verdict sums with an amount shows that amount. The reviewer's
keys: Ctrl+3, Alt+U, row 2 typed over."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.test_proposed_rescue_count_not_summed import _cell, _key

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CURRENT = {
    "patient": {"identifier": "MRN-21A1", "age": 71, "weight": "62 kg", "egfr": "25 mL/min"},
    "items": [
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        {"drug": "alfentanil", "route": "sc", "dose": "325 mcg", "prn": True, "doses_per_day": 0},
    ],
}


@pytest.mark.parametrize("dose", ["20", "13.6 mg", "7.5 mg", "5 mg"])
def test_the_rescue_rows_ome_cell_reads_one_word_whatever_its_size(
    make_window: Any, tables: Any, tmp_path: Path, qtbot: Any, dose: str
) -> None:
    path = tmp_path / "current.json"
    path.write_text(json.dumps(CURRENT))
    window = shown(make_window(tables, path))
    _key(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    check = window.check
    _key(Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Start from the current regimen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    for field, text in (("drug", "oxycodone"), ("route", "oral"), ("form", "IR"), ("dose", dose)):
        _cell(check, 1, field, text)
    _key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # check now
    assert check.result is not None, check.error
    model = check.proposed_editor.model
    ome = model.index(1, model.column_of("mme"))
    assert ome.data() == "breakthrough", (dose, ome.data(), check.result.verdict)
    assert "breakthrough" in str(ome.data(Qt.ItemDataRole.ToolTipRole)).lower()
