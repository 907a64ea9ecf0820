"""Pharmacist review 15, D3 (high): `rotate` printed "throughout: Continue acetaminophen oral
1000 mg q4h (6 doses/day) = 6000 mg/day unchanged (co-medication)" with no warning, while
`check` called the same 6 g/day a danger. A co-medication the plan continues is a regimen to be
given: the one maximum-dose rule for what is given (`proposal_max_dose_warnings`, as `check`
applies it) judges it, the patient's renal function included (pregabalin 600 mg/day at eGFR 20)."""

from __future__ import annotations

from typing import Any

from tests.rotation.plans import planned

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
TO = {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}


def _codes(plan: dict[str, Any]) -> dict[str, str]:
    return {w["code"]: w["severity"] for w in plan["warnings"]}


def _plan(co: dict[str, Any], patient: dict[str, Any] | None = None) -> dict[str, Any]:
    return planned({"from": {"items": [OXY, co]}, "to": TO, "patient": patient or {}})


def test_g14_six_grams_of_paracetamol_continued_is_a_danger() -> None:
    plan = _plan({"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "q4h"})
    assert _codes(plan).get("max-daily-dose") == "danger", plan["warnings"]
    warning = next(w for w in plan["warnings"] if w["code"] == "max-daily-dose")
    assert "6000 mg/day" in warning["message"] or "6,000 mg/day" in warning["message"]


def test_four_grams_continued_is_no_finding() -> None:
    plan = _plan({"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "qid"})
    assert "max-daily-dose" not in _codes(plan)


def test_g15_pregabalin_above_its_renal_maximum_is_a_danger() -> None:
    co = {"drug": "pregabalin", "route": "oral", "dose": "300 mg", "frequency": "bid"}
    plan = _plan(co, {"egfr": 20})
    assert _codes(plan).get("max-daily-dose") == "danger", plan["warnings"]
