"""The first hint on a new patch or infusion row points to its Rate (clinician review 6, #8):
a fentanyl patch row with a Dose typed asked for a Frequency ("a regular dose needs a Dose
and a Frequency"), and a new morphine IV row asked for "the Dose and Frequency, e.g. 10 mg"
without a word about an infusion's Rate."""

from __future__ import annotations

from typing import Any

from tests.ui.keyboard import add_patch_row, cell_index, type_in_cell
from ui.models.regimen_table_model import ERROR_ROLE


def _hints(window: Any, row: int) -> dict[str, str]:
    fields = ("drug", "route", "dose", "frequency", "rate", "daily_dose")
    found = {f: cell_index(window, row, f).data(ERROR_ROLE) for f in fields}
    return {f: m for f, m in found.items() if m}


def test_a_patch_row_with_a_dose_typed_asks_for_its_rate(case_window: Any) -> None:
    window = case_window
    row = add_patch_row(window)  # fentanyl, transdermal
    type_in_cell(window, row, "dose", "25")
    hints = _hints(window, row)
    assert "rate" in hints, hints
    assert "25 mcg/h" in hints["rate"] and "Frequency, e.g." not in hints["rate"]
    assert "frequency" not in hints, hints


def test_a_new_iv_row_offers_dose_and_frequency_or_a_rate(case_window: Any) -> None:
    window = case_window
    row = add_patch_row(window)
    model = window.editor.model
    type_in_cell(window, row, "drug", "morphine")
    model.setData(cell_index(window, row, "route"), "iv")
    type_in_cell(window, row, "dose", "10")
    hints = " ".join(_hints(window, row).values())
    assert "Frequency" in hints and "Rate for an infusion" in hints, hints
    assert "Dose and Frequency, e.g. 10 mg q4h, or the Rate for an infusion, e.g." in hints
