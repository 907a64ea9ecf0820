"""The printed plan (clinician review 7, #7): it lacked "The same switch under every
equianalgesic set" that the planner shows, and step 7 was one paragraph joined with " | ". The
PDF is read back with poppler's pdftotext: the table's heading, its columns and every set's row
are there, and the schedule step is a heading with one line per entry."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from mps_pain.presentation.rotation import plan_view
from tests.ui.conftest import CASE_1_RAISED
from ui.planner.plan_view import SPREAD_COLUMNS, SPREAD_HEADING

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)"
)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_has_the_every_set_table_and_a_structured_schedule(
    make_window, tables, tmp_path
) -> None:
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    window = make_window(tables, CASE_1_RAISED)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    content = plan_content(window)
    assert content.plan is not None
    path = tmp_path / "plan.pdf"
    write_plan_pdf(path, content)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = _words(done.stdout)
    assert SPREAD_HEADING in text
    for column in SPREAD_COLUMNS:
        assert _words(column) in text, column
    view = plan_view(content.plan)
    assert len(view.spread) >= 3
    for row in view.spread:  # every set's row, its numbers as the planner shows them
        for value in (row.equianalgesic, row.reduced, row.given):
            assert _words(value) in text, (row.name, value)
    assert " | " not in done.stdout
    steps = list(view.steps)
    at = steps.index("7. Schedule:")
    entries = steps[at + 1 : at + 1 + len(view.schedule)]
    assert entries == [f"{e.label}: {e.value}" for e in view.schedule]
    lines = [line.strip() for line in done.stdout.splitlines()]
    assert "7. Schedule:" in lines  # the heading on its own line, the entries under it
