"""The printed plan (first-time-clinician review, /work/review/clinician/FINDINGS.md, item 4): the
switch's warnings listed once, no heading left alone at a page foot, and modified tables named
in the title bar and on the PDF."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

# --- 4. the plan PDF: one warning list, headings kept with their text ---------------------------
HEADINGS = (
    "Current regimen",
    "Worked arithmetic",
    "Switching plan",
    "Steps",
    "Transition schedule",
    "Warnings",
    "Warnings about the switch",
    "Warnings about the current regimen",
    "Monitoring",
    "Signatures",
)


def _pdf_pages(path: Path) -> list[list[str]]:
    """Each page's lines above the footer, from one pdftotext run (a form feed ends each page;
    a blank page is kept, as an empty list)."""
    import subprocess

    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    pages = []
    for text in done.stdout.split("\f")[:-1]:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = []
        for line in lines:
            if line.startswith("VERIFY BEFORE USE"):
                break
            body.append(line)
        pages.append(body)
    return pages


@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="needs pdftotext")
def test_plan_pdf_lists_the_switch_warnings_once_and_keeps_headings_with_their_text(
    case_window, tmp_path
) -> None:
    from mps_pain.presentation.rotation import plan_view
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    window = case_window
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    plan = window.planner.plan
    assert plan is not None and plan.warnings
    path = tmp_path / "plan.pdf"
    # the current regimen without warnings of its own (as under the UK palliative set)
    write_plan_pdf(path, replace(plan_content(window), warnings=()))
    pages = _pdf_pages(path)
    assert len(pages) >= 2
    text = " ".join(" ".join(page) for page in pages)
    assert "None." not in text  # never "no warnings" when the switch has some
    for warning in plan_view(plan).warnings:
        assert " ".join(warning.message.split()[:2]) in text
    for number, page in enumerate(pages[:-1], start=1):
        assert page[-1] not in HEADINGS, f"heading {page[-1]!r} alone at the foot of page {number}"


# --- modified tables are named in the title bar and on the PDF ----------------------------------
@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="needs pdftotext")
def test_modified_tables_are_named_in_the_title_and_the_pdf(make_window, tmp_path) -> None:
    from mps_pain.tables.loader import load_tables
    from tests.ui.conftest import CASE_1_RAISED
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    shipped = Path(__file__).resolve().parents[2] / "data" / "conversion_tables.yaml"
    edited = tmp_path / "edited_tables.yaml"
    edited.write_text(shipped.read_text(encoding="utf-8") + "\n# a local edit\n", "utf-8")
    tables = load_tables(edited)
    assert tables.modified_path is not None
    window = make_window(tables, CASE_1_RAISED)
    assert window.session.result is not None
    assert window.session.result.table.modified_path == tables.modified_path
    assert f"MODIFIED TABLES: {tables.modified_path}" in window.windowTitle()
    path = tmp_path / "plan.pdf"
    write_plan_pdf(path, plan_content(window))
    text = " ".join(" ".join(page) for page in _pdf_pages(path))
    assert "MODIFIED TABLES:" in text and edited.name in text
