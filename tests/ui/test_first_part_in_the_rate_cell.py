"""Clinician re-check 21b, D2 (the GUI part): a regimen whose syringe driver carries a typed first
part of 200 mg/24 h (the plan's 20, the full dose 40) and no plan Note showed "40 mg/day" alone in
the Regimen tab's Rate cell, with no warning, so the clinician editing it never saw the first
part. The cell now gives the typed first part, and the Regimen tab's warnings hold the danger
naming the row (the one rule, ``sub_amounts``, that mme and the check read)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.test_kept_line_after_apply import RATE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROW = {
    "drug": "oxycodone",
    "route": "sc",
    "form": "injection",
    "rate": "40 mg/24h",
    "first_part": {"full_from_hours": 17, "rate": "200 mg/24h"},
}


def test_the_rate_cell_gives_the_typed_first_part_and_its_danger(make_window, tables) -> None:
    window = shown(make_window(tables))
    document = {"table": "uk-palliative", "items": [ROW]}
    window.session.replace_document(RegimenDocument.model_validate(document))
    QApplication.processEvents()
    cell = str(window.editor.view.model().index(0, RATE).data(Qt.ItemDataRole.DisplayRole))
    assert cell == "40 mg/day from 17 h after patch removal (200 mg/day until then)", cell
    result = window.session.result
    assert result is not None
    danger = next(w for w in result.warnings if w.code == "first-part-above-full")
    assert danger.severity == "danger" and danger.message.startswith("Row 1: its first part")
