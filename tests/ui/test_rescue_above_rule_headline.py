"""Clinician review 20, N1 and N2 in the app: a proposed rescue above its rule read "Within the
expected range" in green (the caution below the fold), and the Regimen tab showed no rescue-size
caution for morphine SC 200 mg as needed. The panel, its colour and the PDF read ``check_view``;
the Regimen tab reads ``calculate_mme``."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.rescue_fit import RESCUE_OUTSIDE_RULE
from ui.check.check_panel import VERDICT_STYLE
from ui.check.check_pdf import check_html
from ui.check_print_actions import check_content

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

MR = {"drug": "morphine", "route": "oral", "form": "mr", "dose": "30 mg", "frequency": "bid"}


def _rescue(dose: str) -> dict[str, Any]:
    return {"drug": "morphine", "route": "oral", "form": "ir", "dose": dose, "prn": True,
            "doses_per_day": 0}  # fmt: skip


@pytest.mark.parametrize(("dose", "style"), [("60 mg", "above"), ("12 mg", "below")])
def test_the_panel_and_the_pdf_name_the_rescue(case_window, dose: str, style: str) -> None:
    window = case_window  # oxycodone ER 60 mg/day: morphine MR 60 mg/day is within
    window.tabs.setCurrentIndex(2)
    check = window.check
    check.proposal.replace_document(RegimenDocument.model_validate({"items": [MR, _rescue(dose)]}))
    check.table.setCurrentIndex(check.table.findData("uk-palliative"))
    check.run_check()
    assert check.result is not None, check.error
    assert check.result.verdict == "rescue_above"
    assert "Within the expected range" not in check.verdict.text().split(".")[0]
    assert f"morphine oral dose, {dose}" in check.verdict.text()
    assert check.verdict.styleSheet() == VERDICT_STYLE[style]
    content = check_content(window)
    assert content is not None
    assert "Verdict: RESCUE ABOVE ITS RULE" in check_html(content)


def test_the_regimen_tab_gives_the_rescue_size_caution(case_window) -> None:
    window = case_window
    window.session.replace_document(
        RegimenDocument.model_validate({"table": "uk-palliative", "items": [MR, _rescue("200 mg")]})
    )
    QApplication.processEvents()  # the caution follows the total's first paint
    result = window.session.result
    assert result is not None and result.total_mme_per_day == 60
    assert any(w.code == RESCUE_OUTSIDE_RULE for w in result.warnings)
