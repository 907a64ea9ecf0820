"""Clinician re-check 17b, #9 (low): "No check to print: open Pharmacist check (Ctrl+3) and
enter the proposed order" stayed in the status bar under a DANGER verdict, once the order had
been entered. The message goes as soon as the check gives a verdict (a message about something
else stays). Real window: Ctrl+P-less, File → Export check is its action; QTest keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_no_check_message_goes_with_the_verdict(case_window, qtbot) -> None:
    from ui.check_print_actions import NO_CHECK, check_content

    window = shown(case_window)
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    assert check_content(window) is None  # nothing checked yet: said in the status bar
    assert window.statusBar().currentMessage().startswith(NO_CHECK)
    press((Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier))  # Start from the current regimen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    press((Qt.Key.Key_Return, CTRL))  # the verdict
    assert check.result is not None
    assert not window.statusBar().currentMessage().startswith(NO_CHECK)


def test_another_message_stays(case_window, qtbot) -> None:
    window = shown(case_window)
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    window.statusBar().showMessage("Saved to MRN-1801.", 15000)
    press((Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    press((Qt.Key.Key_Return, CTRL))
    assert window.statusBar().currentMessage() == "Saved to MRN-1801."
