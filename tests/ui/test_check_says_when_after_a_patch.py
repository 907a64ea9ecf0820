"""Clinician review 18 #1 (high), the app and the printed check: "stop a fentanyl patch and
oxycodone ER, start morphine SC 2.5 mg/h" read WITHIN, and neither the panel nor the check PDF
named the skin depot (`pdftotext check1.pdf | grep -ci depot`: 0). The check's caution says when
the new opioid's share for the patch may start; the panel and the PDF read it from the one
warning list (``check_view``). The order is typed with real keys, as the clinician typed it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard, press
from ui.check.check_pdf import check_html
from ui.check_print_actions import check_content

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
ROW = ("morphine", Qt.Key.Key_Tab, "sc", Qt.Key.Key_Tab, "injection", Qt.Key.Key_Tab)
ROW += (Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab, "2.5 mg/h", Qt.Key.Key_Tab)
CURRENT = {
    "table": "uk-palliative",
    "items": [
        {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
        {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"},
        {
            "drug": "oxycodone",
            "route": "oral",
            "form": "ir",
            "prn": True,
            "dose": "10 mg",
            "doses_per_day": 3,
        },
    ],
}


def test_the_panel_and_the_printed_check_say_when_to_start(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate(CURRENT))
    window.activateWindow()
    QApplication.processEvents()
    press((Qt.Key.Key_3, CTRL))  # the Pharmacist check tab
    check = window.check
    check.proposed_editor.view.setFocus(Qt.FocusReason.MouseFocusReason)  # the click
    QApplication.processEvents()
    press((Qt.Key.Key_Return, CTRL))  # the empty order's first row
    for key in ROW:
        for one in [key] if isinstance(key, Qt.Key) else list(key):
            keyboard(one)
    press((Qt.Key.Key_Return, CTRL))  # check
    assert check.result is not None, check.error
    assert check.result.verdict == "within"
    listed = " ".join(check.reasons.item(i).text() for i in range(check.reasons.count()))
    assert "17 h after removal" in listed and "skin depot" in listed, listed
    content = check_content(window)
    assert content is not None
    printed = check_html(content)
    assert "17 h after removal" in printed and "skin depot" in printed
