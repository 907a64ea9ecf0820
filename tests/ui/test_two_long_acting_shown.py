"""Clinician review 8, finding 1, in the app: Takamatsu 2018 case 1, step 3 (oxycodone ER
60 mg/day), a fentanyl patch 25 mcg/h added as row 2. The warnings list said nothing about a second
long-acting opioid; it now shows the one rule's caution naming rows 1 and 2, on row 1."""

from __future__ import annotations


def test_a_patch_added_beside_oxycodone_er_is_cautioned_on_screen(case_window) -> None:
    editor = case_window.editor
    editor.select_row(0)
    editor.add_row()
    model = editor.model
    for field, value in (("drug", "fentanyl"), ("route", "transdermal"), ("rate", "25 mcg/h")):
        assert model.setData(model.index(1, model.column_of(field)), value), field
    shown = [w for w in case_window.warnings_panel.model.warnings() if "long-acting" in w.message]
    assert len(shown) == 1, [w.message for w in case_window.warnings_panel.model.warnings()]
    assert "rows 1 and 2" in shown[0].message and "is the first meant to stop?" in shown[0].message
    assert shown[0].severity == "caution" and shown[0].row == 0
