"""Clinician review 17, #13: docs/gui.md step 1 said the Takamatsu example "reads 90 MME/day (CDC
2022) in red" with a CDC worked line; on a fresh profile the default set is UK palliative care
ratios: "90 OME/day", not red, "This set defines no dose thresholds". The total, the status line
and the worked line the manual's step 1 quotes (in bold and in backticks) are read from
docs/gui.md and compared with what a fresh profile shows, so the manual and the app cannot part
again. Real window, fresh settings."""

from __future__ import annotations

import re
from pathlib import Path

from mps_pain.presentation.mme import mme_view
from tests.ui.conftest import CASE_1_RAISED

GUI_MD = Path(__file__).resolve().parents[2] / "docs" / "gui.md"


def _step_1() -> str:
    text = GUI_MD.read_text(encoding="utf-8")
    found = re.search(r"^1\. \*\*Open a case\*\*(.*?)^2\. ", text, re.S | re.M)
    assert found, "docs/gui.md no longer has step 1, Open a case"
    return " ".join(found.group(1).split())


def test_the_manuals_step_1_is_what_a_fresh_profile_shows(make_window, tables, fresh_settings):
    window = make_window(tables, CASE_1_RAISED, settings=fresh_settings)
    step = _step_1()
    panel = window.results_panel
    bold = re.findall(r"\*\*([^*]+)\*\*", step)
    assert panel.total_label.text() in bold, (panel.total_label.text(), bold)
    quoted = re.findall(r"`([^`]+)`", step)
    assert quoted, step
    shown = [row.explanation for row in mme_view(window.session.result).rows]
    for line in quoted:
        assert any(row.startswith(line.rstrip(".")) or row == line for row in shown), (line, shown)
    status = panel.status_label.text()
    assert status in step, (status, step)
    red = re.search(r"\bin red\b", step) is not None
    assert red == bool(panel.total_label.styleSheet()), (step, panel.total_label.styleSheet())
