"""Pharmacist review 19, L9, as printed: the text of a UK plan and of a UK check (the views and
the check's order lines, made after the plan, outside it) names paracetamol and MR; a US one
acetaminophen and ER, whatever the order typed. The lines that name both on purpose are the
catalogue's name "Acetaminophen (paracetamol)" and the market-words note."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain_cli.render_rotation import render_check, render_plan
from tests.cli_runner import run_document

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
PARA = {"drug": "APAP", "route": "oral", "dose": "1000 mg", "frequency": "qid"}
MORPHINE = {"drug": "morphine", "route": "oral", "form": "SR", "dose": "40 mg", "frequency": "q12h"}
OTHER = {
    "UK": re.compile(r"\bacetaminophen\b|(?<![\w'])ER(?![\w'])", re.IGNORECASE),
    "US": re.compile(r"\bparacetamol\b|(?<![\w'])MR(?![\w'])", re.IGNORECASE),
}


def _others(text: str, market: str) -> list[str]:
    lines = [line for line in text.splitlines() if "Names are written as in" not in line]
    said = [
        re.sub(r"\[[^\]]*\]", "", line).replace("Acetaminophen (paracetamol)", "") for line in lines
    ]
    return [line for line in said if OTHER[market].search(line)]


@pytest.mark.parametrize("market", ["UK", "US"])
def test_printed_plan_and_check_speak_the_market(market: str) -> None:
    current: dict[str, Any] = {"items": [OXY, PARA]}
    to = {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"}
    plan = plan_rotation({"from": current, "to": to, "market": market})
    printed = render_plan(plan)
    assert not _others(printed, market), _others(printed, market)
    request = {"from": current, "proposed": {"items": [MORPHINE, PARA]}, "market": market}
    result = check_proposal(request)
    printed = render_check(result, CheckRequest.model_validate(request))
    assert not _others(printed, market), _others(printed, market)
    words = ("paracetamol oral 1000 mg qid", "morphine oral MR 40 mg q12h")
    if market == "US":
        words = ("acetaminophen oral 1000 mg qid", "morphine oral ER 40 mg q12h")
    assert all(w in printed for w in words), printed


@pytest.mark.parametrize("market", ["UK", "US", None])
def test_printed_mme_speaks_the_documents_market(market: str | None) -> None:
    """Session 19: ``mme`` kept the catalogue's words for a regimen document naming a market
    (which already picks its strengths and label maxima), so a UK case's MME said
    "acetaminophen … ER" beside a plan saying "paracetamol … MR". Its rows, worked lines and
    warnings (a kidney caution naming the drug) speak the document's market; without one, the
    catalogue's words as before. ``--json`` keeps the ids and says the market."""
    document: dict[str, Any] = {
        "table": "uk-palliative",
        "patient": {"egfr": "25 mL/min"},
        "items": [PARA, MORPHINE],
    }
    if market is not None:
        document["market"] = market
    run = run_document("mme", document)
    assert run.returncode == 0, run.stderr
    printed = run.stdout
    assert not _others(printed, market or "US"), _others(printed, market or "US")
    drug, form = ("paracetamol", "MR") if market == "UK" else ("acetaminophen", "ER")
    assert f"{drug} oral: 1000 mg qid" in printed and f"morphine oral {form}: 40 mg" in printed
    assert f"No kidney rule for {drug} oral" in printed or f"for {drug} (" in printed, printed
    said = json.loads(run_document("mme", document, "--json").stdout)
    assert [item["drug"] for item in said["items"]] == ["acetaminophen", "morphine"]
    assert said["market"] == market
