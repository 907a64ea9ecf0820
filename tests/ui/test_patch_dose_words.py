"""Clinician review 5, item 4: a fentanyl patch written as "25" (mcg) every 72 h with the Rate
empty is left out (safe), and the app says why in clinician words on the Rate cell, not "check
each cell" framed on the Drug cell. The cell comes from the core's structured location."""

from __future__ import annotations

from ui.models.regimen_table_model import ERROR_ROLE


def _index(window, row: int, field: str):
    model = window.editor.model
    return model.index(row, model.column_of(field))


def test_a_patch_written_as_a_dose_names_the_rate_cell(case_window) -> None:
    model = case_window.editor.model
    for field, value in (
        ("drug", "fentanyl"),
        ("route", "transdermal"),
        ("form", "patch"),
        ("daily_dose", ""),
        ("dose", "25 mcg"),
        ("frequency", "q72h"),
    ):
        model.setData(_index(case_window, 0, field), value)
    assert _index(case_window, 0, "mme").data() == "excluded"
    message = _index(case_window, 0, "rate").data(ERROR_ROLE)
    assert message is not None, [
        (f, _index(case_window, 0, f).data(ERROR_ROLE))
        for f in ("drug", "route", "form", "dose", "frequency", "rate", "daily_dose")
    ]
    assert "Rate" in message and "25 mcg/h" in message and "check each cell" not in message
    assert _index(case_window, 0, "drug").data(ERROR_ROLE) is None
    assert "check each cell" not in case_window.results_panel.excluded_label.text()
