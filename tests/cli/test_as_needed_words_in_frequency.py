"""Session 13's open item: "q4h prn" (and "prn", "as needed", "CSCI") in a document's frequency
was refused by the command line with the list of frequencies only, while the app pointed to the
PRN tick. What a frequency's words mean (as needed, continuous) is one rule in the core
(`mps_pain.domain.frequency.frequency_meaning`): the command line's refusal names the fields an
as-needed line or an infusion takes, and the app's sentence reads the same rule."""

from __future__ import annotations

import json

import pytest

from mps_pain.domain.frequency import frequency_meaning
from tests.cli_runner import run_cli


def _mme(frequency: str) -> str:
    item = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg"}
    done = run_cli("mme", "-", stdin=json.dumps({"items": [item | {"frequency": frequency}]}))
    assert done.returncode == 2
    return done.stderr


@pytest.mark.parametrize("frequency", ["q4h prn", "prn", "PRN", "4-hourly p.r.n.", "as needed"])
def test_as_needed_words_point_to_prn_and_doses_taken(frequency: str) -> None:
    assert frequency_meaning(frequency) == "as-needed"
    said = _mme(frequency)
    assert "items[0].frequency" in said
    assert "prn" in said and "doses_per_day" in said


@pytest.mark.parametrize("frequency", ["CSCI", "continuous", "syringe driver"])
def test_continuous_words_point_to_the_rate(frequency: str) -> None:
    assert frequency_meaning(frequency) == "continuous"
    said = _mme(frequency)
    assert "rate" in said


@pytest.mark.parametrize("frequency", ["q5x", "weekly-ish"])
def test_other_words_list_the_frequencies(frequency: str) -> None:
    assert frequency_meaning(frequency) is None
    assert "use one of daily, bid" in _mme(frequency)
