"""Found by the long fuzz campaign (ci-long, 3 December): a current as-needed line with no dose
taken (0 mg/day) left out of a proposal that keeps the patch and adds a regular opioid crashed
`check` (KeyError, exit 3). The unused line reads 0 mg/day on both sides, as the split that
classified the proposal reads it."""

from __future__ import annotations

from tests.cli_runner import run_document

DOCUMENT = {
    "from": {
        "items": [
            {
                "drug": "oxycodone",
                "route": "oral",
                "form": "IR",
                "dose": "1.0 mg",
                "prn": True,
                "doses_per_day": 0,
            },
            {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"},
        ]
    },
    "proposed": {
        "items": [
            {"drug": "morphine", "route": "oral", "dose": "1.0 mg", "frequency": "q4h"},
            {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"},
        ]
    },
}


def test_an_unused_rescue_left_out_beside_an_added_line_is_answered() -> None:
    run = run_document("check", DOCUMENT, "--json")
    assert run.returncode == 0, run.stderr  # exit 3 (internal error) before
    assert "morphine" in run.stdout
