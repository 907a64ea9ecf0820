"""A warning's words name the row the table shows (clinician review 7, #2): with a refused row
above it, the as-needed line read "Row 2: as-needed Oxycodone — none taken in 24 h" while its Row
column said 3 (the engine numbers only the rows it was given). One numbering, from one source:
the editor's row of the warning's item, said in the text and in the Row column alike."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from tests.ui.keyboard import cell_index, type_in_cell
from ui.models.warnings_model import ROW_ROLE

_ROW_WORDS = re.compile(r"\b[Rr]ows? (\d+)")


def _with_patch_below_row_1(window) -> int:
    """Row 2 (index 1) becomes a fentanyl patch; the as-needed oxycodone moves to row 3."""
    window.editor.select_row(0)
    window.editor.add_row()
    model = window.editor.model
    model.setData(cell_index(window, 1, "drug"), "fentanyl")
    model.setData(cell_index(window, 1, "route"), "transdermal")
    return 1


def _row_warnings(window) -> list[tuple[str, int]]:
    model = window.warnings_panel.model
    shown = []
    for r in range(model.rowCount()):
        row = model.index(r, 0).data(ROW_ROLE)
        text = model.index(r, 1).data(Qt.ItemDataRole.DisplayRole)
        if row is not None:
            shown.append((str(text), int(row)))
    return shown


def _assert_text_names_its_row(window) -> None:
    shown = _row_warnings(window)
    assert any("none taken in 24 h" in text for text, _ in shown), shown
    for text, row in shown:
        named = _ROW_WORDS.findall(text)
        if named and not text.startswith("Rows"):
            assert int(named[0]) == row + 1, (text, row + 1)
    none_taken = next(
        (text, row) for text, row in shown if "as-needed oxycodone — none taken" in text
    )
    assert none_taken == (none_taken[0], 2) and none_taken[0].startswith("Row 3:"), none_taken


def test_a_refused_rate_above_does_not_shift_the_row_named(case_window) -> None:
    window = case_window
    patch = _with_patch_below_row_1(window)
    type_in_cell(window, patch, "rate", "25 mcg")  # refused: mcg is not a rate
    assert window.editor.model.index(patch, 0).isValid()
    assert window.session.state.rows[patch].error is not None
    _assert_text_names_its_row(window)


def test_the_same_row_is_named_once_the_rate_is_accepted(case_window) -> None:
    window = case_window
    patch = _with_patch_below_row_1(window)
    type_in_cell(window, patch, "rate", "250")  # accepted, with the extra-zero danger
    assert window.session.state.rows[patch].error is None
    _assert_text_names_its_row(window)
