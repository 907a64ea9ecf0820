"""`check` gives a verdict on a proposal that holds a drug only as needed (outside fuzz review 4,
C1: it crashed with an IndexError when the PROPOSED regimen held paracetamol or tramadol only as
needed: the maximum-dose rule was asked for the total of the drug's regular items, and there were
none). The as-needed line gives a verdict, and its doses at their stated number count towards
the maximum like regular doses (docs/cli-rotate.md). Reproducers:
/work/review4/fuzz/repro/C1-*.json (copied below).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.cli_runner import run_document

_MORPHINE_Q4H = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}
_TRAMADOL_PRN = {"drug": "tramadol", "route": "oral", "prn": True, "dose": "5 mg"}
_FULL_ITEMS = [
    {"drug": "fentanyl", "route": "im", "prn": True, "dose": "100 mcg", "doses_per_day": 0},
    {"drug": "oxycodone", "route": "im", "dose": "20 mg", "frequency": "qid"},
    {"drug": "buprenorphine", "route": "sublingual", "dose": "0.5 mg", "frequency": "q8h"},
    {**_TRAMADOL_PRN, "doses_per_day": 2.5},
    {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "bid"},
]

C1_CHECKS: dict[str, dict[str, Any]] = {
    "paracetamol-prn": {
        "from": {"items": [_MORPHINE_Q4H]},
        "proposed": {
            "items": [
                _MORPHINE_Q4H,
                {
                    "drug": "paracetamol",
                    "route": "oral",
                    "prn": True,
                    "dose": "1 g",
                    "doses_per_day": 2,
                },
            ]
        },
        "table": "uk-palliative",
    },
    "tramadol-prn": {
        "from": {"items": [_MORPHINE_Q4H]},
        "proposed": {"items": [{**_TRAMADOL_PRN, "dose": "50 mg", "doses_per_day": 2}]},
        "table": "fpm-2021",
    },
    "min": {
        "from": {"items": [{**_TRAMADOL_PRN, "doses_per_day": 2.5}]},
        "proposed": {"items": [{**_TRAMADOL_PRN, "doses_per_day": 2.5}]},
        "table": "fpm-2021",
    },
    "full": {
        "from": {"items": _FULL_ITEMS},
        "proposed": {"items": _FULL_ITEMS},
        "table": "fpm-2021",
    },
}


@pytest.mark.parametrize("name", sorted(C1_CHECKS))
def test_check_gives_a_verdict_on_an_as_needed_only_drug_in_the_proposal(name: str) -> None:
    done = run_document("check", C1_CHECKS[name], "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] in ("below", "within", "not_reduced", "above")


def test_an_as_needed_only_drug_above_its_maximum_at_its_count_is_the_danger() -> None:
    """Tramadol 100 mg as needed 6 times a day = 600 mg/day, above the 400 mg/day maximum. The
    expectation changed with the rule (pharmacist re-check 16b, #1): an as-needed line's stated
    number of doses is intake like a regular dose, so an order that allows 600 mg/day at its own
    count is the maximum-dose danger, said with the count; it was the as-needed caution."""
    document = {
        "from": {"items": [_MORPHINE_Q4H]},
        "proposed": {"items": [{**_TRAMADOL_PRN, "dose": "100 mg", "doses_per_day": 6}]},
        "table": "fpm-2021",
    }
    done = run_document("check", document, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    found = [w for w in result["warnings"] if w["code"] == "max-daily-dose"]
    assert [w["severity"] for w in found] == ["danger"], result["warnings"]
    assert "600 mg/day with the as-needed doses at their stated number" in found[0]["message"]
    assert result["above_maximum"] is True
