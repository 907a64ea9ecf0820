"""The check, the plan (screen and PDF) and the status bar speak a clinician's language (second
clinician review, M4). The test failed on main before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import shown

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


KODAMA_1 = "kodama-2024-case-1/step-1-oxycodone-up-to-100mg.yaml"


def _pdf_words(path: Path) -> str:
    import subprocess

    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(done.stdout.split())


@pytest.mark.skipif(
    __import__("shutil").which("pdftotext") is None, reason="needs poppler-utils (pdftotext)"
)
def test_m4_check_plan_and_status_bar_speak_a_clinicians_language(
    make_window, tables, tmp_path: Path
) -> None:
    """Before: "under table uk-palliative, v2026.11.0", "(clinical-sources §3(d))" in the
    check (screen and PDF), "table default" as the check's set, "Opened step-1-….yaml" in the
    status bar, "[instruction truncated; the reviewed sources]" and "no market given" in the
    plan PDF."""
    from tests.ui.vocabulary import developer_words, shown_texts
    from ui.check.check_pdf import write_check_pdf
    from ui.check_print_actions import check_content
    from ui.examples import examples_dir
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    window = shown(make_window(tables, examples_dir() / KODAMA_1))  # active: Ctrl+3 reaches it
    status = window.statusBar().currentMessage()
    assert "Kodama" in status, status
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    check = window.check
    check.proposal.replace_document(
        check.proposal.state.document.model_validate(
            {
                "items": [
                    {"drug": "morphine", "route": "oral", "dose": "100 mg", "frequency": "q12h"}
                ]
            }
        )
    )
    check.run_check()
    assert check.result is not None and check.result.verdict == "above"
    texts = [status, *shown_texts(window)]
    check_pdf = tmp_path / "check.pdf"
    write_check_pdf(check_pdf, check_content(window))
    texts.append(_pdf_words(check_pdf))
    document = window.session.state.document
    patch = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
    window.session.replace_document(
        document.model_validate(
            {
                **document.model_dump(mode="json", exclude_none=True),
                "items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}, patch],
            }
        )
    )  # the reviewer's regimen: oxycodone 60 mg/day and a fentanyl 25 mcg/h patch
    window.tabs.setCurrentIndex(1)
    # from oxycodone and a fentanyl patch: the schedule cites when the patch is removed
    window.planner.set_target("morphine", "oral", frequency="q12h", table="uk-palliative")
    assert window.planner.plan is not None
    plan_pdf = tmp_path / "plan.pdf"
    write_plan_pdf(plan_pdf, plan_content(window))
    texts.append(_pdf_words(plan_pdf))
    found = developer_words(texts)
    assert not found, found
