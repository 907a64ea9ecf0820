"""The check's headline gives its percentages to one decimal, as its reasons do (clinician
review 6, #7: "expected 150–222 mg/day OME (reduction 19.57–45.65%)" above reasons saying
"19.6–45.7%")."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import QLabel

from mps_pain.domain.regimen import RegimenDocument
from ui.check.check_pdf import check_html
from ui.check_print_actions import check_content

_TWO_DECIMALS = re.compile(r"\d+\.\d\d+\s*%")

CURRENT = {
    "table": "uk-palliative",
    "items": [
        {"drug": "oxycodone", "route": "oral", "form": "er", "daily_dose": "80 mg/day"},
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        {"drug": "morphine", "route": "iv", "rate": "2 mL/h", "concentration": "1 mg/mL"},
    ],
}


def test_the_check_headline_percentages_have_one_decimal(make_window: Any, tables: Any) -> None:
    window = make_window(tables)
    window.session.replace_document(RegimenDocument.model_validate(CURRENT))
    window.tabs.setCurrentIndex(2)  # the check tab
    check = window.check
    check.proposal.replace_document(
        RegimenDocument.model_validate(
            {
                "items": [
                    {"drug": "morphine", "route": "oral", "dose": "200 mg", "frequency": "q12h"}
                ]
            }
        )
    )
    check.table.setCurrentIndex(check.table.findData("uk-palliative"))
    check.run_check()
    assert check.result is not None, check.error
    low, high = check.result.reduction_low * 100, check.result.reduction_high * 100
    assert round(low, 1) != round(low, 2) or round(high, 1) != round(high, 2), (low, high)
    shown = " ".join(label.text() for label in check.findChildren(QLabel))
    assert "reduction" in shown
    assert not _TWO_DECIMALS.search(shown), _TWO_DECIMALS.findall(shown)
    content = check_content(window)
    assert content is not None
    html = check_html(content)
    assert not _TWO_DECIMALS.search(html), _TWO_DECIMALS.findall(html)
