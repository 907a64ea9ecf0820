"""The check's headline for a proposal above a drug's cited maximum daily dose.

Oxycodone ER 30 mg q12h → tramadol 150 mg qid (600 mg/day): 60 mg/day OME lies within the
expected 45–90 mg/day, so the headline said "Verdict: WITHIN" while the danger "Tramadol: 600
mg/day is above the maximum of 400 mg/day" sat only among the warnings. A pharmacist reads the
headline first: the class is every check whose warnings hold a ``max-daily-dose`` danger. It sets
``above_maximum`` in the JSON (additive; ``verdict`` still judges the amount against the range)
and the one view record (``check_view``: text, app panel and PDF) headlines ABOVE MAXIMUM with the
danger style, before the amount's verdict — as ``avoid`` does for the patient-factor rules.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.presentation.check import check_view
from tests.cli_runner import REPO, run_cli
from tests.rotation.plans import checked


def _tramadol(dose_mg: int, current_mg: int = 30, frequency: str = "qid") -> dict[str, Any]:
    return {
        "from": {
            "items": [
                {
                    "drug": "oxycodone",
                    "route": "oral",
                    "form": "ER",
                    "dose": f"{current_mg} mg",
                    "frequency": "q12h",
                }
            ]
        },
        "proposed": {
            "items": [
                {
                    "drug": "tramadol",
                    "route": "oral",
                    "dose": f"{dose_mg} mg",
                    "frequency": frequency,
                }
            ]
        },
        "table": "uk-palliative",
    }


def test_a_dose_within_the_range_but_above_the_maximum_headlines_the_danger() -> None:
    result = checked(_tramadol(150))
    assert result["verdict"] == "within"  # the amount against the equianalgesic range
    assert result["above_maximum"] is True
    view = check_view(CheckResult.model_validate(result))
    assert view.verdict_label == "ABOVE MAXIMUM (amount WITHIN)"
    assert view.verdict_sentence.startswith(
        "DANGER: ABOVE THE MAXIMUM DAILY DOSE — Tramadol: 600 mg/day is above the maximum of "
        "400 mg/day"
    ), view.verdict_sentence
    assert view.severity.name == "danger" and view.verdict == "above_maximum"


def test_the_first_line_of_the_text_says_above_maximum(tmp_path) -> None:
    path = tmp_path / "tramadol.json"
    path.write_text(json.dumps(_tramadol(150)), encoding="utf-8")
    run = run_cli("check", str(path))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("Verdict: ABOVE MAXIMUM (amount WITHIN)"), lines[0]
    assert lines[1].strip().startswith("DANGER: ABOVE THE MAXIMUM DAILY DOSE"), lines[1]


def test_below_the_maximum_the_headline_is_the_amount() -> None:
    result = checked(_tramadol(50))
    assert result["above_maximum"] is False
    assert not check_view(CheckResult.model_validate(result)).verdict_label.startswith("ABOVE M")


@settings(max_examples=60, deadline=None)
@given(
    dose_mg=st.sampled_from([50, 100, 150, 200]),
    current_mg=st.sampled_from([10, 20, 30, 60, 120]),
    frequency=st.sampled_from(["tid", "qid", "q4h"]),
)
def test_a_maximum_dose_danger_never_headlines_plain(
    dose_mg: int, current_mg: int, frequency: str
) -> None:
    result = checked(_tramadol(dose_mg, current_mg, frequency))
    danger = any(
        w["code"] == "max-daily-dose" and w["severity"] == "danger" for w in result["warnings"]
    )
    assert result["above_maximum"] is danger
    view = check_view(CheckResult.model_validate(result))
    if danger:
        assert view.verdict_label.startswith("ABOVE MAXIMUM"), view.verdict_label
        assert view.severity.name == "danger"


def test_the_field_is_in_the_contract() -> None:
    contract = (REPO / "docs" / "cli-rotate.md").read_text(encoding="utf-8").split("## Errors")[0]
    assert "`above_maximum`" in contract and "Verdict: ABOVE MAXIMUM" in contract
