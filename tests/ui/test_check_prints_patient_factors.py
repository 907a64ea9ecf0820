"""Clinician re-check 12b, #6: the check PDF had no patient age nor any other patient factor the
check used; the header showed Age 31 and Cancer/palliative "yes", the printed check only the
patient's name. The factors the check used (from its typed request) are now on screen and in the
PDF alike, a factor left empty as "not stated". The QTc is typed with real keys (QTest)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press
from ui.check_print_actions import check_content, export_check_pdf

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier
FACTORS = (
    "Age 31 years",
    "Weight not stated",
    "eGFR not stated",
    "CrCl not stated",
    "QTc 480 ms",
    "Hepatic impairment not stated",
    "Cancer / palliative care yes",
)


def _checked(window, qtbot):
    qtc = window.patient_header.field_widget("qtc")
    qtc.setFocus()
    QApplication.processEvents()
    QTest.keyClicks(qtc, "480 ms")
    QTest.keyClick(qtc, Qt.Key.Key_Return)
    QApplication.processEvents()
    press((Qt.Key.Key_U, ALT))  # the check, started from the current regimen
    check = window.check
    assert check is not None
    qtbot.waitUntil(lambda: check.result is not None)
    return check


def test_the_check_on_screen_names_the_patient_factors_it_used(case_window, qtbot) -> None:
    window = shown(case_window)
    check = _checked(window, qtbot)
    shown_text = " ".join(check.orders.text().split())
    for factor in FACTORS:
        assert factor in shown_text, (factor, shown_text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_printed_check_names_the_patient_factors_it_used(
    case_window, qtbot, tmp_path: Path
) -> None:
    window = shown(case_window)
    _checked(window, qtbot)
    assert check_content(window) is not None
    path = export_check_pdf(window, "A4", tmp_path / "check.pdf")
    assert path is not None
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    text = " ".join(done.stdout.split())
    printed = text[: text.index("Verdict")]  # with the patient, before the verdict
    for factor in FACTORS:
        assert factor in printed, (factor, printed)
