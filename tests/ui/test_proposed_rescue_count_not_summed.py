"""Clinician review 16, #2 (high): the Check tab's proposed as-needed row is an order, not an
intake. With morphine MR 30 mg q12h + IR 10 mg as needed × 2 (80 mg/day OME), "Start from the
current regimen" (Alt+U) carried the count 2 into the proposal; changed to oxycodone MR 20 mg
q12h (a correct 25% cut) + oxycodone IR 5 mg as needed, the check summed the count and read
ABOVE ("no reduction"), with 4 it read DANGER, and an emptied Taken/24 h was refused "Enter the
Taken/24 h, e.g. 4". The count is now the use expected, never summed (the check's rule), and an
empty Taken/24 h on a proposed as-needed row is the order as written. Real window, QTest keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
CURRENT = {
    "items": [
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
         "doses_per_day": 2},
    ]
}  # fmt: skip


def _key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def _type(text: str) -> None:
    for char in text:
        target = QApplication.focusWidget()
        assert target is not None
        QTest.keyClicks(target, char)
        QApplication.processEvents()


def _go(check: Any, row: int, field: str) -> None:
    """The arrow keys to the proposed order's cell (after a click into the table, as the
    clinician did once the check had moved the focus to its reasons)."""
    view, model = check.proposed_editor.view, check.proposed_editor.model
    if QApplication.focusWidget() is not view:
        view.setFocus(Qt.FocusReason.MouseFocusReason)
        QApplication.processEvents()
    column = model.column_of(field)
    for _ in range(20):
        here = view.currentIndex()
        if (here.row(), here.column()) == (row, column):
            return
        if here.row() != row:
            _key(Qt.Key.Key_Down if here.row() < row else Qt.Key.Key_Up)
        else:
            _key(Qt.Key.Key_Right if here.column() < column else Qt.Key.Key_Left)
    raise AssertionError(f"could not reach row {row}, {field}")


def _cell(check: Any, row: int, field: str, text: str) -> None:
    _go(check, row, field)
    _type(text)
    _key(Qt.Key.Key_Return)


def _proposal(make_window: Any, tables: Any, tmp_path: Path, qtbot: Any) -> Any:
    """Ctrl+3, Alt+U, then the clinician's edits of both rows."""
    path = tmp_path / "current.json"
    path.write_text(json.dumps(CURRENT))
    window = shown(make_window(tables, path))
    _key(Qt.Key.Key_3, CTRL)
    check = window.check
    _key(Qt.Key.Key_U, ALT)  # Start from the current regimen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    rows = check.proposal.state.rows
    assert str(rows[1].raw.get("doses_per_day")) == "2"  # the copy keeps the count (harmless)
    for row, dose in ((0, "20"), (1, "5")):
        _cell(check, row, "drug", "oxycodone")
        _cell(check, row, "dose", dose)
    _key(Qt.Key.Key_Return, CTRL)  # check now
    return check


def _verdict(check: Any) -> tuple[str, float | None]:
    assert check.result is not None, check.error
    return check.result.verdict, check.result.proposed_ome_per_day


def test_the_carried_count_is_not_summed(make_window, tables, tmp_path, qtbot) -> None:
    check = _proposal(make_window, tables, tmp_path, qtbot)
    items = check.proposal.state.document.items
    assert [(i.drug, i.dose.value if i.dose else None) for i in items] == [
        ("oxycodone", 20), ("oxycodone", 5)
    ]  # fmt: skip
    assert _verdict(check) == ("within", 60)  # was: ABOVE, 75 mg/day OME
    assert check.result.proposed_rescues == (1,)
    assert "about 2 doses a day expected" in check.orders.text(), check.orders.text()


@pytest.mark.parametrize("taken", ["", "4", "not reported"])
def test_any_taken_reads_as_the_order(make_window, tables, tmp_path, qtbot, taken) -> None:
    """The Taken/24 h emptied (Delete), 4 (as the old refusal suggested) or "not reported": the
    same verdict and amount, and no row refused."""
    check = _proposal(make_window, tables, tmp_path, qtbot)
    _go(check, 1, "doses_per_day")
    if taken:
        _cell(check, 1, "doses_per_day", taken)
    else:
        _key(Qt.Key.Key_Delete)  # empties the cell
    _key(Qt.Key.Key_Return, CTRL)
    state = check.proposal.state
    assert str(state.rows[1].raw.get("doses_per_day") or "") == taken
    assert state.invalid_rows() == [], state.invalid_rows()  # was: "Enter the Taken/24 h, e.g. 4"
    assert _verdict(check) == ("within", 60), check.result.reasons if check.result else check.error
    assert check.result is not None and check.result.proposed_rescues == (1,)
    assert check.proposed_editor.model.cell_error(1, "doses_per_day") is None


def test_an_as_needed_only_proposal_still_needs_its_count(
    make_window, tables, tmp_path, qtbot
) -> None:
    """With no regular opioid the as-needed doses are the intake: an empty Taken/24 h leaves
    the check without a verdict, saying what to enter."""
    check = _proposal(make_window, tables, tmp_path, qtbot)
    _go(check, 1, "doses_per_day")
    _key(Qt.Key.Key_Delete)
    _go(check, 0, "drug")
    _key(Qt.Key.Key_Delete, CTRL)  # Remove the regular row
    assert check.proposed_editor.model.rowCount() == 1
    _key(Qt.Key.Key_Return, CTRL)
    assert check.result is None and check.error, check.result
