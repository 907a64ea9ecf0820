"""Clinician re-check 20b, N13: clicking a version in Patient → Records raised "An unexpected
problem occurred" (8 times in one session): ``fit_columns`` → ``header.sectionSizeFromContents``,
"Internal C++ object (QHeaderView) already deleted". The table and its header stood; PySide6 had
invalidated the Python handle the column fitter had kept since the table was made (the class of
review 20 N3's menus). The header is asked for each time; the state is made here as PySide6 made
it (``shiboken6.invalidate`` on the handle only)."""

from __future__ import annotations

from typing import Any

import shiboken6

from ui.records.rows_model import RowsModel
from ui.records.versions_diff import make_table_view


def test_the_diff_columns_fit_after_the_header_handle_went_stale(qtbot: Any) -> None:
    model = RowsModel(["Time", "OME", "Reason"])
    view = make_table_view(model)
    qtbot.addWidget(view)
    view.show()
    shiboken6.invalidate(view.horizontalHeader())  # the handle only: Qt's header stands
    model.set_rows([["2026-12-05 07:45:26 UTC", "142.5", "Regimen before the switch"]])
    assert view.columnWidth(0) >= view.sizeHintForColumn(0)  # the time reads whole
