"""Pharmacist review 8, N4: uk-palliative oral morphine 60 mg/day → SC fentanyl 12.5 mcg/h gave a
breakthrough of 12.5 mcg citing "JSPM 2010, Chapter 3, recommendation 21" (the 1-hour amount):
a UK plan's rescue from a Japanese guideline, and below what UK units give.

No UK (or FPM) source in clinical-sources gives a fentanyl infusion's rescue: NHS 090714's 1/6
rule says "except fentanyl", and the 1-hour amount is JSPM's rule. So a set-owned rule (the
infusion rescue, owned by the sets it lists) is used only under its own sets; elsewhere the
fentanyl infusion gets no number and the danger ``breakthrough-no-source`` that names the
missing source, as any other fentanyl target without a sourced rule."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
RULES = TABLES.tables.rotation
assert RULES is not None and RULES.breakthrough.infusion_rescue is not None
RESCUE = RULES.breakthrough.infusion_rescue
MORPHINE_60 = {"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}
SETS = ["jspm-2010", "fpm-2021", "uk-palliative"]
INFUSIONS: list[dict[str, Any]] = [
    {"drug": "fentanyl", "route": "sc", "continuous": True},
    {"drug": "fentanyl", "route": "iv", "continuous": True},
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "oxycodone", "route": "iv", "continuous": True},
    {"drug": "hydromorphone", "route": "sc", "continuous": True},
]


def _plans() -> list[tuple[str, dict[str, Any], Any]]:
    found = []
    for set_id in SETS:
        for to in INFUSIONS:
            document = {"from": {"items": [MORPHINE_60]}, "to": to, "table": set_id}
            try:
                found.append((set_id, to, plan_rotation(document, tables=TABLES)))
            except Exception:  # a set without a row for the target: refused, nothing planned
                continue
    return found


PLANS = _plans()


def test_n09_uk_sc_fentanyl_has_no_borrowed_japanese_rescue() -> None:
    document = {
        "from": {"items": [MORPHINE_60]},
        "to": {"drug": "fentanyl", "route": "sc", "continuous": True},
        "table": "uk-palliative",
    }
    plan = plan_rotation(document, tables=TABLES)
    assert plan.regimen is not None and plan.regimen.rate is not None  # the infusion is planned
    bt = plan.breakthrough
    assert bt is not None and bt.dose is None
    assert "JSPM" not in (bt.source or "")
    [danger] = [w for w in plan.warnings if w.code == "breakthrough-no-source"]
    assert danger.severity == "danger" and "no source of this set" in danger.message


def test_the_corpus_reaches_every_set_with_a_fentanyl_infusion() -> None:
    reached = {s for s, to, _ in PLANS if to["drug"] == "fentanyl"}
    assert reached == set(SETS)


@pytest.mark.parametrize(("set_id", "to", "plan"), PLANS, ids=lambda v: str(v)[:30])
def test_a_set_owned_breakthrough_rule_is_cited_only_by_its_own_sets(set_id, to, plan) -> None:
    bt = plan.breakthrough
    assert bt is not None
    owned = TABLES.cite(RESCUE.citation) in (bt.source or "")
    assert not owned or set_id in RESCUE.sets, (set_id, to, bt)
    if set_id in RESCUE.sets:  # JSPM's own rule for every infusion stays
        assert owned and bt.dose is not None, (set_id, to, bt)
