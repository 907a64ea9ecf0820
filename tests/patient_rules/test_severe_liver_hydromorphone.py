"""Pharmacist re-check 21b, N-4: in severe hepatic impairment hydromorphone was the one opioid
given a dose, and at the full conversion: morphine MR 30 mg q12h → hydromorphone MR 4 mg q12h
(fixtures/review21b/G24-severe-mor-to-hmMR.json), a patch 25 → 6 mg q12h (G26), oxycodone → SC
3 mg/24 h (M2d); ``check`` read SC hydromorphone WITHIN with a caution (C1).

The only number held for hydromorphone in hepatic failure, −50%, is from a stale software
document with no clinical source (clinical-sources §3(d)); no clinical source held gives a dose.
The choice (the safe side, written in data/ and docs/rotation.md): no dose, a danger, as for
every opioid with no liver rule held there. The class: no liver reduction is ever applied to a
plan's arithmetic, so the tables refuse a rule naming an opioid at a no-dose level that is not a
danger (the full conversion would pass under it).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from pydantic import ValidationError

from mps_pain.domain.rotation.gate import AVOIDED
from mps_pain.practice.generate import plan_is_exercise
from mps_pain.practice.key import SwitchKey
from mps_pain.practice.models import Exercise
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema import ConversionTables

FIXTURES = Path(__file__).resolve().parents[1] / "rotation" / "fixtures" / "review21b"
PLANS = (
    "G24-severe-mor-to-hmMR.json",
    "G26-severe-patch-to-hmMR.json",
    "M2d-severe-to-hmSC-fpm.json",
)
TABLES = get_tables()


def _read(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize("name", PLANS)
def test_n4_no_hydromorphone_dose_in_hepatic_failure(name: str) -> None:
    plan = plan_rotation(_read(name))
    assert plan.regimen.dose is None and plan.regimen.rate is None, plan.regimen
    assert plan.breakthrough is None
    assert all(row.rounded is None for row in plan.spread)
    no_dose = plan.regimen.no_dose
    assert no_dose is not None and "hydromorphone" in no_dose and "specialist" in no_dose
    (line,) = [w for w in plan.warnings if w.code == "hepatic-impairment"]
    assert line.severity == "danger" and line.source
    assert "−50%" in line.message and "neither applies it nor gives the full" in line.message


@pytest.mark.parametrize("name", PLANS)
def test_n4_practice_never_draws_it(name: str) -> None:
    key = cast(SwitchKey, SimpleNamespace(plan=plan_rotation(_read(name))))
    assert not plan_is_exercise(key, cast(Exercise, None))


def test_n4_check_of_sc_hydromorphone_is_avoid() -> None:
    result = check_proposal(_read("C1-sev-hm-SC.json"))
    assert result.avoid
    assert any(w.code == AVOIDED and w.severity == "danger" for w in result.warnings)


@pytest.mark.parametrize("level", ["mild", "moderate"])
def test_n4_other_levels_keep_the_dose(level: str) -> None:
    document = _read(PLANS[0])
    document["patient"]["hepatic_impairment"] = level
    plan = plan_rotation(document)
    assert plan.regimen.dose is not None and plan.regimen.no_dose is None


def _with_hydromorphone_severity(severity: str) -> dict[str, Any]:
    data = TABLES.tables.model_dump(mode="json", exclude_unset=True)
    for rule in data["rotation"]["hepatic"]:
        if rule.get("drugs") == ["hydromorphone"]:
            rule["severity"] = severity
    return data


def test_n4_tables_refuse_a_liver_caution_for_an_opioid_at_a_no_dose_level() -> None:
    ConversionTables.model_validate(_with_hydromorphone_severity("danger"))
    with pytest.raises(ValidationError, match="no-dose level must be a danger"):
        ConversionTables.model_validate(_with_hydromorphone_severity("caution"))
