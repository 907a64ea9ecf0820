"""Clinician review 15, #8: the signed check PDF printed "(Dannyb685 clinical_logic.md)" inside
a warning, where the screen said "an open-source opioid calculator (software, not a guideline),
its clinical-logic notes". The screen reworded the message (`cited`), the PDFs printed the
message as stored. Every warning view is worded once (`warning_views`: the message and its
source in plain words), so the CLI, the app and the PDFs read the same sentence."""

from __future__ import annotations

import re

from mps_pain.presentation.wording import warning_views
from mps_pain.services.rotation_service import check_proposal

CODE_WORDS = re.compile(r"Dannyb685|clinical_logic\.md|\[CODE|NOT FOUND|\.tsx\b|\.cql\b")


def test_the_renal_rule_is_in_plain_words_in_every_view() -> None:
    request = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg",
                            "frequency": "q12h"}]},
        "proposed": {"items": [{"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg",
                                "frequency": "q12h"}]},
        "table": "uk-palliative",
        "patient": {"egfr": 20},
    }  # fmt: skip
    result = check_proposal(request)
    assert any(CODE_WORDS.search(w.message) for w in result.warnings)  # the data keeps them
    for view in warning_views(result.warnings):
        assert not CODE_WORDS.search(view.message), view.message
        assert not CODE_WORDS.search(view.citation or ""), view.citation
