"""Clinician review 20, N5: a proposed order with no opioid was said to be the CURRENT regimen's
fault ("The current regimen holds no opioid to switch from", CLI "proposed.items: the regimen
holds no opioid to switch from") while the current regimen held 142.5 OME. Each side's refusal
names its own side, at its own field, in the core's words and the app's."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_document
from ui.error_words import plain_error

TABLES = get_tables()
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
KETAMINE = {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"}


def _document(current: list[Any], proposed: list[Any]) -> dict[str, Any]:
    return {"table": "uk-palliative", "from": {"items": current}, "proposed": {"items": proposed}}


def test_a_proposal_without_an_opioid_is_the_proposals_fault() -> None:
    with pytest.raises(MpsPainError) as refused:
        check_proposal(_document([PATCH, KETAMINE], [KETAMINE]), tables=TABLES)
    assert refused.value.location == "proposed.items"
    assert "proposed order holds no opioid" in str(refused.value), str(refused.value)
    assert "switch from" not in str(refused.value)
    words = plain_error(refused.value)
    assert "proposed order holds no opioid" in words and "current" not in words.lower(), words


def test_a_current_regimen_without_an_opioid_keeps_its_own_words() -> None:
    with pytest.raises(MpsPainError) as refused:
        check_proposal(_document([KETAMINE], [PATCH]), tables=TABLES)
    assert refused.value.location == "from.items"
    assert "no opioid to switch from" in str(refused.value)
    assert "current regimen holds no opioid" in plain_error(refused.value)


def test_the_command_line_names_the_proposed_order() -> None:
    done = run_document("check", _document([PATCH, KETAMINE], [KETAMINE]))
    assert done.returncode != 0
    assert "proposed.items: the proposed order holds no opioid" in done.stderr, done.stderr
