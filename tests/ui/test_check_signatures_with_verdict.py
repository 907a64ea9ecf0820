"""The signed page of a pharmacist check always says what is signed (clinician review 6, #5):
a long current regimen pushed the signature block alone onto page 2, apart from the patient,
the proposed order and the verdict it approves."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

from mps_pain.presentation.check import check_view
from mps_pain.presentation.orders import order_lines
from tests.ui.test_print_and_help import _checked_window as checked_window
from ui.check.check_pdf import write_check_pdf
from ui.check_print_actions import check_content


def _pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def test_the_signatures_page_names_the_patient_order_and_verdict(
    case_window: Any, tmp_path: Path
) -> None:
    window = checked_window(case_window)  # morphine oral 30 mg q4h proposed
    content = check_content(window)
    assert content is not None
    verdict = check_view(content.result).verdict_label
    split = None
    for copies in range(1, 12):  # a longer current regimen until the signatures start a page
        longer = replace(content, current=list(content.current) * copies)
        path = tmp_path / f"check-{copies}.pdf"
        write_check_pdf(path, longer)
        pages = _pages(path)
        signed = next(i for i, page in enumerate(pages) if "Signature:" in page)
        if signed > 0 and "Signatures" not in pages[signed - 1]:
            split = pages[signed]
            break
    assert split is not None, "the signatures never started a page"
    after = split.split("Signatures", 1)[1]
    assert "Patient: Takamatsu 2018 case 1" in after, after
    assert f"Verdict: {verdict}" in after, after
    assert "Proposed order:" in after
    assert all(" ".join(line.split()) in after for line in order_lines(content.proposed))
