"""An edited regimen is never printed or shown under the title it was opened with (clinician
review 2, H3; review 5, #9; review 6, #3): the plan of an example edited from oxycodone 60 to
80 mg/day still printed "…oxycodone raised to 60 mg/day" as its headline, and the window
title kept it."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from tests.ui.keyboard import type_in_cell
from ui.printing.plan_pdf import plan_html, plan_title, write_plan_pdf
from ui.printing_actions import plan_content


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_an_edited_plan_is_called_by_its_patient_and_date(case_window: Any, tmp_path: Path) -> None:
    window = case_window
    opened = window.session.state.document
    assert opened.title and opened.note and "60 mg/day" in opened.title
    assert "raised to 60 mg/day" in window.windowTitle()
    type_in_cell(window, 0, "daily_dose", "80")  # oxycodone ER 60 → 80 mg/day, by keys
    assert "80" in str(window.session.state.document.items[0].daily_dose)
    assert "raised to 60" not in window.windowTitle()
    assert "Edited regimen — Takamatsu 2018 case 1" in window.windowTitle()

    pdf = tmp_path / "plan.pdf"
    write_plan_pdf(pdf, plan_content(window))
    text = _pdf_text(pdf)
    flat = " ".join(text.split())
    first = " ".join(text.split("\f")[0].split())
    assert first.startswith("Opioid plan — Takamatsu 2018 case 1 — "), first[:200]
    assert "raised to 60 mg/day" not in first.split("Current regimen")[0]  # not as the headline
    source = flat.split("Source case (before edits)", 1)
    assert len(source) == 2, flat[-600:]
    assert "raised to 60 mg/day" in source[1] and "Rescue doses taken per 24 h" in source[1]
    assert "Edited after opening" not in flat and "Written before the edits" not in flat


def test_an_unedited_plan_keeps_its_title_and_note(case_window: Any) -> None:
    window = case_window
    opened = window.session.state.document
    type_in_cell(window, 0, "daily_dose", "80")
    window.session.undo_stack.undo()  # back as opened
    assert "raised to 60 mg/day" in window.windowTitle()
    content = plan_content(window)
    assert plan_title(content) == opened.title
    html = plan_html(content)
    assert "Source case (before edits)" not in html and "Rescue doses taken per 24 h" in html
