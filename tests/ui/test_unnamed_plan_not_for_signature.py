"""Clinician review 15, #14: a plan could be printed with signature lines under the title
"Opioid plan — patient not named" and "Patient: —". A hospital signs an order only for an
identified patient: a printed plan that names no patient carries no signature lines; it says
"PATIENT NOT NAMED — NOT FOR SIGNATURE" in its title (or under an example's own title) and in
the place of the signatures, with what to do to have them (docs/gui.md, "Printing")."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from typing import Any

from tests.ui.keyboard import type_in_cell
from ui.printing.plan_pdf import plan_html, write_plan_pdf
from ui.printing_actions import plan_content

NOT_FOR_SIGNATURE = "PATIENT NOT NAMED — NOT FOR SIGNATURE"
SIGNATURE_LINE = "Signature: ____"


def _unnamed(content: Any) -> Any:
    document = content.document
    patient = document.patient.model_copy(update={"identifier": None})
    return dataclasses.replace(content, document=document.model_copy(update={"patient": patient}))


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def test_a_plan_naming_no_patient_has_no_signature_lines(case_window: Any, tmp_path: Path) -> None:
    window = case_window
    type_in_cell(window, 0, "daily_dose", "80")  # edited: the plan gets the neutral title
    content = _unnamed(plan_content(window))
    html = plan_html(content)
    assert SIGNATURE_LINE not in html and "Checking pharmacist" not in html
    assert "Patient:</b> not named" in html
    pdf = tmp_path / "plan.pdf"
    write_plan_pdf(pdf, content)
    text = _pdf_text(pdf)
    assert text.startswith(f"Opioid plan — {NOT_FOR_SIGNATURE} — "), text[:120]
    pages = text.count("Page ")
    # the title, the signatures' place, and every page's identity line (a loose page)
    assert text.count(NOT_FOR_SIGNATURE) >= 2 + pages, text[-400:]
    assert "type the patient's name or ID in the Patient" in text  # "field": a ligature


def test_an_examples_title_keeps_its_words_and_is_marked_too(case_window: Any) -> None:
    content = _unnamed(plan_content(case_window))  # unedited: the example's own title
    html = plan_html(content)
    assert content.document.title in html
    assert html.count(NOT_FOR_SIGNATURE) >= 2 and SIGNATURE_LINE not in html


def test_a_named_patients_plan_keeps_its_signature_lines(case_window: Any) -> None:
    html = plan_html(plan_content(case_window))
    assert html.count(SIGNATURE_LINE) == 2 and "Checking pharmacist" in html
    assert NOT_FOR_SIGNATURE not in html and "Patient:</b> Takamatsu 2018 case 1" in html


def _checked_content(window: Any) -> Any:
    from mps_pain.domain.regimen import RegimenDocument
    from ui.check_print_actions import check_content

    window.tabs.setCurrentIndex(2)
    proposal = {"items": [{"drug": "morphine", "route": "oral", "form": "ER",
                           "dose": "30 mg", "frequency": "q12h"}]}  # fmt: skip
    window.check.proposal.replace_document(RegimenDocument.model_validate(proposal))
    window.check.run_check()
    assert window.check.result is not None, window.check.error
    content = check_content(window)
    assert content is not None
    return content


def test_a_check_naming_no_patient_has_no_signature_lines(case_window: Any) -> None:
    """The check's PDF follows the plan's rule (s15-d left it printing signature lines for an
    unnamed patient): one signatures rule for every printed document."""
    from ui.check.check_pdf import check_html

    content = _checked_content(case_window)
    named = check_html(content)
    assert named.count(SIGNATURE_LINE) == 2 and NOT_FOR_SIGNATURE not in named
    patient = content.patient.model_copy(update={"identifier": None})
    html = check_html(dataclasses.replace(content, patient=patient))
    assert SIGNATURE_LINE not in html and "Checking pharmacist" not in html
    assert NOT_FOR_SIGNATURE in html
