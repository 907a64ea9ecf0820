"""Clinician re-check 20b, N11: after Apply to a syringe driver from a patch and oxycodone, the
Rate edited to 40 mg/24h read "40 mg/day from 17 h after patch removal (22.5 mg/day until
then): see the Note", while the Note still ordered "set the infusion to the full dose: … 50 mg
over 24 h". Once an applied row's amount is changed, the cell gives the amount alone and the
Note starts by saying the plan's words are for the dose it applied, named; Ctrl+Z gives the row
back as Apply wrote it. Real keys: the Rate typed over, Return, Ctrl+Z."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.presentation.changed_after_apply import (
    AMOUNT_FIELDS,
    CHANGED,
    note_after_amount_edit,
)
from mps_pain.presentation.staged_cell import STAGED, staged_cell, staged_printed
from tests.ui.conftest import shown
from tests.ui.keyboard import press, type_in_cell
from tests.ui.test_applied_first_part_at_a_glance import _cell
from tests.ui.test_applied_rows_say_when_they_start import OXY_ER, OXY_PRN, PATCH, _plan_and_apply

CTRL = Qt.KeyboardModifier.ControlModifier


def _row(window, route: str) -> int:  # type: ignore[no-untyped-def]
    state = window.session.state
    index = next(k for k, i in enumerate(state.document.items) if i.route == route and not i.prn)
    return int(state.row_of_item(index))


@pytest.mark.parametrize("typed", ["40 mg/24h", "20 mg/h"])
def test_an_edited_rate_drops_the_staged_words_and_marks_the_note(
    make_window, tables, typed: str
) -> None:
    window = shown(make_window(tables))
    _plan_and_apply(window, "sc", [PATCH, OXY_ER, OXY_PRN])
    row = _row(window, "sc")
    applied_rate = str(window.session.state.rows[row].raw.get("rate"))
    applied_note = _cell(window, "sc", "note")
    assert applied_note.startswith(STAGED)
    window.editor.view.setFocus()
    type_in_cell(window, row, "rate", typed)
    rate, note = _cell(window, "sc", "rate"), _cell(window, "sc", "note")
    assert "until then" not in rate and "see the Note" not in rate, rate
    assert note.startswith(f"{CHANGED} (the plan applied {applied_rate}): "), note
    assert not note.startswith(STAGED)
    plan_words = applied_note[applied_note.index("; ") + 2 :]
    assert note.endswith(plan_words)  # the plan's words stay, said to be for that dose
    press((Qt.Key.Key_Z, CTRL))
    QApplication.processEvents()
    assert _cell(window, "sc", "note") == applied_note
    assert "until then): see the Note" in _cell(window, "sc", "rate")


def test_a_note_the_clinician_wrote_is_theirs() -> None:
    raw = {"rate": "50 mg/24h", "note": "pump in the left arm"}
    assert note_after_amount_edit(raw, "rate", "40 mg/24h") is None


_APPLIED_NOTE = (
    f"{STAGED}from 17 h after patch removal (22.5 mg/day until then); from the switching plan "
    "under UK palliative care ratios; the plan's timed steps (Export plan as PDF prints them "
    "with their sources): 17 h: set the infusion to the full dose: 50 mg over 24 h"
)


@given(
    st.sampled_from(AMOUNT_FIELDS),
    st.text(alphabet="0123456789 mg/hbidt.", min_size=1, max_size=12),
)
def test_no_changed_amount_keeps_the_staged_words_or_an_unmarked_plan_note(
    name: str, typed: str
) -> None:
    """Any amount changed on an applied row: the cell and the printed row give the amount
    alone, and the Note says whose dose its plan words are; the same amount again: no change."""
    raw = {
        "dose": "",
        "frequency": "",
        "rate": "50 mg/24h",
        "daily_dose": "",
        "note": _APPLIED_NOTE,
    }
    note = note_after_amount_edit(raw, name, typed)
    if typed.strip() == str(raw[name]).strip():
        assert note is None
        return
    assert note is not None and note.startswith(f"{CHANGED} (the plan applied 50 mg/24h)")
    assert staged_cell("rate", typed, note) == typed
    assert staged_printed(typed, note) == typed
    again = {**raw, name: typed, "note": note}
    assert note_after_amount_edit(again, name, "7 mg/h") is None  # marked once, named once
