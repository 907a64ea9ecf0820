"""Clinician review 17, #9: developer tokens were still printed for signature: "…recorded with
their strengths (unverified-strengths)" in a patch plan's step 4, and "(2:1 (oxycodone-oral-
parenteral: uk-palliative's own 2:1 …)" on the check PDF and in the planner's "Kind of switch".
A source key, a route-ratio row id and a set id are the tables' names for their rows: the words
a clinician reads (``wording.plain_source``, used by every plan and check text) say them in
words ("strengths not verified in a formulary", "oral to injected oxycodone", "the set's own").
Over every set and every oral → injected switch of the drugs with a route ratio, the plan's and
the check's words name no route-ratio row id and no set id as the owner of a ratio."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.presentation.check import check_view
from mps_pain.presentation.set_names import table_names
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import cli_text

TABLES = get_tables()
ROW_IDS = [row.id for row in rotation_rules(TABLES).route_ratios]
SET_OWNS = re.compile(r"[\w-]+-[\w-]+'s own")
REPRO = Path("/work/review17/clinician/repro/check-sc-oxy-oral-rescue-2.json")


def _tokens(text: str) -> list[str]:
    found = [row for row in ROW_IDS if re.search(rf"(?<![\w-]){re.escape(row)}(?![\w-])", text)]
    found += SET_OWNS.findall(text)
    return found + (["(unverified-strengths)"] if "(unverified-strengths)" in text else [])


def test_the_patch_plan_says_its_unverified_strengths_in_words() -> None:
    document = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg",
                            "frequency": "q12h"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }  # fmt: skip
    text = cli_text("rotate", document)
    assert "72-h interval" in text
    assert not _tokens(text), _tokens(text)


def _check(route: str) -> dict[str, Any]:
    if REPRO.exists():
        document = json.loads(REPRO.read_text())
        document["proposed"]["items"][0]["route"] = route
        return document
    pytest.skip("the reviewer's reproducer is not on this machine")


@pytest.mark.parametrize("route", ["sc", "iv"])
def test_the_check_says_the_route_ratio_in_words(route: str) -> None:
    """As the check panel and the check's PDF say it: the view with the set's name."""
    document = _check(route)
    result = check_proposal(CheckRequest.model_validate(document), tables=TABLES)
    view = check_view(result, table_names(TABLES))
    text = " ".join([view.verdict_sentence, *view.reasons])
    assert "2:1" in text
    assert not _tokens(text), _tokens(text)
    assert "oral to injected oxycodone" in text


@pytest.mark.parametrize("set_id", sorted(TABLES.sets))
@pytest.mark.parametrize("drug", ["morphine", "oxycodone", "hydromorphone"])
def test_no_plan_names_a_ratio_row_or_a_set_by_its_id(set_id: str, drug: str) -> None:
    document = {
        "from": {"items": [{"drug": drug, "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": drug, "route": "sc", "continuous": True},
        "table": set_id,
    }
    try:
        text = cli_text("rotate", document)
    except AssertionError:  # a set that cannot plan it: refused, nothing printed to sign
        return
    assert not _tokens(text), (set_id, drug, _tokens(text))
