"""The check's proposal editor draws a breakthrough order as the check reads it (lead's
screenshot, session 15): a proposed as-needed morphine line beside the regular morphine, its
doses a day "not reported" (the switching plan's own way of writing its breakthrough dose), is
accepted by the check as a rescue order (``CheckResult.proposed_rescues``, marked RESCUE_MARK),
yet the editor outlined its Taken/24 h in red and called the row "excluded", as if refused.
The editor's outline now comes from the check's own rule: an accepted rescue order is not drawn
refused; a line the check does not take as a rescue still is. Real window, QTest keys."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.orders import RESCUE_MARK
from tests.ui.conftest import shown
from tests.ui.keyboard import press, type_keys
from ui.editing import state_from_document
from ui.models.regimen_table_model import ERROR_ROLE, MME_COLUMN

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

REGULAR = {"drug": "morphine", "route": "oral", "form": "mr", "dose": "30 mg", "frequency": "q12h"}


def _proposal(window: Any, rescue_dose: str) -> Any:
    """Ctrl+3; the proposed order holds morphine MR 30 mg q12h and an as-needed morphine IR
    ``rescue_dose`` with 0 doses taken; then "not reported" is typed over the 0."""
    press((Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier))
    check = window.check
    rescue = {"drug": "morphine", "route": "oral", "form": "ir", "dose": rescue_dose}
    rescue |= {"prn": True, "doses_per_day": 0}
    document = RegimenDocument.model_validate({"items": [REGULAR, rescue]})
    check.proposal.push(state_from_document(document), "A proposed order")
    model = check.proposed_editor.model
    view = check.proposed_editor.view
    view.setFocus()
    view.setCurrentIndex(model.index(1, model.column_of("doses_per_day")))
    type_keys(view, "not reported")
    press(Qt.Key.Key_Return)
    check.check_now()
    QApplication.processEvents()
    assert check.proposal.state.rows[1].raw.get("doses_per_day") == "not reported"
    return check


def _drawn_refused(check: Any, row: int) -> list[str]:
    model = check.proposed_editor.model
    said = [f"{name}: {model.cell_error(row, name)}" for name in ("drug", "doses_per_day")]
    said = [s for s in said if not s.endswith(": None")]
    problem = model.index(row, MME_COLUMN).data(ERROR_ROLE)
    shown_mme = model.index(row, MME_COLUMN).data()
    return [*said, *([f"MME: {shown_mme} ({problem})"] if problem else [])]


def test_an_accepted_rescue_order_is_not_outlined_as_refused(case_window, qtbot) -> None:
    window = shown(case_window)
    check = _proposal(window, "5 mg")
    assert check.result is not None and check.result.proposed_rescues == (1,)
    assert _drawn_refused(check, 1) == []
    mme = check.proposed_editor.model.index(1, MME_COLUMN)
    assert "breakthrough" in mme.data().lower(), mme.data()
    tip = mme.data(Qt.ItemDataRole.ToolTipRole)
    assert RESCUE_MARK in tip.lower(), tip  # the check's own words


def test_a_line_the_check_does_not_take_as_a_rescue_is_still_outlined(case_window, qtbot) -> None:
    """30 mg as needed beside 60 mg/day is above the sourced 1/6: the check refuses its missing
    count, and the editor says so as before."""
    window = shown(case_window)
    check = _proposal(window, "30 mg")
    assert check.result is None or check.result.proposed_rescues == ()
    assert _drawn_refused(check, 1) != []
