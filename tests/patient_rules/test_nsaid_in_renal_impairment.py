"""Pharmacist re-check 15b, #6 (and review 15 D3): an NSAID at eGFR 20 (loxoprofen, ibuprofen)
carried no warning in `mme`, `rotate` or `check`, though the reviewed sources say to avoid
NSAIDs below eGFR 30 (clinical-sources §3(d)/(e): "avoid NSAIDs when eGFR <30"; the Naixan label
contraindicates severe renal impairment). The tables' renal rules now hold that row, and the one
patient-rules engine says it wherever the drug is given or continued."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import run_cli

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
MORPHINE_ER = {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}


@pytest.mark.parametrize("nsaid", ["naproxen", "loxoprofen", "ibuprofen", "celecoxib"])
def test_an_nsaid_below_egfr_30_is_a_danger_everywhere(nsaid: str) -> None:
    co = {"drug": nsaid, "route": "oral", "dose": "100 mg", "frequency": "bid"}
    patient = {"egfr": 20}
    mme = run_cli("mme", "--json", "-", stdin=json.dumps({"items": [OXY, co], "patient": patient}))
    assert mme.returncode == 0, mme.stderr
    warnings = json.loads(mme.stdout)["warnings"]
    about = [w for w in warnings if nsaid in w["message"] and "NSAIDs" in w["message"]]
    assert about and about[0]["severity"] == "danger", warnings
    assert about[0]["code"] == "renal-current" and "eGFR 20" in about[0]["message"]
    plan = run_cli("rotate", "--json", "-", stdin=json.dumps(
        {"from": {"items": [OXY, co]}, "to": MORPHINE_ER, "patient": patient}))  # fmt: skip
    assert plan.returncode == 0, plan.stderr
    assert any(nsaid in w["message"] and w["severity"] == "danger"
               for w in json.loads(plan.stdout)["warnings"])  # fmt: skip


def test_no_warning_at_egfr_40() -> None:
    co = {"drug": "loxoprofen", "route": "oral", "dose": "60 mg", "frequency": "tid"}
    done = run_cli("mme", "--json", "-", stdin=json.dumps({"items": [OXY, co],
                                                           "patient": {"egfr": 40}}))  # fmt: skip
    assert "NSAID" not in json.dumps(json.loads(done.stdout)["warnings"])
