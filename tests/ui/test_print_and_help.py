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
from ui.check_print_actions import check_content, export_check_pdf
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


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_every_printed_page_names_the_patient_and_the_document(case_window, tmp_path: Path) -> None:
    """Clinician review 2, H3: pages 2 and 3 of a printed plan carried no patient, and the last
    page held the signature block alone, so a loose signed page could not be tied to its order.
    Every page of the plan and of the check names the patient and what the document is."""
    from dataclasses import replace

    from ui.check.check_pdf import write_check_pdf
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    window = case_window
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    assert window.planner.plan is not None
    content = plan_content(window)
    document = content.document
    named = document.model_copy(
        update={"patient": document.patient.model_copy(update={"identifier": "MRN-4242"})}
    )
    plan_pdf = tmp_path / "plan.pdf"
    write_plan_pdf(plan_pdf, replace(content, document=named))
    _checked_window(window)
    check = replace(check_content(window), patient=named.patient)
    check_pdf = tmp_path / "check.pdf"
    write_check_pdf(check_pdf, check)
    for path, what in ((plan_pdf, "switching plan"), (check_pdf, "pharmacist check")):
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        pages = [page for page in text.split("\f") if page.strip()]
        assert len(pages) >= (2 if what == "switching plan" else 1)
        for number, page in enumerate(pages, start=1):
            flat = " ".join(page.split())
            assert "MRN-4242" in flat and what in flat, (path.name, number, flat[-300:])
