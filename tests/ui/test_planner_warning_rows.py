"""The planner's warnings number the rows as the editor's table does (review 8: the warnings'
renumbering was only in the editor's list; under a new empty row the planner said "Row 2:
as-needed Oxycodone" for the editor's row 3, and so did the plan's PDF, beside a table whose "#"
column numbered the items it was given)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import CASE_1_RAISED
from tests.ui.keyboard import cell_index

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

_PRN = re.compile(r"Row (\d+): as-needed oxycodone")


def _planner_under_a_new_row(make_window, tables):
    window = make_window(tables, CASE_1_RAISED)
    window.editor.select_row(0)
    window.editor.add_row()  # a new, empty row 2: the as-needed oxycodone is now row 3
    QApplication.processEvents()
    model = window.editor.model
    prn = next(
        r
        for r in range(model.rowCount())
        if model.data(cell_index(window, r, "drug")) == "oxycodone"
        and model.data(cell_index(window, r, "prn")) == "yes"
    )
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    assert window.planner.plan is not None
    return window, prn + 1


def test_the_planners_warnings_say_the_editors_row(make_window, tables) -> None:
    window, row = _planner_under_a_new_row(make_window, tables)
    assert row == 3
    said = _PRN.findall(window.planner.view.toPlainText())
    assert said == [str(row)], said


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_pdf_numbers_its_table_and_warnings_alike(make_window, tables, tmp_path) -> None:
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    window, row = _planner_under_a_new_row(make_window, tables)
    content = plan_content(window)
    assert content is not None
    write_plan_pdf(tmp_path / "plan.pdf", content)
    done = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "plan.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    said = set(_PRN.findall(done.stdout))
    assert said == {str(row)}, said  # the switch's and the regimen's warnings
    table_rows = re.findall(r"^\s*(\d+)\s+oxycodone oral IR", done.stdout, re.MULTILINE)
    assert table_rows and table_rows[0] == str(row), table_rows
