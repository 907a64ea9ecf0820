"""The big total shows the worst severity of the warnings beside it, in words and colour
(clinician review 9 #1: a 250 mcg/h patch, ten times the usual, gave "690 OME/day" in plain
black while the danger sat only in the list; the big number is the one that gets copied)."""

from __future__ import annotations

from tests.ui.keyboard import add_patch_row, type_in_cell


def test_a_danger_row_turns_the_total_red_and_names_the_row(case_window) -> None:
    window = case_window
    panel = window.results_panel
    assert panel.total_label.text() == "90 MME/day" and panel.total_label.styleSheet() == ""
    row = add_patch_row(window)
    type_in_cell(window, row, "rate", "250")
    # 90 + 250 × 2.4: the row is counted, and the total says which row to check, and why
    assert panel.total_label.text() == f"690 MME/day — check row {row + 1}: danger"
    assert "#b81e1e" in panel.total_label.styleSheet()  # the danger colour, with the words
    type_in_cell(window, row, "rate", "25")  # corrected: the mark goes with the danger
    assert not panel.total_label.text().endswith("danger")
    assert "#b81e1e" not in panel.total_label.styleSheet()
