"""Clinician re-check 21b, D6 (layout): at 1280×720 the long Rate text of a staged or kept
infusion ("40 mg over 24 h until 12 h after the patch goes on, then stop") widened the Rate
column until PRN, Taken/24 h, OME/day and Note went off-screen on the Regimen tab and in the
check's order, so each row's OME/day needed horizontal scrolling. A Rate cell is never wider
than a long ordinary rate needs: longer text is cut with "…" and its full words are its tooltip
(as the Note's are); the OME/day column stays in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from ui.models.regimen_table_model import COLUMNS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

RATE = next(i for i, column in enumerate(COLUMNS) if column[0] == "rate")
MME = next(i for i, column in enumerate(COLUMNS) if column[0] == "mme")
ITEMS = [
    {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
    {"drug": "alfentanil", "route": "sc", "prn": True, "dose": "325 mcg", "doses_per_day": 0},
    {"drug": "oxycodone", "route": "sc", "form": "injection", "rate": "40 mg/24h",
     "stops_after": {"hours": 12}},
    {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
]  # fmt: skip


@pytest.mark.parametrize("where", ["regimen", "check"])
def test_the_ome_column_stays_in_view_beside_a_long_rate(make_window, tables, where) -> None:
    window = shown(make_window(tables))
    window.resize(1280, 720)
    window.ensure_panels()
    document = RegimenDocument.model_validate({"table": "uk-palliative", "items": ITEMS})
    if where == "regimen":
        window.session.replace_document(document)
        editor = window.editor
    else:
        window.tabs.setCurrentIndex(2)
        window.check.proposal.replace_document(document)
        editor = window.check.proposed_editor
    QApplication.processEvents()
    view, model = editor.view, editor.view.model()
    long_rate = str(model.index(2, RATE).data())
    assert view.fontMetrics().horizontalAdvance(long_rate) > view.columnWidth(RATE), long_rate
    header = view.horizontalHeader()
    right = header.sectionViewportPosition(MME) + header.sectionSize(MME)
    assert view.isVisible() and right <= view.viewport().width(), (right, view.viewport().width())
    assert model.index(2, RATE).data(Qt.ItemDataRole.ToolTipRole) == long_rate
    assert view.columnWidth(RATE) >= view.fontMetrics().horizontalAdvance("25 mcg/h")
