"""Clinician re-check 21b, D1 and D2 (both HIGH): the amounts a row carries beside its counted one
were never judged.

- D1: the kept oxycodone SC row (``stops_after``: "for the first 12 h after the patch goes on")
  typed over at 400 mg/24 h (the plan's was 40) stayed out of the total and the check signed
  WITHIN: 1200 OME a day for a patient on 80.
- D2: a staged first part (``first_part``) of 200 or 80 mg/24 h, above the row's full 40 mg/24 h
  (the plan's was 20), read WITHIN.

Every amount an order carries is judged now: a kept row must be a current line's amount (a
danger naming the row, heading the check), and a first part passes the per-row rules and is never
above its row's full dose (a danger naming the row, in mme and the check). The reviewer's files
are run through the CLI in process; a property covers any such regimen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli_runner import cli_json, run_cli, run_document

FIXTURES = Path(__file__).parent / "fixtures" / "review21b"
PATIENT = {"age": 71, "weight": "62 kg", "egfr": "25 mL/min"}
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
DRIVER = {"drug": "oxycodone", "route": "sc", "form": "injection"}


def _check(name: str) -> dict[str, Any]:
    done = run_cli("check", str(FIXTURES / name), "--json")
    assert done.returncode == 0, done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    return payload


def _codes(payload: dict[str, Any]) -> dict[str, str]:
    return {w["code"]: w["message"] for w in payload["warnings"]}


def test_a_kept_row_typed_over_at_400_is_a_danger_naming_the_row() -> None:
    payload = _check("chk-kept-400.yaml")
    assert payload["headline"] == "danger"
    message = _codes(payload)["kept-line-not-current"]
    assert message.startswith("Proposed row 3: 400 mg/day of oxycodone (sc)"), message
    assert "the current oxycodone (sc) is 40 mg/day" in message
    assert "A line kept going must be the current dose" in message
    text = run_cli("check", str(FIXTURES / "chk-kept-400.yaml")).stdout
    assert text.startswith("Verdict: DANGER: A line kept going is not the current dose"), text


def test_the_kept_row_at_the_current_dose_stays_within() -> None:
    payload = _check("chk-kept-40.yaml")
    assert "kept-line-not-current" not in _codes(payload)
    assert payload["verdict"] == "within" and payload["headline"] != "danger"


@pytest.mark.parametrize(
    ("name", "amount"), [("chk-first-200.yaml", 200), ("chk-first-80.yaml", 80)]
)
def test_a_first_part_above_the_full_dose_is_a_danger_naming_the_row(
    name: str, amount: int
) -> None:
    payload = _check(name)
    assert payload["headline"] == "danger"
    message = _codes(payload)["proposed-first-part-above-full"]
    assert message.startswith(f"Proposed row 1: its first part, {amount} mg/day of oxycodone"), (
        message
    )
    assert "above the row's full dose of 40 mg/day" in message
    text = run_cli("check", str(FIXTURES / name)).stdout
    assert text.startswith("Verdict: DANGER: Proposed first part above the row's full dose"), text


def test_the_plans_own_first_part_stays_within() -> None:
    payload = _check("chk-first-20.yaml")
    assert "proposed-first-part-above-full" not in _codes(payload)
    assert payload["verdict"] == "within" and payload["headline"] != "danger"


def _first_part_regimen(full: str, first: str) -> dict[str, Any]:
    row = {**DRIVER, "rate": full, "first_part": {"full_from_hours": 17, "rate": first}}
    return {"table": "uk-palliative", "items": [row]}


def test_mme_judges_the_first_part_by_the_per_row_rules() -> None:
    above = cli_json("mme", _first_part_regimen("40 mg/24h", "200 mg/24h"))
    codes = {w["code"]: w for w in above["warnings"]}
    assert codes["first-part-above-full"]["severity"] == "danger"
    assert codes["first-part-above-full"]["message"].startswith("Row 1: its first part, 200 mg/day")
    per_hour = cli_json("mme", _first_part_regimen("40 mg/24h", "20 mg/h"))
    caution = next(w for w in per_hour["warnings"] if w["code"] == "rate-per-hour-check-unit")
    assert caution["message"].startswith("Row 1, its first part (until 17 h after the patch")
    slip = run_document("mme", _first_part_regimen("40 mg/24h", "2 g/24h"), "--json")
    assert slip.returncode != 0
    error = json.loads(slip.stdout or slip.stderr)["error"]
    assert error["code"] == "implausible-amount"
    assert error["location"] == "items[0].first_part.rate"
    assert "the first part (until 17 h after the patch is removed)" in error["message"]


def test_the_reviewers_files_are_copied_whole() -> None:
    """The fixtures are the reviewer's own reproducers, read as the CLI reads them."""
    for name in ("chk-kept-400.yaml", "chk-first-200.yaml", "chk-first-80.yaml"):
        document = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
        assert document["patient"] == PATIENT


_FULL = st.integers(min_value=10, max_value=200)


@settings(max_examples=20, deadline=None)
@given(full=_FULL, above=st.floats(min_value=1.05, max_value=4.0), kept=st.booleans())
def test_a_sub_amount_above_its_bound_never_reads_within(
    full: int, above: float, kept: bool
) -> None:
    """Any regimen with a kept row or a first part: a sub-amount above its bound (a kept row's
    above the current line's, a first part's above its row's full dose) is never WITHIN in the
    check, and a first part above its full dose never leaves mme without a danger."""
    sub = f"{round(full * above, 1)} mg/24h"
    if kept:
        now = {**DRIVER, "rate": f"{full} mg/24h", "stops_after": {"hours": 12}}
        new = {**DRIVER, "rate": sub, "stops_after": {"hours": 12}}
        document = {"from": {"items": [PATCH, now]}, "proposed": {"items": [PATCH, new]}}
    else:
        row = _first_part_regimen(f"{full} mg/24h", sub)["items"][0]
        document = {"from": {"items": [{**DRIVER, "rate": f"{full} mg/24h"}]}}
        document["proposed"] = {"items": [row]}
        mme = cli_json("mme", {"table": "uk-palliative", "items": [row]})
        assert any(w["severity"] == "danger" for w in mme["warnings"]), mme["warnings"]
    document |= {"table": "uk-palliative", "market": "UK", "patient": PATIENT}
    payload = cli_json("check", document)
    assert payload["headline"] == "danger", payload["headline"]
    text = run_document("check", document).stdout
    assert not text.startswith("Verdict: WITHIN"), text


def test_the_kept_row_typed_over_without_its_stop_is_counted_and_judged() -> None:
    """The app drops the stop of a kept row typed over: the row is counted, and the check judges
    the line from none beside the current kept one as the total's increase (60 → 860 OME)."""
    payload = _check("chk-kept-400-typed-over.yaml")
    assert payload["headline"] == "dose_step" and payload["verdict"] != "within"
    steps = payload["dose_steps"]
    assert steps and steps[0]["now"] == 60 and steps[0]["new"] == 860, steps
