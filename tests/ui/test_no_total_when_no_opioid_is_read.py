"""Clinician re-check 18b, #4 (shot-89): morphine with a dose the editor cannot read beside
ketamine: the headline read "0 MME/day (incomplete)" and every bar "0 MME/day INCOMPLETE". Every
view of the total now says why there is none: the headline, the bars, the check tab's current
total and the printed regimen."""

from __future__ import annotations

import re
from html import unescape

from mps_pain.domain.regimen import RegimenDocument
from ui.printing.plan_pdf import plan_html
from ui.printing_actions import plan_content

A_ZERO_TOTAL = re.compile(r"(?<![\d.])0 (?:OME|MME|oMEDD)/day")
KETAMINE = {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"}
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ir", "dose": "10 mg", "frequency": "q4h"}


def _unreadable_morphine(window) -> None:
    document = {"table": "cdc-2022", "items": [MORPHINE, KETAMINE]}
    window.session.replace_document(RegimenDocument.model_validate(document))
    model = window.editor.model
    assert model.setData(model.index(0, model.column_of("dose")), "abc")


def test_every_view_of_the_total_says_why_there_is_none(naive_window) -> None:
    _unreadable_morphine(naive_window)
    panel = naive_window.results_panel
    words = "No MME total: row 1 is left out until it is corrected or deleted."
    assert panel.total_label.text() == words
    bars = [bar.value_text for bar in panel.chart.bars()]
    assert bars and not [bar for bar in bars if A_ZERO_TOTAL.search(bar)], bars
    check = naive_window.check
    check.run_check()
    assert check.current_total.text() == words
    content = plan_content(naive_window)
    assert content is not None
    printed = " ".join(unescape(re.sub(r"<[^>]+>", " ", plan_html(content))).split())
    assert not A_ZERO_TOTAL.search(printed), printed
    assert words in printed
