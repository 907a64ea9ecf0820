"""Clinician review 18 #9: `mps-pain check` refused a proposed breakthrough line without
`doses_per_day` ("missing doses_per_day") while the app, as documented (docs/rotation.md,
``proposed_order``), accepts it empty: an as-needed line of a proposed order is an order, its use
"not reported". Both now read a proposed line by the one rule, ``proposed_line_fields``: the
check of a proposal whose as-needed line has no count is the check of the same line written
"not reported", by the CLI and by the request the app builds; the current regimen's as-needed
line still needs its count (the doses taken)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mps_pain.domain.proposed_order import proposed_line_fields
from mps_pain.domain.regimen import NOT_REPORTED
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain_cli.main import main

PATCH_TO_CSCI = {
    "from": {"items": [
        {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
        {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"},
        {"drug": "oxycodone", "route": "oral", "form": "ir", "prn": True, "dose": "10 mg",
         "doses_per_day": 3},
    ]},
    "proposed": {"items": [
        {"drug": "morphine", "route": "sc", "rate": "2.5 mg/h"},
        {"drug": "morphine", "route": "sc", "prn": True, "dose": "10 mg"},
    ]},
    "table": "uk-palliative",
    "patient": {"age": 81, "egfr": "45 mL/min", "cancer_or_palliative": True},
}  # fmt: skip


def _written(count: object) -> dict:
    document = json.loads(json.dumps(PATCH_TO_CSCI))
    document["proposed"]["items"][1]["doses_per_day"] = count
    return document


def test_the_cli_check_accepts_an_as_needed_order_without_a_count(tmp_path: Path, capsys) -> None:
    path = tmp_path / "check.json"
    path.write_text(json.dumps(PATCH_TO_CSCI))
    assert main(["check", str(path), "--json"]) == 0, capsys.readouterr().err
    empty = json.loads(capsys.readouterr().out)
    path.write_text(json.dumps(_written(NOT_REPORTED)))
    assert main(["check", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == empty


def test_one_rule_for_the_cli_and_the_app(tables) -> None:
    cli = CheckRequest.model_validate(PATCH_TO_CSCI)
    line = PATCH_TO_CSCI["proposed"]["items"][1]
    assert cli.proposed.items[1] == type(cli.proposed.items[1]).model_validate(
        proposed_line_fields(line)
    )  # the app's proposal editor reads each row through the same function
    assert check_proposal(cli, tables=tables) == check_proposal(
        CheckRequest.model_validate(_written(NOT_REPORTED)), tables=tables
    )


def test_the_current_regimens_as_needed_line_still_needs_its_count() -> None:
    document = json.loads(json.dumps(PATCH_TO_CSCI))
    del document["from"]["items"][2]["doses_per_day"]
    with pytest.raises((MpsPainError, ValueError), match="doses_per_day"):
        CheckRequest.model_validate(document)
