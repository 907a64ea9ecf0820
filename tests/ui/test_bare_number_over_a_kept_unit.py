"""Clinician review 21, N4: a bare number typed over an EXISTING amount kept the cell's earlier
unit without a word. On the check's order (the applied SC syringe driver), "30" over "40 mg/day"
was read as 30 mg/day and "45" over "30 mg/h" as 45 mg/h, while a new row refuses a bare rate
naming mg/h and mg/24 h (review 19, H2). One rule, new cell or edited: a bare number typed in
an amount cell means what it means in an empty cell of that row (an infusion's Rate refused,
naming its units; a patch's Rate in mcg/h; a Dose or Daily total in the row's usual unit), in
the Regimen tab and the check's order alike (both are the regimen editor). Real keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import add_patch_row, add_row_of, cell_index, type_in_cell
from tests.ui.test_proposed_rescue_count_not_summed import _cell, _key
from tests.ui.vocabulary import developer_words
from ui.delegates.quantity_delegate import QuantityEditor
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SC_ORDER = {
    "patient": {"identifier": "MRN-2104"},
    "items": [{"drug": "oxycodone", "route": "sc", "form": "injection", "rate": "40 mg/24 h"}],
}


def _refused_as_bare(said: object, typed: str) -> None:
    assert isinstance(said, str), said
    assert f"“{typed}” has no unit" in said and "mg/h" in said and "mg/24 h" in said, said
    assert not developer_words([said])


@pytest.mark.parametrize(
    ("before", "typed"), [("40 mg/24 h", "30"), ("30 mg/h", "45"), ("2.5 mg/h", "2")]
)
def test_a_bare_number_over_an_infusion_rate_is_refused(
    case_window, before: str, typed: str
) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    row = add_row_of(window, drug="morphine", route="sc", form="injection")
    type_in_cell(window, row, "rate", before)
    assert cell_index(window, row, "rate").data(ERROR_ROLE) is None
    type_in_cell(window, row, "rate", typed)
    _refused_as_bare(cell_index(window, row, "rate").data(ERROR_ROLE), typed)
    assert cell_index(window, row, "mme").data() == "excluded"
    type_in_cell(window, row, "rate", f"{typed} mg/24 h")  # with its unit: read as typed
    assert cell_index(window, row, "rate").data(ERROR_ROLE) is None
    assert cell_index(window, row, "rate").data() == f"{typed} mg/day"


def test_the_checks_order_refuses_it_too(
    make_window: Any, tables: Any, tmp_path: Path, qtbot: Any
) -> None:
    """The review's keys: Ctrl+3, Alt+U, then "30" Return over the applied "40 mg/day"."""
    path = tmp_path / "current.json"
    path.write_text(json.dumps(SC_ORDER))
    window = shown(make_window(tables, path))
    _key(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    check = window.check
    _key(Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Start from the current regimen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    model = check.proposed_editor.model
    rate = model.index(0, model.column_of("rate"))
    assert rate.data() == "40 mg/day"
    for typed in ("30", "30 mg/h", "45"):
        _cell(check, 0, "rate", typed)
    _refused_as_bare(rate.data(ERROR_ROLE), "45")
    assert "45" not in " ".join(str(i.rate) for i in check.proposal.state.document.items)


def test_a_bare_number_over_a_patch_rate_stays_per_hour(case_window) -> None:  # type: ignore[no-untyped-def]
    """A patch's one unit (mcg/h) is the documented rule, for a new cell and an edited one."""
    window = shown(case_window)
    row = add_patch_row(window)
    type_in_cell(window, row, "rate", "50 mcg/h")
    type_in_cell(window, row, "rate", "25")
    assert cell_index(window, row, "rate").data(ERROR_ROLE) is None
    assert cell_index(window, row, "rate").data() == "25 mcg/h"


@pytest.mark.parametrize(
    ("field", "before", "typed", "read"),
    [
        ("dose", "500 mcg", "10", "10 mg"),  # morphine: a bare dose is in mg, as in a new cell
        ("daily_dose", "1 g/day", "60", "60 mg/day"),
    ],
)
def test_a_bare_number_over_a_dose_takes_the_unit_of_an_empty_cell(  # type: ignore[no-untyped-def]
    case_window, field: str, before: str, typed: str, read: str
) -> None:
    window = shown(case_window)
    row = add_row_of(window, drug="morphine", route="oral", form="IR")
    if field == "dose":
        type_in_cell(window, row, "frequency", "q4h")
    type_in_cell(window, row, field, before)
    assert cell_index(window, row, field).data(ERROR_ROLE) is None, before
    type_in_cell(window, row, field, typed)
    assert cell_index(window, row, field).data(ERROR_ROLE) is None
    assert cell_index(window, row, field).data() == read


_UNITS = ("mg/h", "mg/day", "mg/24 h", "mcg/h", "mg", "mcg", "mg/mL")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(_UNITS),
    st.sampled_from(("", *_UNITS)),
    st.sampled_from(("10", "2.5", "40")),
    st.sampled_from(("30", "0.5", "45")),
)
def test_a_bare_number_typed_over_any_amount_takes_the_empty_cells_unit(  # type: ignore[no-untyped-def]
    qtbot, before: str, default: str, shown_number: str, typed: str
) -> None:
    """The class, on the editor every amount cell opens: whatever amount it opened on, a number
    typed over it reads as in an empty cell, in the default unit (none: sent bare, so the core
    refuses it where a rate needs one), never the unit the cell held."""
    units = tuple(u for u in _UNITS if u != "mg/24 h")
    editor = QuantityEditor(units, default)
    qtbot.addWidget(editor)
    editor.set_text(f"{shown_number} {before}")
    assert editor.text() == f"{shown_number} {before}"  # opened as it reads
    editor.number.selectAll()
    QTest.keyClicks(editor.number, typed)
    assert editor.text() == f"{typed} {default}".strip()
