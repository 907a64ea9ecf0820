"""Pharmacist review 17, H1 (high): a rescue of any size beside proposed methadone read WITHIN.

Re-check 16b set every rescue beside methadone aside "not judged" (no source gives a
breakthrough dose on methadone), so oxycodone IR 200 mg as needed, 40 mg x 6, 60 mg "not
reported" and SC morphine 30 mg beside methadone 5 mg q8h (from 80 mg/day OME) read WITHIN with
a caution. The sourced breakthrough rule (at most 1/6 of the 24-h dose, clinical-sources §3(d))
still applies to the opioid the patient is tolerant to, the CURRENT regimen: a rescue above 1/6
of its OME a day, as the rescue's drug, is a danger and the order is not signable, whatever its
count; one within it keeps the caution "agree it with the specialist".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "review17"
DANGER = "rescue-above-current-dose"
CAUTION = "rescue-not-judged"


@pytest.mark.parametrize(
    "name",
    [
        "V16b2a-methadone-oxy60-notrep.json",
        "V16b2b-methadone-oxy40-x6.json",
        "V16b2c-methadone-oxy200-x1.json",
        "V16b2d-methadone-morSC30.json",
    ],
)
def test_a_rescue_above_a_sixth_of_the_current_regimen_is_not_signable(name: str) -> None:
    done = run_cli("check", "--json", str(FIXTURES / name))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    dangers = [w for w in result["warnings"] if w["code"] == DANGER]
    assert dangers and dangers[0]["severity"] == "danger", result["warnings"]
    assert "80 mg/day OME" in dangers[0]["message"] and "specialist" in dangers[0]["message"]
    assert result["not_signable"] is True


def _beside_methadone(dose: float, count: Any) -> Any:
    document = json.loads((FIXTURES / "V16b2a-methadone-oxy60-notrep.json").read_text())
    document["proposed"]["items"][1].update({"dose": f"{dose} mg", "doses_per_day": count})
    return check_proposal(document, tables=TABLES)


def test_a_rescue_within_a_sixth_of_the_current_regimen_keeps_the_caution() -> None:
    """80 mg/day OME is 53.3 mg/day oral oxycodone: 1/6 is 8.9 mg; 5 mg is within it."""
    result = _beside_methadone(5, "not reported")
    assert not [w for w in result.warnings if w.code == DANGER]
    assert [w for w in result.warnings if w.code == CAUTION]
    assert result.not_signable is False and result.verdict == "within"


@settings(max_examples=30, deadline=None)
@given(dose=st.integers(1, 60))
def test_the_verdict_beside_methadone_never_turns_on_the_count(dose: int) -> None:
    seen = set()
    for count in [1, 2, 3, 4, 5, 6, "not reported"]:
        result = _beside_methadone(dose, count)
        danger = any(w.code == DANGER for w in result.warnings)
        seen.add((result.verdict, result.not_signable, danger))
    assert len(seen) == 1, seen
    assert next(iter(seen))[2] == (dose > 80 / 6 / 1.5)
