"""Pharmacist review 17, L1: paracetamol 6–10 g/day read CAUTION in `mme` and DANGER in `rotate`
and `check` for the same regimen: the one maximum-dose rule said it in two severities. A daily
dose above a drug's cited maximum is a danger to a patient taking it as much as to one about
to be given it, so every command says it with the same severity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.clinical.helpers import run_json

MORPHINE = {"drug": "morphine", "route": "oral", "form": "ir", "dose": "10 mg", "frequency": "q4h"}
OXYCODONE_ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "10 mg",
                "frequency": "q12h"}  # fmt: skip
OVER_MAXIMUM = [  # co-medications a switch continues, so the plan judges them too
    {"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "q4h"},
    {"drug": "acetaminophen", "route": "iv", "dose": "1 g", "frequency": "q4h"},
]
TRAMADOL_600 = {"drug": "tramadol", "route": "oral", "form": "er", "dose": "300 mg",
                "frequency": "q12h"}  # fmt: skip


def _severity(payload: dict[str, Any]) -> str | None:
    return next((w["severity"] for w in payload["warnings"] if w["code"] == "max-daily-dose"), None)


@pytest.mark.parametrize("co_medication", OVER_MAXIMUM, ids=lambda i: f"{i['drug']}-{i['route']}")
def test_a_dose_above_its_maximum_is_one_severity_in_mme_rotate_and_check(
    co_medication: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    regimen = {"items": [MORPHINE, co_medication], "table": "uk-palliative"}
    mme = run_json("mme", regimen, tmp_path, capsys)
    switch = {"from": {"items": regimen["items"]}, "table": "uk-palliative"}
    rotate = run_json(
        "rotate", {**switch, "to": {"drug": "oxycodone", "route": "oral", "form": "er",
                                    "frequency": "q12h"}}, tmp_path, capsys)  # fmt: skip
    check = run_json(
        "check", {**switch, "proposed": {"items": [OXYCODONE_ER, co_medication]}}, tmp_path, capsys
    )
    said = {"mme": _severity(mme), "rotate": _severity(rotate), "check": _severity(check)}
    assert set(said.values()) == {"danger"}, said


def test_an_opioid_above_its_maximum_is_one_severity_in_mme_and_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tramadol is switched, not continued, by a plan: `mme` and `check` judge its maximum."""
    mme = run_json("mme", {"items": [TRAMADOL_600], "table": "uk-palliative"}, tmp_path, capsys)
    check = run_json(
        "check",
        {"from": {"items": [MORPHINE]}, "proposed": {"items": [TRAMADOL_600]},
         "table": "uk-palliative"},
        tmp_path,
        capsys,
    )  # fmt: skip
    assert (_severity(mme), _severity(check)) == ("danger", "danger")
