"""Clinician re-check 18b, #1 (shots 81, 86): methadone 1.5 mg q8h beside ketamine under UK
palliative care ratios (no methadone factor): the warnings list and the printed current regimen
held only "Row 1 is left out of the total" and the age note; the QTc/ECG caution and the ketamine
interaction appeared only under CDC 2022. A row left out of the total keeps its safety rules."""

from __future__ import annotations

import re
from html import unescape

from mps_pain.domain.regimen import RegimenDocument
from ui.printing.plan_pdf import plan_html
from ui.printing_actions import plan_content

METHADONE = {
    "drug": "methadone",
    "route": "oral",
    "form": "oral solution",
    "dose": "1.5 mg",
    "frequency": "q8h",
}
KETAMINE = {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"}


def test_methadone_left_out_keeps_its_qtc_and_ketamine_cautions(naive_window) -> None:
    document = {
        "table": "uk-palliative",
        "items": [METHADONE, KETAMINE],
        "patient": {"age": 81, "egfr": "45 mL/min"},
    }
    naive_window.session.replace_document(RegimenDocument.model_validate(document))
    shown = {w.code for w in naive_window.warnings_panel.model.warnings()}
    assert {"qtc-unknown", "opioid-ketamine"} <= shown, shown
    content = plan_content(naive_window)
    assert content is not None
    printed = " ".join(unescape(re.sub(r"<[^>]+>", " ", plan_html(content))).split())
    assert "QTc not known" in printed and "Ketamine with an opioid" in printed, printed
