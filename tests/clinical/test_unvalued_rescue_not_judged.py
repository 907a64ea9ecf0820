"""Pharmacist re-check 16b, #11 (low): a fentanyl patch 25 -> 37.5 mcg/h with its buccal fentanyl
rescue, doses a day "not reported" (C07), was refused as "at most 1/6 of that opioid's 24-h OME
… and this one is not": a finding about the dose. No set has a buccal fentanyl factor (the
documented coverage gap), so the dose cannot be judged at all, and the refusal says so; a rescue
the set values and finds too large (P03) is still refused as too large."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

RECHECK = Path(__file__).parent / "fixtures" / "recheck16b"


@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_c07_a_rescue_no_set_can_value_is_said_not_judged(table: str) -> None:
    document = json.loads((RECHECK / "C07-patch25-buccal-to37.json").read_text())
    done = run_cli("check", "-", stdin=json.dumps(document | {"table": table}))
    assert done.returncode != 0
    assert "cannot be judged" in done.stderr and "coverage" in done.stderr, done.stderr
    assert "this one is not" not in done.stderr
    assert "proposed.items[1]" in done.stderr


def test_p03_a_rescue_too_large_is_still_refused_as_too_large() -> None:
    done = run_cli("check", str(RECHECK / "P03-rescue-too-large-notreported.json"))
    assert done.returncode != 0
    assert "this one is not" in done.stderr and "cannot be judged" not in done.stderr
