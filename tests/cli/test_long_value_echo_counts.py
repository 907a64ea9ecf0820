"""Fuzz review 18, D5: ``tables --set`` and ``mme --table`` echoed any long value as
"… (61 characters)": the error cut the value to 60 characters and an ellipsis itself, and the
one-line rule then counted that cut. Every refusal that echoes a long value says its true
length, whichever option or field it came from (one echo rule: ``excerpt``)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli_runner import run_cli


def _doc(drug: str) -> str:
    return json.dumps({"items": [{"drug": drug, "route": "oral", "daily_dose": "10 mg/day"}]})


CASES = {
    "tables --set": lambda v: run_cli("tables", "--set", v),
    "mme --table": lambda v: run_cli("mme", "--table", v, "-", stdin=_doc("morphine")),
    "practice new --set": lambda v: run_cli("practice", "new", "--set", v),
    "a drug name": lambda v: run_cli("mme", "-", stdin=_doc(v)),
}


@settings(max_examples=25, deadline=None)
@given(length=st.integers(61, 1999), case=st.sampled_from(sorted(CASES)))
def test_a_long_value_is_echoed_with_its_true_length(length: int, case: str) -> None:
    done = CASES[case]("q" * length)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr[:300]
    assert f"({length} characters)" in done.stderr, (case, done.stderr[:300])


@pytest.mark.parametrize("case", sorted(set(CASES) - {"a drug name"}))  # a name is 2000 at most
def test_a_five_thousand_digit_value_is_said_as_5000_characters(case: str) -> None:
    done = CASES[case]("9" * 5000)
    assert "(5000 characters)" in done.stderr and "(61 characters)" not in done.stderr, done.stderr
