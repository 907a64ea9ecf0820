"""A row only the chosen set cannot convert still counts in every other set's bar (clinician
review 13 #2: methadone under the UK set was left out of EVERY set, so CDC 2022 read 22.5 MME/day
INCOMPLETE where its own table gives 163.5, above the >= 90 MME threshold)."""

from __future__ import annotations

from tests.ui.keyboard import type_in_cell


def test_methadone_left_out_by_the_chosen_set_counts_in_the_risk_sets(case_window) -> None:
    window = case_window
    panel = window.results_panel
    selector = panel.set_selector  # the default UK set, as the reviewer had it
    selector.setCurrentIndex(selector.findData("uk-palliative"))
    selector.activated.emit(selector.currentIndex())
    model = window.editor.model
    row = model.rowCount()
    window.editor.select_row(row - 1)
    window.editor.add_row()
    for field, text in (("drug", "methadone"), ("route", "oral"), ("dose", "10 mg")):
        type_in_cell(window, row, field, text)
    type_in_cell(window, row, "frequency", "q8h")
    assert "(incomplete)" in panel.total_label.text()  # the chosen set has no methadone factor
    bars = {bar.label: bar for bar in panel.chart.bars()}
    cdc = next(bar for label, bar in bars.items() if "CDC 2022" in label or "2022" in label)
    assert cdc.value == 60 * 1.5 + 30 * 4.7, bars  # oxycodone 60 mg/day + methadone 30 mg/day
    assert "INCOMPLETE" not in cdc.value_text, cdc.value_text
    chosen = [bar for bar in panel.chart.bars() if bar.current]
    assert chosen and chosen[0].value is None and chosen[0].value_text == "not covered"


def test_each_bar_carries_its_own_sets_threshold_mark(naive_window) -> None:
    """Re-check 13b #2: a bar's DANGER mark was the CHOSEN set's: under the UK set (no
    thresholds) the CDC bars at 112-263 MME/day had none, and under CDC 2022 the UK bar had one.
    (No cancer or palliative care stated: CDC's thresholds apply to this patient.)"""
    window = naive_window
    panel = window.results_panel
    selector = panel.set_selector
    for field, text in (("drug", "oxycodone"), ("dose", "120 mg"), ("frequency", "q12h")):
        type_in_cell(window, 0, field, text)  # 240 mg/day: 360 MME/day under CDC 2022
    for chosen in ("uk-palliative", "cdc-2022"):
        selector.setCurrentIndex(selector.findData(chosen))
        selector.activated.emit(selector.currentIndex())
        bars = {bar.label: bar for bar in panel.chart.bars() if bar.value is not None}
        cdc = next(bar for label, bar in bars.items() if "2022" in label)
        uk = next(bar for label, bar in bars.items() if "UK" in label)
        assert cdc.value_text.endswith("DANGER"), (chosen, cdc.value_text)  # CDC's own >= 90
        assert "DANGER" not in uk.value_text, (chosen, uk.value_text)  # the UK set has none
