"""The editor prices a patch typed by its label as the patches deliver it (clinician review 7,
#3: "12" on a fentanyl patch row read 12 × 2.4 = 28.8 OME while the BNF table it cites says
12 → 30), with the reading said in the warnings; typed with keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.keyboard import add_patch_row, cell_index, type_in_cell


def test_a_patch_typed_as_12_counts_the_12_5_patch(case_window) -> None:
    window = case_window
    row = add_patch_row(window)  # CDC 2022: fentanyl patch × 2.4, as the BNF table
    type_in_cell(window, row, "rate", "12")
    shown = cell_index(window, row, "mme").data(Qt.ItemDataRole.DisplayRole)
    assert shown == "30", shown  # 12.5 mcg/h × 2.4, never 28.8
    model = window.warnings_panel.model
    texts = [str(model.index(r, 1).data()) for r in range(model.rowCount())]
    assert any("read as 12.5 mcg/h" in t for t in texts), texts
