"""Pharmacist re-check 21b, N-5: a current rate typed per hour that the program itself suspects is
a syringe driver's 24-h amount (the "check the unit" caution, ``per_hour_rate_check``) still got a
full plan under the "far above usual" flag: alfentanil SC 1 mg/h → fentanyl patches 100 + 100 +
25 mcg/h (fixtures/review21b/M3a-from-alf-1mgh.json), morphine SC 20 mg/h → oxycodone SC 225
mg/24 h (M3f-from-morSC-20mgh.json).

The rule (the lead's decision, in the same verify gate as review 21 M-3): while that caution
stands, every target gets no dose, the reason saying the rate is read as its 24-h amount and that
writing that amount per 24 h confirms it; written per 24 h, the same amount gets the plan it got
before. ``check`` keeps its caution (it judges, it does not plan). As properties over every
catalogue opioid's flagged IV/SC route × targets × sets.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mps_pain.domain.per_hour_rate import PER_HOUR_SLIP
from mps_pain.domain.rotation.gate_verify import UNVERIFIED
from mps_pain.errors import MpsPainError
from mps_pain.practice.generate import plan_is_exercise
from mps_pain.practice.key import SwitchKey
from mps_pain.practice.models import Exercise
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from mps_pain.unit_kinds import INFUSION_ROUTES
from mps_pain.units import format_number

FIXTURES = Path(__file__).parent / "fixtures" / "review21b"
ALFENTANIL_1MGH = FIXTURES / "M3a-from-alf-1mgh.json"
MORPHINE_20MGH = FIXTURES / "M3f-from-morSC-20mgh.json"
TABLES = get_tables()
CHECK = TABLES.tables.per_hour_rate_check
assert CHECK is not None
# the same tables without the caution: the plan every per-hour rate got before this rule
WITHOUT = TableIndex(
    TABLES.tables.model_copy(update={"per_hour_rate_check": None}),
    sha256=TABLES.sha256,
    origin="test",
)
TARGETS = (
    {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "sc", "continuous": True},
    {"drug": "fentanyl", "route": "transdermal"},
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "methadone", "route": "oral"},
)
SETS = ("uk-palliative", "fpm-2021", "jspm-2010")


def _infusion_bounds() -> list[tuple[str, str, float, float]]:
    """(drug, IV/SC route, flag, floor) in mg/day for every opioid bound with a flag."""
    out = []
    for drug in TABLES.tables.drugs:
        for bound in drug.plausibility if drug.is_opioid else ():
            if bound.flag_above is None:
                continue
            floor = bound.refuse_below.to("mg/day") if bound.refuse_below is not None else 0.0
            routes = [r for r in bound.routes or drug.routes if r in INFUSION_ROUTES]
            out += [(drug.id, r, bound.flag_above.to("mg/day"), floor) for r in routes]
    return out


INFUSIONS = _infusion_bounds()


def _document(drug: str, route: str, rate: str, target: dict[str, Any], table: str) -> Any:
    item = {"drug": drug, "route": route, "form": "injection", "rate": rate}
    return {"from": {"items": [item]}, "to": target, "table": table}


def _plan(document: dict[str, Any], tables: TableIndex | None = None) -> Any | None:
    try:
        return plan_rotation(document, tables=tables)
    except MpsPainError:  # a set without the route, a same-drug refusal: not this rule
        return None


def _assert_waits(plan: Any, per_24_h: str) -> None:
    regimen = plan.regimen
    assert regimen.dose is None and regimen.rate is None, regimen
    assert regimen.no_dose is not None and "waits for the confirmed dose" in regimen.no_dose
    assert f"({per_24_h}) confirms it" in regimen.no_dose, regimen.no_dose
    assert plan.breakthrough is None
    assert all(row.rounded is None for row in plan.spread)
    assert all(o.daily_dose is None for o in plan.methadone_options or [])
    codes = {w.code for w in plan.warnings}
    assert {PER_HOUR_SLIP, UNVERIFIED} <= codes, codes


def test_n5_alfentanil_1_mg_per_hour_gives_no_patch() -> None:
    plan = plan_rotation(json.loads(ALFENTANIL_1MGH.read_text(encoding="utf-8")))
    _assert_waits(plan, "24 mg/24 h")
    assert "1 mg/h, is read as 24 mg over 24 h" in plan.regimen.no_dose
    assert plan.regimen_detail.patches is None


def test_n5_morphine_20_mg_per_hour_gives_no_oxycodone() -> None:
    plan = plan_rotation(json.loads(MORPHINE_20MGH.read_text(encoding="utf-8")))
    _assert_waits(plan, "480 mg/24 h")


def test_n5_written_per_24_hours_it_is_planned() -> None:
    document = json.loads(ALFENTANIL_1MGH.read_text(encoding="utf-8"))
    document["from"]["items"][0]["rate"] = "24 mg/24 h"
    plan = plan_rotation(document)
    assert plan.regimen_detail.patches, plan.regimen
    assert UNVERIFIED not in {w.code for w in plan.warnings}


def test_n5_check_keeps_its_caution_and_judges() -> None:
    """A proposal typed per hour is judged (a verdict), with the caution; no dose is withheld."""
    document = json.loads(MORPHINE_20MGH.read_text(encoding="utf-8"))
    order = {"drug": "oxycodone", "route": "sc", "form": "injection", "rate": "10 mg/h"}
    document = {k: v for k, v in document.items() if k != "to"} | {"proposed": {"items": [order]}}
    result = check_proposal(document)
    codes = {w.code for w in result.warnings}
    assert PER_HOUR_SLIP in codes and UNVERIFIED not in codes, codes


def test_n5_practice_never_draws_it() -> None:
    plan = plan_rotation(json.loads(ALFENTANIL_1MGH.read_text(encoding="utf-8")))
    key = cast(SwitchKey, SimpleNamespace(plan=plan))
    assert not plan_is_exercise(key, cast(Exercise, None))


def _cautioned_rate(flag: float, floor: float, where: float) -> float | None:
    """A rate in mg/h the caution reads: its 24-h amount above the rule's share of the flag and
    not above the flag, its number not below the floor (None: no such rate for the bound)."""
    low = max(CHECK.fraction_of_flag * flag / 24, floor)
    high = flag / 24
    if low >= high:
        return None
    # two figures per hour: its 24-h amount (at most four figures) is printed exactly
    return float(f"{low + (high - low) * where:.2g}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    current=st.sampled_from(INFUSIONS),
    where=st.floats(min_value=0.05, max_value=0.95),
    target=st.sampled_from(TARGETS),
    set_id=st.sampled_from(SETS),
)
def test_a_cautioned_rate_per_hour_gives_no_dose_and_per_24_h_the_plan_before(
    current: tuple[str, str, float, float],
    where: float,
    target: dict[str, Any],
    set_id: str,
) -> None:
    drug, route, flag, floor = current
    per_hour = _cautioned_rate(flag, floor, where)
    assume(per_hour is not None and per_hour * 24 > CHECK.fraction_of_flag * flag)
    assert per_hour is not None
    written = format_number(per_hour)
    per_24_h = format_number(per_hour * 24)
    hourly = _document(drug, route, f"{written} mg/h", target, set_id)
    plan = _plan(hourly)
    assume(plan is not None)
    assert plan is not None
    assume(PER_HOUR_SLIP in {w.code for w in plan.warnings})  # an ordinary dose read per 24 h
    _assert_waits(plan, f"{per_24_h} mg/24 h")
    daily = _plan(_document(drug, route, f"{per_24_h} mg/24 h", target, set_id))
    before = _plan(hourly, WITHOUT)
    assert daily is not None and before is not None
    assert UNVERIFIED not in {w.code for w in daily.warnings}
    assert daily.regimen.dose == before.regimen.dose
    assert daily.regimen.rate == before.regimen.rate
    assert daily.regimen.no_dose == before.regimen.no_dose
    assert daily.regimen_detail.patches == before.regimen_detail.patches
    assert daily.breakthrough == before.breakthrough
    assert [r.rounded for r in daily.spread] == [r.rounded for r in before.spread]
