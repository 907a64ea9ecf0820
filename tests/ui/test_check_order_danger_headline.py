"""The app's check panel and the check PDF headline a danger of the order that no other headline
names (pharmacist review 18, D1: oxycodone with diazepam for a patient not in palliative care
read "Verdict: WITHIN" above its own DANGER). Both read ``check_view``, as the text does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.regimen import RegimenDocument
from ui.check.check_panel import VERDICT_STYLE
from ui.check.check_pdf import check_html
from ui.check_print_actions import check_content

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


#: oxycodone ER 60 mg/day, a patient not in palliative care (the CDC rule is a danger)
CURRENT = {
    "patient": {"age": 50},
    "items": [
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
    ],
}


def test_the_panel_and_the_pdf_headline_a_benzodiazepine_danger(
    make_window: Any, tables: Any, tmp_path: Path
) -> None:
    path = tmp_path / "current.json"
    path.write_text(json.dumps(CURRENT))
    window = make_window(tables, path)
    window.tabs.setCurrentIndex(2)
    check = window.check
    check.proposal.replace_document(
        RegimenDocument.model_validate(
            {
                "items": [
                    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg",
                     "frequency": "q12h"},
                    {"drug": "diazepam", "route": "oral", "dose": "5 mg", "frequency": "tid"},
                ]
            }
        )
    )  # fmt: skip
    check.table.setCurrentIndex(check.table.findData("uk-palliative"))
    check.run_check()
    assert check.result is not None, check.error
    assert not check.result.avoid and not check.result.not_signable
    assert check.verdict.text().startswith("DANGER: Opioid with a benzodiazepine")
    assert check.verdict.styleSheet() == VERDICT_STYLE["above"]
    content = check_content(window)
    assert content is not None
    assert "Verdict: DANGER: Opioid with a benzodiazepine (amount" in check_html(content)
