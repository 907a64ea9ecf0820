"""Clinician re-check 19b, R13: a plan PDF printed "Age 70" twice and the ketamine note three
times (the switch's warnings, then the current regimen's, each in full), and a page held a
single "Age 70" row; the pharmacist check PDF left two thirds of page 1 empty because its
Warnings were kept in one block and pushed whole to page 2. Each distinct warning is printed
once (the current regimen's list says the ones above are not repeated), and the check's
warnings flow on from page 1."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import press
from tests.ui.test_applied_plan_printed_is_verifiable import WARD, _apply

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
ALT = Qt.KeyboardModifier.AltModifier


def _warning_messages(html: str) -> list[str]:
    """The Message cell of every row of the printed warnings tables."""
    section = html[html.index("<h2>Warnings</h2>") :]
    rows = re.findall(r"<tr><td>(?:<b>)?[^<]*(?:</b>)?</td><td>([^<]*)</td>", section)
    return rows


@pytest.mark.parametrize("applied", [False, True])
def test_each_distinct_warning_is_printed_once(make_window, tables, applied: bool) -> None:
    from ui.printing.plan_pdf import SAID_ABOVE, plan_html
    from ui.printing_actions import plan_content

    window = shown(make_window(tables))
    window.ensure_panels()
    if applied:
        _apply(window, "morphine", "sc", continuous=True)
    else:
        window.session.replace_document(RegimenDocument.model_validate(WARD))
        window.show_tab(1)
        window.planner.set_target("morphine", "sc", continuous=True, table="uk-palliative")
        assert window.planner.plan is not None
    html = plan_html(plan_content(window))
    messages = _warning_messages(html)
    assert messages, html
    repeated = sorted({m for m in messages if messages.count(m) > 1})
    assert not repeated, repeated
    plain = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert plain.count("Age 70 (≥ 65)") == 1, plain
    if applied:  # the regimen is the plan's: its ketamine note names the same drugs
        assert plain.count("Ketamine with an opioid") == 1, plain
    assert SAID_ABOVE in plain


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_checks_warnings_start_on_its_first_page(make_window, tables, qtbot, tmp_path) -> None:
    from ui.check_print_actions import export_check_pdf

    window = shown(make_window(tables))
    liver = {**WARD, "patient": {**WARD["patient"], "hepatic_impairment": "moderate"}}
    window.session.replace_document(RegimenDocument.model_validate(liver))
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_U, ALT))  # the check, started from the current regimen
    check = window.check
    assert check is not None
    qtbot.waitUntil(lambda: check.result is not None)
    path = export_check_pdf(window, "A4", tmp_path / "check.pdf")
    assert path is not None
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    pages = done.stdout.split("\f")
    assert len(pages) > 2, pages  # the list runs past page 1: the case of the review
    first = pages[0]
    assert "\nWarnings\n" in first, first
    assert "CAUTION" in first.partition("\nWarnings\n")[2], first
