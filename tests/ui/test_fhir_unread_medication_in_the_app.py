"""Fuzz review 18, D1 in the app: File → Import from FHIR… of a bundle holding the fentanyl
patch as a `MedicationDispense` (a resource the reader does not read) loaded the oxycodone
rescue alone, and the total (22.5 MME/day under CDC 2022) read as complete.

The app imports what it reads, as before, and each resource not read that may hold a medication
(``coverage.left_out``, the CLI's rule) becomes a row of the regimen that could not be read: the
total reads INCOMPLETE and names it, the planner and the check refuse to go on without it, until
the pharmacist enters what it holds in that row or deletes the row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from mps_pain.errors import InputError
from ui.patient_editing import refuse_unread

FUZZ18 = Path(__file__).parents[1] / "fhir" / "fixtures" / "fuzz18"
DISPENSE = FUZZ18 / "fhir-patch-as-MedicationDispense-silently-left-out-of-mme.fhir.json"
LABEL = "MedicationDispense/patch-dispensed"


def _imported(make_window, tables, monkeypatch, path: Path):
    window = make_window(tables)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.menu_actions.by_name["import_fhir"].trigger()
    return window


def test_an_unread_dispense_is_a_row_left_out_and_the_total_incomplete(
    make_window, tables, monkeypatch
) -> None:
    window = _imported(make_window, tables, monkeypatch, DISPENSE)
    session = window.session
    rows = session.state.rows
    waiting = [r for r, row in enumerate(rows) if LABEL in str(row.raw.get("note", ""))]
    assert len(waiting) == 1, [row.raw for row in rows]
    assert rows[waiting[0]].item is None and rows[waiting[0]].error is not None
    assert LABEL in rows[waiting[0]].error.message
    assert session.total_is_incomplete()
    assert "(incomplete)" in window.results_panel.headline(True).text
    assert LABEL in window.results_panel.excluded_label.text()
    with pytest.raises(InputError, match="could not be read"):
        refuse_unread(session.state, "from", patient=False)
    dialog = window.findChild(QDialog, "fhir_report")
    assert dialog is not None
    assert LABEL in dialog.text.toPlainText()


def test_deleting_the_waiting_row_makes_the_total_complete_again(
    make_window, tables, monkeypatch
) -> None:
    """The pharmacist decides: the dispense is not a current medication, the row goes."""
    from ui.editing import with_row_removed

    window = _imported(make_window, tables, monkeypatch, DISPENSE)
    session = window.session
    row = next(r for r, e in enumerate(session.state.rows) if e.item is None)
    session.push(with_row_removed(session.state, row), "Delete row")
    assert not session.total_is_incomplete()
    assert session.result is not None and session.result.total_mme_per_day > 0
