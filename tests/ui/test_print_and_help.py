"""Print and help (issue 10 §6): the pharmacist check as a PDF (A4/Letter) with its verdict,
reasons, warnings, table version and hash and signature lines; headings kept with their text;
Help → User guide from the package; accessible names on inputs and buttons."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
)

from mps_pain.domain.regimen import RegimenDocument
from ui.check.check_pdf import check_html
from ui.check.check_print_actions import check_content, export_check_pdf
from ui.help.guide_window import UserGuide, guide_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _checked_window(case_window):
    window = case_window
    window.tabs.setCurrentIndex(2)
    check = window.check
    check.proposal.replace_document(
        RegimenDocument.model_validate(
            {"items": [{"drug": "morphine", "route": "oral", "dose": "30 mg", "frequency": "q4h"}]}
        )
    )
    check.table.setCurrentIndex(check.table.findData("uk-palliative"))
    check.run_check()
    assert check.result is not None, check.error
    return window


def test_check_html_has_verdict_reasons_warnings_table_and_signatures(case_window) -> None:
    window = _checked_window(case_window)
    content = check_content(window)
    assert content is not None
    html = check_html(content)
    result = window.check.result
    assert f"Verdict: {result.verdict.upper()}" in html
    assert all(reason.split(" ")[0] in html for reason in result.reasons)
    assert result.table.sha256 in html and result.table.version in html
    assert html.count("Signature: ") == 2
    # every heading sits in one table cell with the text after it (kept on one page)
    assert html.count("<h2>") == html.count("<td><h2>")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_check_prints_to_pdf(case_window, tmp_path: Path, page_size: str) -> None:
    window = _checked_window(case_window)
    path = export_check_pdf(window, page_size, tmp_path / f"check-{page_size}.pdf")
    assert path is not None and path.stat().st_size > 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Pharmacist check" in text and "Verdict:" in text
    assert window.check.result.table.sha256[:16] in text.replace("\n", "")
    assert "Checking pharmacist" in text and "Prescriber" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    expected = "(A4)" if page_size == "A4" else "(letter)"
    assert expected in info


def test_f1_opens_the_user_guide_from_the_package(case_window) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_F1)
    guide = window.user_guide
    assert isinstance(guide, UserGuide) and guide.isVisible()
    text = guide.browser.toPlainText()
    for words in (
        "Quick converter",
        "Reference sets",
        "OME",
        "MME",
        "oMEDD",
        "Cross-tolerance",
        "Breakthrough",
        "Keyboard shortcuts",
        "Ctrl+K",
        "Alt+Down",
    ):
        assert words in text, words
    assert guide_text().startswith("# MPS Pain")
    guide.close()


def test_every_input_and_button_has_an_accessible_name(case_window) -> None:
    window = case_window
    window.ensure_panels()
    missing = []
    for panel in (window, window.converter, window.check):
        widgets = [
            w for kind in (QLineEdit, QComboBox, QAbstractButton) for w in panel.findChildren(kind)
        ]
        for widget in widgets:
            if widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text()):
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
                continue  # an editable list's own line edit: the list carries the name
            if widget.objectName().startswith("qt_"):
                continue  # Qt's internal buttons (scroll areas, tab bars)
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} "
                f"in {type(widget.parent()).__name__}"
            )
    assert not missing, missing
