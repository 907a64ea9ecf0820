"""Pharmacist re-check 15b, #11: `rotate --json` (C07: morphine ER 200 mg q12h → methadone,
CCDHB, three steps) carried the raw citation in `schedule[].action` ("Dannyb685 tool [CODE] …
[CODE; original citation NOT FOUND]"), while the text said "an open-source opioid calculator
(software, not a guideline)". The JSON record reads the same worded view as the text, the app
and the PDFs (`plan_view`): schedule, steps, monitoring and warnings. The app's saved records
keep the plan as computed."""

from __future__ import annotations

import re

import pytest

from mps_pain.presentation.plan_record import plan_record
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation

CODE_WORDS = re.compile(r"Dannyb685|clinical_logic\.md|\[CODE|NOT FOUND|\.tsx\b|\.cql\b")

C07 = {
    "from": {"items": [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "200 mg",
                        "frequency": "q12h"}]},
    "to": {"drug": "methadone", "route": "oral"},
    "methadone_method": "ccdhb",
    "table": "fpm-2021",
    "methadone_schedule": "three-step",
}  # fmt: skip
RENAL_PATCH = {
    "from": {"items": [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg",
                        "frequency": "q12h"}]},
    "to": {"drug": "fentanyl", "route": "transdermal"},
    "table": "fpm-2021",
    "patient": {"egfr": 20},
}  # fmt: skip
WITHHELD = {**C07, "patient": {"qtc": 520}}


@pytest.mark.parametrize("request_", [C07, RENAL_PATCH, WITHHELD], ids=["C07", "renal", "NO DOSE"])
def test_the_json_reads_the_worded_view(request_: dict) -> None:
    plan = plan_rotation(request_)
    view = plan_view(plan)
    record = plan_record(plan)
    raw = " ".join(
        [e.action for e in plan.schedule]
        + plan.steps
        + [f"{w.message} {w.source}" for w in plan.warnings]
    )
    assert CODE_WORDS.search(raw)  # the computed plan keeps its citations as stored
    assert [(e["when"], e["action"]) for e in record["schedule"]] == [
        (f.label, f.value) for f in view.schedule
    ]
    assert record["steps"] == list(view.steps)
    assert record["monitoring"] == list(view.monitoring)
    assert [(w["message"], w["source"]) for w in record["warnings"]] == [
        (w.message, w.citation) for w in view.warnings
    ]
    words = " ".join(
        [e["action"] for e in record["schedule"]]
        + record["steps"]
        + record["monitoring"]
        + [f"{w['message']} {w['source']}" for w in record["warnings"]]
    )
    assert not CODE_WORDS.search(words), CODE_WORDS.search(words)
