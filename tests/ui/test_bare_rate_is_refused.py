"""Clinician review 19, H2: "20" typed in the Rate of an SC morphine row was read as 20 mg/h
(the unit list's first unit), 960 OME a day with no warning, while the app itself writes a
syringe driver per 24 h in that column. A bare number in a rate is per hour or per 24 hours,
24-fold apart: it is refused, naming both units, by the one rule the command line meets too
(``mps_pain.domain.bare_rate``). A patch's rate keeps its one unit (mcg/h). Real keys."""

from __future__ import annotations

import pytest

from tests.cli_runner import run_document
from tests.ui.conftest import shown
from tests.ui.keyboard import add_patch_row, cell_index, type_in_cell
from tests.ui.vocabulary import developer_words
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _sc_morphine_row(window) -> int:  # type: ignore[no-untyped-def]
    model = window.editor.model
    row = model.rowCount()
    window.editor.select_row(row - 1)
    window.editor.add_row()
    for field, value in (("drug", "morphine"), ("route", "sc"), ("form", "injection")):
        model.setData(cell_index(window, row, field), value)
    return row


@pytest.mark.parametrize("route", ["sc", "iv"])
def test_a_bare_number_in_an_infusion_rate_is_refused_naming_both_units(
    case_window, route: str
) -> None:
    window = shown(case_window)
    row = _sc_morphine_row(window)
    window.editor.model.setData(cell_index(window, row, "route"), route)
    type_in_cell(window, row, "rate", "20")
    said = cell_index(window, row, "rate").data(ERROR_ROLE)
    assert said is not None, cell_index(window, row, "rate").data()
    assert "“20” has no unit" in said and "mg/h" in said and "mg/24 h" in said, said
    assert not developer_words([said])
    assert cell_index(window, row, "mme").data() == "excluded"  # never 960 OME/day


@pytest.mark.parametrize(("typed", "read"), [("20 mg/24 h", "20 mg/day"), ("20 mg/h", "20 mg/h")])
def test_a_rate_with_its_unit_is_read_as_typed(case_window, typed: str, read: str) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    row = _sc_morphine_row(window)
    type_in_cell(window, row, "rate", typed)
    assert cell_index(window, row, "rate").data(ERROR_ROLE) is None
    assert cell_index(window, row, "rate").data() == read


def test_a_patch_rate_keeps_its_one_unit(case_window) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    row = add_patch_row(window)
    type_in_cell(window, row, "rate", "25")
    assert cell_index(window, row, "rate").data(ERROR_ROLE) is None
    assert cell_index(window, row, "rate").data() == "25 mcg/h"


@pytest.mark.parametrize("rate", [20, "20", " 2.5 "])
def test_the_command_line_refuses_it_with_the_same_units(rate: object) -> None:
    item = {"drug": "morphine", "route": "sc", "form": "injection", "rate": rate}
    done = run_document("mme", {"items": [item]}, "--table", "uk-palliative")
    assert done.returncode != 0
    assert "has no unit" in done.stderr and "mg/h or mg/24 h" in done.stderr, done.stderr
