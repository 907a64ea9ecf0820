"""The app's check panel and the check PDF headline a proposal above a drug's cited maximum daily
dose (clinical-a, review3: the panel read "Within the expected range" in green for tramadol
600 mg/day, the maximum-dose danger only in the list below). Both read ``check_view``."""

from __future__ import annotations

import pytest

from mps_pain.domain.regimen import RegimenDocument
from ui.check.check_panel import VERDICT_STYLE
from ui.check.check_pdf import check_html
from ui.check_print_actions import check_content

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_the_panel_and_the_pdf_headline_above_maximum(case_window) -> None:
    window = case_window  # oxycodone ER 60 mg/day
    window.tabs.setCurrentIndex(2)
    check = window.check
    check.proposal.replace_document(
        RegimenDocument.model_validate(
            {"items": [{"drug": "tramadol", "route": "oral", "dose": "150 mg", "frequency": "qid"}]}
        )
    )
    check.table.setCurrentIndex(check.table.findData("uk-palliative"))
    check.run_check()
    assert check.result is not None, check.error
    assert check.result.verdict == "within" and check.result.above_maximum
    assert check.verdict.text().startswith("DANGER: ABOVE THE MAXIMUM DAILY DOSE")
    assert check.verdict.styleSheet() == VERDICT_STYLE["above"]
    content = check_content(window)
    assert content is not None
    assert "Verdict: ABOVE MAXIMUM (amount WITHIN)" in check_html(content)
