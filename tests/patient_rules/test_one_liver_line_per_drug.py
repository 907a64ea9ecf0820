"""Pharmacist review 21, L-2: two liver lines for one drug, the advice for every opioid (CAUTION
"use low doses and titrate slowly") and "No liver rule for morphine … beyond the general advice"
(fixtures/review21/L-moderate-to-morphine.json; N-rot-severe-naproxen.json, for alfentanil and
the patch drug).

As the kidney lines (one of a held rule, the sources' preference or the no-rule line): one liver
line per drug and role, the no-rule line saying the advice for every opioid in it, with its
citation and at least its severity. The class over the catalogue is held in
``test_liver_no_rule_level.py``; these are the reproducers, through the command line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.patient_rules.helpers import cli_payload

FIXTURES = Path(__file__).resolve().parents[1] / "rotation" / "fixtures" / "review21"
LIVER = ("hepatic-impairment", "hepatic-current", "hepatic-no-rule")


def _liver_lines(payload: dict[str, Any], drug: str) -> list[dict[str, Any]]:
    return [
        w
        for w in payload["warnings"]
        if w["code"] in LIVER and (f": {drug}" in w["message"] or f"for {drug}" in w["message"])
    ]


@pytest.mark.parametrize(
    ("name", "drug", "level"),
    [
        ("L-moderate-to-morphine", "morphine", "moderate"),
        # the same two lines for the patch drug; in severe impairment it now gets no dose (M-2),
        # its one line a danger
        ("N-rot-severe-naproxen", "fentanyl", "moderate"),
        ("N-rot-severe-naproxen", "fentanyl", "severe"),
    ],
)
def test_one_liver_line_for_the_drug(
    name: str, drug: str, level: str, tmp_path: Path, capsys: Any
) -> None:
    document = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    document["patient"]["hepatic_impairment"] = level
    payload = cli_payload("rotate", document, tmp_path, capsys)
    lines = _liver_lines(payload, drug)
    assert len(lines) == 1, lines
    (line,) = lines
    assert "use low doses and titrate slowly" in line["message"]
    assert line["severity"] in {"caution", "danger"} and line["source"]


def test_the_reproducer_is_still_said_in_mme(tmp_path: Path, capsys: Any) -> None:
    """The regimen the patient is on gets the same one line in ``mme``."""
    document = json.loads((FIXTURES / "L-moderate-to-morphine.json").read_text(encoding="utf-8"))
    mme = {"items": document["from"]["items"], "table": document["table"],
           "patient": {**document["patient"]}}  # fmt: skip
    payload = cli_payload("mme", mme, tmp_path, capsys)
    assert len(_liver_lines(payload, "oxycodone (current regimen)")) == 1
