"""Clinician re-check 20c, L2: after Apply of the syringe-driver plan from a patch and
oxycodone, the Rate typed over as 40 mg/24h, Export plan as PDF printed "40 mg/day continuous"
and nothing else (no schedule, no depot caution, not the Note's "Dose changed after Apply"): the
signed page ordered 40 mg/24 h from the moment the patch comes off. The edited row keeps the
dose the plan applied as typed data (``RegimenItem.changed_from_plan``), and the printed row
says the dose was changed after the plan and has no plan timing (make a new plan for it); so
does a check of it (``order_line``). Ctrl+Z gives the applied row back, printed as Apply wrote
it. Real keys: the planner's, the Rate typed over and Return, Ctrl+Z."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.orders import order_line
from mps_pain.presentation.staged_words import changed_words
from tests.ui.conftest import shown
from tests.ui.keyboard import press, type_in_cell
from tests.ui.test_applied_dose_edited_after_apply import _row
from tests.ui.test_applied_first_part_printed import _page_one
from tests.ui.test_applied_rows_say_when_they_start import OXY_ER, OXY_PRN, PATCH, _plan_and_apply

CTRL = Qt.KeyboardModifier.ControlModifier
NO_TIMING = "no plan timing for this dose; make a new plan for it"
SC_BY_HAND = {"drug": "morphine", "route": "sc", "form": "injection", "rate": "30 mg/24h"}


@pytest.mark.parametrize("route", ["sc", "iv"])
def test_the_page_printed_after_the_edit_says_the_dose_has_no_plan_timing(
    make_window, tables, route: str
) -> None:
    window = shown(make_window(tables))
    _plan_and_apply(window, route, [PATCH, OXY_ER, OXY_PRN])
    row = _row(window, route)
    applied = str(window.session.state.rows[row].raw.get("rate"))
    assert NO_TIMING not in _page_one(window)
    window.editor.view.setFocus()
    type_in_cell(window, row, "rate", "40 mg/24h")
    item = window.session.state.rows[row].item
    assert item is not None and item.changed_from_plan == applied and item.first_part is None
    said = _page_one(window)
    assert f"40 mg/day continuous {changed_words(applied)}" in said, said
    assert "after patch removal" not in said  # the plan's first part is not this dose's
    assert order_line(item).endswith(changed_words(applied))  # a check of it says so too
    press((Qt.Key.Key_Z, CTRL))
    QApplication.processEvents()
    again = window.session.state.rows[row].item
    assert again is not None and again.changed_from_plan is None
    assert again.first_part is not None
    assert NO_TIMING not in _page_one(window) and "after patch removal" in _page_one(window)


def test_an_applied_row_not_staged_says_it_too_once_edited(make_window, tables) -> None:
    window = shown(make_window(tables))
    _plan_and_apply(window, "sc", [OXY_ER, OXY_PRN])  # not staged: its rows as Apply wrote them
    row = _row(window, "sc")
    window.editor.view.setFocus()
    type_in_cell(window, row, "rate", "40 mg/24h")
    assert NO_TIMING in _page_one(window)  # its plan's timed steps are not this dose's either
    press((Qt.Key.Key_Z, CTRL))
    QApplication.processEvents()
    assert NO_TIMING not in _page_one(window)


def test_a_row_typed_by_hand_never_says_it(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    typed = {**SC_BY_HAND, "note": "pump in the left arm"}
    window.session.replace_document(
        RegimenDocument.model_validate({"table": "uk-palliative", "items": [typed]})
    )
    QApplication.processEvents()
    window.editor.view.setFocus()
    type_in_cell(window, 0, "rate", "40 mg/24h")
    item = window.session.state.rows[0].item
    assert item is not None and item.changed_from_plan is None
    assert NO_TIMING not in _page_one(window)


def test_another_drug_typed_over_an_applied_row_drops_the_plans_data(make_window, tables) -> None:
    """Another drug is another order (review 8 #7 drops the old drug's Note): neither the plan's
    first part nor its dose stays on the row."""
    window = shown(make_window(tables))
    _plan_and_apply(window, "sc", [PATCH, OXY_ER, OXY_PRN])
    row = _row(window, "sc")
    window.editor.view.setFocus()
    assert window.session.state.rows[row].raw.get("first_part")
    type_in_cell(window, row, "drug", "oxycodone")
    raw = window.session.state.rows[row].raw
    assert raw.get("drug") == "oxycodone" and not raw.get("first_part"), raw
    press((Qt.Key.Key_Z, CTRL))
    QApplication.processEvents()
    type_in_cell(window, row, "rate", "40 mg/24h")
    assert window.session.state.rows[row].raw.get("changed_from_plan")
    type_in_cell(window, row, "drug", "oxycodone")
    raw = window.session.state.rows[row].raw
    assert raw.get("drug") == "oxycodone" and not raw.get("changed_from_plan"), raw
