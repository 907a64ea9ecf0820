"""Pharmacist review 21, M-2: oxycodone MR in severe hepatic impairment was planned to tapentadol
MR 50 mg q12h at the full conversion, with only a caution that no liver rule for tapentadol is
held (fixtures/review21/L-severe-to-tapentadol.json), while morphine and oxycodone get no dose
there by their cited rule.

The rule (``rotation.liver_levels.no_dose_levels``, our own, cited as such): in severe
impairment an opioid with no liver rule held is a danger, so the planner gives it no dose, the
check calls a proposal of it a danger (AVOID) and practice never draws it; moderate and mild
keep the caution and the dose. As a property over the catalogue's opioids × liver levels.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.domain.patient_rules.liver_no_rule import hepatic_rule_held
from mps_pain.domain.rotation.gate import AVOIDED
from mps_pain.errors import MpsPainError
from mps_pain.practice.generate import plan_is_exercise
from mps_pain.practice.key import SwitchKey
from mps_pain.practice.models import Exercise
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

FIXTURES = Path(__file__).resolve().parents[1] / "rotation" / "fixtures" / "review21"
REPRODUCER = FIXTURES / "L-severe-to-tapentadol.json"
TABLES = get_tables()
RULES = TABLES.tables.rotation
assert RULES is not None and RULES.liver_levels is not None
NO_DOSE_LEVELS = set(RULES.liver_levels.no_dose_levels)
LEVELS = ("mild", "moderate", "severe")
OPIOIDS = [d for d in TABLES.tables.drugs if d.is_opioid]
OXYCODONE_60 = {"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}
SETS = ("uk-palliative", "fpm-2021", "jspm-2010")


def _document(to: dict[str, Any], level: str | None, table: str) -> dict[str, Any]:
    patient: dict[str, Any] = {"cancer_or_palliative": True}
    if level is not None:
        patient["hepatic_impairment"] = level
    return {"from": {"items": [OXYCODONE_60]}, "to": to, "table": table, "patient": patient}


def test_m2_reproducer_gives_no_tapentadol_dose() -> None:
    plan = plan_rotation(json.loads(REPRODUCER.read_text(encoding="utf-8")))
    assert plan.regimen.dose is None and plan.regimen.no_dose is not None
    assert "tapentadol" in plan.regimen.no_dose
    (line,) = [w for w in plan.warnings if w.code == "hepatic-no-rule"]
    assert line.severity == "danger" and "specialist" in line.message and line.source
    assert "Our own rule, not a clinical source" in line.source  # said as such


def test_m2_check_of_tapentadol_in_severe_impairment_is_avoid() -> None:
    document = json.loads(REPRODUCER.read_text(encoding="utf-8"))
    order = {**document["to"], "dose": "50 mg"}
    check = {k: v for k, v in document.items() if k != "to"} | {"proposed": {"items": [order]}}
    result = check_proposal(check)
    assert result.avoid
    assert any(w.code == AVOIDED and w.severity == "danger" for w in result.warnings)


def test_m2_practice_never_draws_it() -> None:
    plan = plan_rotation(json.loads(REPRODUCER.read_text(encoding="utf-8")))
    key = cast(SwitchKey, SimpleNamespace(plan=plan))
    assert not plan_is_exercise(key, cast(Exercise, None))


@pytest.mark.parametrize("level", ["mild", "moderate"])
def test_m2_moderate_and_mild_keep_the_caution_and_the_dose(level: str) -> None:
    document = json.loads(REPRODUCER.read_text(encoding="utf-8"))
    document["patient"]["hepatic_impairment"] = level
    plan = plan_rotation(document)
    assert plan.regimen.dose is not None and plan.regimen.no_dose is None
    (line,) = [w for w in plan.warnings if w.code == "hepatic-no-rule"]
    assert line.severity == "caution"


def _target(drug_id: str, form: str, route: str) -> dict[str, Any]:
    to: dict[str, Any] = {"drug": drug_id, "route": route, "form": form}
    if route in {"iv", "sc"}:
        to["continuous"] = True
    elif route != "transdermal":
        to["frequency"] = "q12h" if form in {"ER", "MR"} else "q6h"
    return to


def _targets(drug_id: str) -> list[dict[str, Any]]:
    """Each form and route of the drug as a target the planner reads."""
    drug = TABLES.drugs[drug_id]
    return [_target(drug_id, f.id, r) for f in drug.forms for r in f.routes]


def _planned(to: dict[str, Any], level: str | None, table: str) -> Any | None:
    try:
        return plan_rotation(_document(to, level, table))
    except MpsPainError:  # a set without the route, a same-drug refusal: not this rule
        return None


ALL_TARGETS = [(d, to) for d in OPIOIDS for to in _targets(d.id)]


@pytest.mark.parametrize("level", LEVELS)
def test_every_target_opioid_by_liver_level(level: str) -> None:
    """Every catalogue opioid × its forms and routes × sets (the whole space, not a sample)."""
    planned = 0
    for (drug, to), table in itertools.product(ALL_TARGETS, SETS):
        plan = _planned(to, level, table)
        if plan is not None:
            planned += 1
            _judge(drug, to, level, table, plan)
    assert planned >= 50  # the space the rule is judged on is not empty


def _judge(drug: Any, to: dict[str, Any], level: str, table: str, plan: Any) -> None:
    lines = [w for w in plan.warnings if w.code == "hepatic-no-rule" and drug.id in w.message]
    if level in NO_DOSE_LEVELS and not hepatic_rule_held(RULES, drug, level):
        assert plan.regimen.dose is None and plan.regimen.rate is None, plan.regimen
        assert plan.regimen.no_dose is not None
        assert plan.breakthrough is None
        assert all(row.rounded is None for row in plan.spread)
        assert [w.severity for w in lines] == ["danger"], plan.warnings
        return
    assert all(w.severity != "danger" for w in lines), lines
    if level in NO_DOSE_LEVELS:
        # a held rule decides (morphine's avoid; re-check 21b, N-4: hydromorphone's too, once a
        # caution that left it the one opioid dosed, at the full conversion): no opioid's dose
        assert plan.regimen.dose is None and plan.regimen.rate is None, (to, plan.regimen)
        assert plan.regimen.no_dose is not None and plan.breakthrough is None
        return
    well = _planned(to, None, table)
    assert well is not None
    gave = well.regimen.dose is not None or well.regimen.rate is not None
    now = plan.regimen.dose is not None or plan.regimen.rate is not None
    assert now == gave, (to, level, table, plan.regimen.no_dose)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drug=st.sampled_from(OPIOIDS), level=st.sampled_from(LEVELS))
def test_a_proposal_in_check_agrees(drug: Any, level: str) -> None:
    route = drug.routes[0]
    amount: dict[str, Any] = (
        {"rate": "12 mcg/h"} if route == "transdermal" else {"daily_dose": "10 mg/day"}
    )
    order = {"drug": drug.id, "route": route, **amount}
    document = _document({}, level, "uk-palliative")
    del document["to"]
    document["proposed"] = {"items": [order]}
    try:
        result = check_proposal(document)
    except MpsPainError:
        return
    avoided = [w for w in result.warnings if w.code == AVOIDED and drug.id in w.message.lower()]
    if level in NO_DOSE_LEVELS and not hepatic_rule_held(RULES, drug, level):
        assert avoided and result.avoid, result.warnings
