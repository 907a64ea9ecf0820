"""The bars of the same regimen under each reference set carry the headline's mark
(clinician review 10 #10: with a 250 mcg/h patch the headline read red "690 OME/day — check
row 2: danger", while the bars below read a plain "690 MME/day"; the incomplete case was marked
"INCOMPLETE"). One rule: ``presentation.mme.headline`` gives the mark."""

from __future__ import annotations

from tests.ui.keyboard import add_patch_row, type_in_cell


def test_a_danger_row_marks_every_bar_and_the_strips_heading(case_window) -> None:
    window = case_window
    panel = window.results_panel
    row = add_patch_row(window)
    type_in_cell(window, row, "rate", "250")  # ten times the usual patch: a danger
    assert panel.total_label.text().endswith("danger")
    bars = [bar for bar in panel.chart.bars() if bar.value is not None]
    assert bars and all(bar.value_text.endswith("DANGER") for bar in bars), bars
    assert "DANGER" in panel.chart_heading.text()
    assert "#b81e1e" in panel.chart_heading.styleSheet()  # the headline's colour, with words
    assert "DANGER" in panel.chart.accessibleDescription()  # a screen reader hears it too
    type_in_cell(window, row, "rate", "25")  # corrected: the mark goes with the danger
    assert not any("DANGER" in bar.value_text for bar in panel.chart.bars())
    assert "DANGER" not in panel.chart_heading.text()
