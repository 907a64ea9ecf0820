"""Review 5, item 6: the check's PDF worded the orders its own way (``_items`` in
ui/check/check_pdf.py: "oxycodone oral IR: 5 mg as needed, ? taken in 24 h"). The orders are
worded once, by the presentation layer (``mps_pain.presentation.orders.order_lines``): the
check panel (the proposed order; the current regimen is listed there with its MME arithmetic),
``mps-pain check`` and the PDF print the same lines."""

from __future__ import annotations

import json
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.orders import (
    CURRENT_ORDERS,
    PROPOSED_ORDERS,
    RESCUE_MARK,
    order_lines,
    proposed_order_lines,
)
from tests.cli_runner import run_cli
from ui.check.check_pdf import check_html, check_identity, write_check_pdf
from ui.check_print_actions import check_content
from ui.printing.pages import VERIFY_TEXT

PROPOSAL = {
    "items": [
        {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "dose": "5 mg",
         "prn": True, "doses_per_day": 3},
        {"drug": "acetaminophen", "route": "oral", "dose": "1 g", "frequency": "qid"},
    ]
}  # fmt: skip


def _panel_lines(text: str, heading: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(f"{heading}: "))
    return line.removeprefix(f"{heading}: ").split("; ")


def _cli_lines(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(f"{heading}:") + 1
    section = []
    for line in lines[start:]:
        if not line.startswith("  - "):
            break
        section.append(line.removeprefix("  - "))
    return section


def _pdf_lines(html: str, heading: str) -> list[str]:
    section = html[html.index(f"<h2>{heading}</h2>") :]
    section = section[: section.index("</ul>")]
    return [unescape(item.split("</li>")[0]) for item in section.split("<li>")[1:]]


@pytest.fixture
def checked(case_window):
    """Case 1 (oxycodone ER with IR rescues, adjuvants) checked against a patch proposal."""
    window = case_window
    window.tabs.setCurrentIndex(2)
    check = window.check
    check.proposal.replace_document(RegimenDocument.model_validate(PROPOSAL))
    check.run_check()
    assert check.result is not None, check.error
    return window


def test_the_panel_the_command_line_and_the_pdf_print_the_same_order_lines(
    checked, tmp_path: Path
) -> None:
    request = checked.check.build_request()
    current = order_lines(request.from_.items)
    proposed = proposed_order_lines(request.proposed.items, checked.check.result)
    assert "fentanyl transdermal patch 12 mcg/h" in proposed
    # a breakthrough order's count is the use expected, never summed (clinician review 16, #2)
    rescue = f"morphine oral IR 5 mg as needed, about 3 doses a day expected — {RESCUE_MARK}"
    assert rescue in proposed
    # the panel
    assert _panel_lines(checked.check.orders.text(), PROPOSED_ORDERS) == list(proposed)
    # the command line, on the same request as a document
    document = request.model_dump(mode="json", by_alias=True, exclude_none=True)
    done = run_cli("check", "-", stdin=json.dumps(document))
    assert done.returncode == 0, done.stderr
    assert _cli_lines(done.stdout, PROPOSED_ORDERS) == list(proposed)
    assert _cli_lines(done.stdout, CURRENT_ORDERS) == list(current)
    # the PDF's HTML: the same lines, each an item of its list
    content = check_content(checked)
    assert content is not None
    html = check_html(content)
    assert _pdf_lines(html, CURRENT_ORDERS) == list(current)  # was: "…: 5 mg as needed, …"
    assert _pdf_lines(html, PROPOSED_ORDERS) == list(proposed)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_printed_check_reads_the_same_lines(checked, tmp_path: Path) -> None:
    content = check_content(checked)
    assert content is not None
    path = tmp_path / "check.pdf"
    write_check_pdf(path, content)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    text = " ".join(done.stdout.split())
    printed = text[text.index(f"{CURRENT_ORDERS} ") : text.index("Signatures")]
    proposed = proposed_order_lines(content.proposed, content.result)
    for line in (*order_lines(content.current), *proposed):
        assert line in printed, line


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_printed_check_has_no_blank_page(checked, tmp_path: Path) -> None:
    """Review 5, seen on the rendered pages: the signatures were pushed three blank pages on
    (a page break put on the heading inside its kept-together table)."""
    content = check_content(checked)
    assert content is not None
    path = tmp_path / "check.pdf"
    pages = write_check_pdf(path, content)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    footer = len(f"{check_identity(content)} {VERIFY_TEXT} Page 1 of {pages}.".split())
    texts = done.stdout.split("\f")[:pages]
    blank = [number + 1 for number, text in enumerate(texts) if len(text.split()) <= footer]
    assert blank == [], f"blank pages {blank} of {pages}"
    # two pages until session 18, when an order that starts a patch got the planner's onset
    # caution and cover schedule (pharmacist review 19, M1): the signatures then begin page 3,
    # with the patient, the order and the verdict they sign kept on their page
    assert pages <= 3
    last = " ".join(texts[-1].split())
    assert "Signatures" in last and "Verdict: " in last and "Proposed order: " in last, last
