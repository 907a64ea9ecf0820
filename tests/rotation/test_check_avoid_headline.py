"""Outside pharmacist review (review3, 2 December), finding 2: ``check`` headlined
"Verdict: WITHIN" for a drug the patient-factor rules say to avoid (methadone 5 mg tid at QTc
520 ms, wrong/w17.json; morphine at eGFR 20, wrong/w18.json); the DANGER lines came only at
lines 14-15 while ``rotate`` refuses the same switches. The class: a check whose warnings hold
the patient-factor danger (``proposal-avoided``) sets ``avoid`` in the JSON and headlines AVOID
in the text, the app's panel and the PDF (all read ``CheckView``)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.presentation.check import check_view
from tests.cli_runner import run_cli
from tests.rotation.plans import checked

W17 = {
    "from": {
        "items": [
            {
                "drug": "morphine",
                "route": "oral",
                "form": "ER",
                "dose": "60 mg",
                "frequency": "q12h",
            }
        ]
    },
    "proposed": {
        "items": [{"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "tid"}]
    },
    "table": "uk-palliative",
    "patient": {"qtc": "520 ms"},
}


def _w18(egfr: int, dose_mg: int = 20) -> dict[str, Any]:
    return {
        "from": {
            "items": [
                {
                    "drug": "oxycodone",
                    "route": "oral",
                    "form": "ER",
                    "dose": "20 mg",
                    "frequency": "q12h",
                }
            ]
        },
        "proposed": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "ER",
                    "dose": f"{dose_mg} mg",
                    "frequency": "q12h",
                }
            ]
        },
        "table": "uk-palliative",
        "patient": {"egfr": f"{egfr} mL/min"},
    }


def test_methadone_at_qtc_520_is_flagged_avoid() -> None:
    result = checked(W17)
    assert result["avoid"] is True
    view = check_view(CheckResult.model_validate(result))
    assert view.verdict_label.startswith("AVOID")
    assert view.verdict_sentence.startswith("DANGER: AVOID Methadone")


def test_the_first_line_of_the_text_says_avoid(tmp_path) -> None:
    path = tmp_path / "w18.json"
    path.write_text(json.dumps(_w18(20)), encoding="utf-8")
    run = run_cli("check", str(path))
    assert run.returncode == 0, run.stderr
    first = run.stdout.splitlines()[0]
    assert first.startswith("Verdict: AVOID"), first
    assert "AVOID Morphine" in run.stdout.splitlines()[1]


def test_without_a_patient_factor_the_headline_is_the_amount() -> None:
    result = checked(_w18(90))
    assert result["avoid"] is False
    assert check_view(CheckResult.model_validate(result)).verdict_label == "WITHIN"


@settings(max_examples=60, deadline=None)
@given(egfr=st.integers(min_value=5, max_value=120), dose_mg=st.sampled_from([10, 20, 30, 60]))
def test_a_patient_factor_danger_never_headlines_plain_within(egfr: int, dose_mg: int) -> None:
    result = checked(_w18(egfr, dose_mg))
    view = check_view(CheckResult.model_validate(result))
    danger = any(w["code"] == "proposal-avoided" for w in result["warnings"])
    assert result["avoid"] is danger
    if danger:
        assert view.verdict_label.startswith("AVOID") and view.severity.name == "danger"
