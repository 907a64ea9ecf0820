"""Fuzz review 21, D1, in the app: a current row of morphine MR typed "q1h" in the Regimen tab
keeps its total (720 OME/day as written) and shows the danger the command line gives, naming the
row, the interval written and the form's cited intervals; typed back to q12h, it is gone."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from mps_pain.domain.current_interval import INTERVAL_OUTSIDE_FORM
from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import type_in_cell

CASE = {
    "table": "uk-palliative",
    "items": [
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"},
    ],
}


def _warnings(window) -> str:
    QApplication.processEvents()
    model = window.warnings_panel.model
    return "\n".join(
        str(model.index(row, column).data() or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    )


def test_the_regimen_tab_shows_the_danger_of_an_hourly_mr_row(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.session.replace_document(RegimenDocument.model_validate(CASE))
    type_in_cell(window, 0, "frequency", "q1h")
    result = window.session.result
    assert result is not None and result.total_mme_per_day == 720
    assert [w.item for w in result.warnings if w.code == INTERVAL_OUTSIDE_FORM] == [0]
    said = _warnings(window)
    assert "Row 1:" in said and "every 12 h or every 24 h, not q1h" in said, said
    type_in_cell(window, 0, "frequency", "q12h")
    assert window.session.result is not None
    assert not [w for w in window.session.result.warnings if w.code == INTERVAL_OUTSIDE_FORM]
    assert "not q1h" not in _warnings(window)
