"""Pharmacist review 18d, M2 (medium): at high doses the breakthrough dose was tens of millilitres
of the weakest morphine solution (2 mg/mL): 600 mg/day oral morphine → patch (uk-palliative, UK)
"75 mg = 37.5 mL", F21 92.5 mL (US), F03 150 mL (JP), while 70 mg of tablets (50 + 20 mg) lies
within 1/10–1/6 of the patch's 24-h dose (45–75 mg), the range the check judges the rescue by.

The class: every breakthrough dose measured as a volume (``breakthrough._tablets_or_solution``,
the fraction rule and the patch-linked rule alike). The rules (docs/rotation.md, step 6):
- the patch-linked dose (0.4 mg per mcg/h, the Canadian card) is rounded down to tablets within
  1/10–1/6 of the patch's 24-h dose, not to the card's point alone;
- a volume of the weakest solution is printed up to ``large_volume`` (20 mL, a software rule);
  above it the market's strongest listed solution measures the dose (UK 20 mg/mL), and where the
  market lists none the plan says the volume is large and that none is listed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.breakthrough import breakthrough_for_drug
from mps_pain.domain.rotation.context import equianalgesic_set, rotation_rules
from mps_pain.domain.rotation.markets import market_for
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.domain.rotation.rounding import liquid_step, round_down, strengths_for
from mps_pain.domain.rotation.solution_volume import market_concentrations
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.unit_kinds import strengths_in

TABLES = get_tables()
RULES = rotation_rules(TABLES)
CAP_ML = RULES.rounding.oral_solution_step.large_volume.ml
MAX_UNITS = RULES.rounding.max_units_per_dose
FIXTURES = Path(__file__).parent / "fixtures" / "review18d"
FIXTURES_19B = Path(__file__).parent / "fixtures" / "review19b"
VOLUME = re.compile(r"= ([\d.,]+) mL of the ([\d.]+) mg/mL")
NONE_STRONGER = "no stronger oral solution of"


def _plan(name: str) -> Any:
    return plan_rotation(json.loads((FIXTURES / name).read_text()), tables=TABLES)


def _volumes(bt: Breakthrough) -> list[tuple[float, float]]:
    return [(float(v.replace(",", "")), float(c)) for v, c in VOLUME.findall(bt.note or "")]


def test_f01_gives_tablets_within_the_range_not_37_ml_of_solution() -> None:
    bt = _plan("F01-mor600-to-patch-uk-UK.json").breakthrough
    assert bt is not None and bt.dose is not None
    assert bt.dose.value == 70 and bt.form == "ir", bt
    assert bt.low is not None and bt.low.value == 45 and bt.high is not None
    assert bt.high.value == 75
    assert not _volumes(bt) and "45–75 mg" in (bt.note or "")


def test_f21_us_gives_tablets_within_the_range() -> None:
    bt = _plan("F21-mor1500-ketamine-to-patch-uk-US.json").breakthrough
    assert bt is not None and bt.dose is not None and bt.low is not None
    assert bt.form == "ir" and bt.low.value <= bt.dose.value <= 185, bt
    assert not _volumes(bt)


def test_f03_jp_says_the_volume_is_large_and_no_stronger_solution_is_listed() -> None:
    bt = _plan("F03-mor2400-to-patch-jspm-JP.json").breakthrough
    assert bt is not None and bt.dose is not None
    assert bt.dose.value == 300 and bt.form == "oral_solution"
    assert _volumes(bt) == [(150.0, 2.0)]
    assert f"more than {CAP_ML:g} mL a dose" in (bt.note or "")
    assert f"{NONE_STRONGER} morphine is listed for JP" in (bt.note or "")


def test_a_uk_dose_above_the_tablets_is_measured_from_the_concentrate() -> None:
    morphine = TABLES.drugs["morphine"]
    step = liquid_step(TABLES, morphine, RULES.rounding.oral_solution_step)
    # 3,000 mg/day: 300–500 mg per dose, above 4 × 50 mg tablets
    bt = breakthrough_for_drug(
        TABLES, RULES.breakthrough, morphine, "oral", "er", 3000, "mg", "UK", MAX_UNITS, step
    )
    assert bt.dose is not None and bt.dose.value == 500 and bt.form == "oral_solution"
    assert _volumes(bt) == [(25.0, 20.0)], bt.note  # not 250 mL of the 2 mg/mL
    assert "concentrated oral solution" in (bt.note or "")


def _market_units(drug_id: str, form: str, market: str | None) -> tuple[float, ...]:
    """The mg unit doses (tablets, sachets) of ``form`` that ``market`` itself lists."""
    choice = strengths_for(TABLES, TABLES.drugs[drug_id], form, market)
    if choice is None or choice.fallback or market is None:
        return ()
    return strengths_in(choice, "mg") or ()


def _tablets_within(bt: Breakthrough, market: str | None) -> bool:
    """A combination of at most the rule's units of the linked drug's tablets, or of the
    market's unit doses of its oral solution (JP oxycodone sachets), lies within the
    breakthrough's own range."""
    assert bt.high is not None
    low = bt.low.value if bt.low is not None else bt.high.value
    for form in ("ir", "oral_solution"):
        usable = strengths_in(strengths_for(TABLES, TABLES.drugs[bt.drug], form, market), "mg")
        if form != "ir":
            usable = _market_units(bt.drug, form, market)
        if usable and round_down(bt.high.value, usable, MAX_UNITS).total >= low - 1e-9:
            return True
    return False


def _judge(bt: Breakthrough | None, market: str | None) -> None:
    if bt is None or bt.dose is None or bt.high is None:
        return
    low = bt.low.value if bt.low is not None else bt.high.value
    if _volumes(bt):  # a measured volume lies within the range (a tablet gap is said apart)
        assert low - 1e-9 <= bt.dose.value <= bt.high.value + 1e-9, bt
    strongest = max(market_concentrations(TABLES.drugs[bt.drug], "oral_solution", market) or [0])
    for volume, per_ml in _volumes(bt):
        if volume > CAP_ML + 1e-9:
            assert not _tablets_within(bt, market), bt.note
            assert per_ml >= strongest or NONE_STRONGER in (bt.note or ""), bt.note


@settings(max_examples=40, deadline=None)
@given(
    dose=st.integers(10, 1200).map(lambda d: d * 1.0),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    market=st.sampled_from(["UK", "US", "JP", "AU", None]),
)
def test_no_large_volume_of_a_patch_rescue_where_tablets_fit(
    dose: float, table: str, market: str | None
) -> None:
    request: dict[str, Any] = {
        "from": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "MR",
                    "dose": f"{dose:g} mg",
                    "frequency": "q12h",
                }
            ]
        },
        "to": {"drug": "fentanyl", "route": "transdermal", "form": "patch"},
        "table": table,
        "patient": {"cancer_or_palliative": True},
    }
    _planned_rescue_judged(request, market, table)


def _rescue_passes_its_check(plan: Any, request: dict[str, Any]) -> None:
    """The plan's patches and its breakthrough dose, fed back into ``check``, read no rescue
    outside the breakthrough rule: the range the rescue is rounded in is the check's."""
    bt = plan.breakthrough
    if bt is None or bt.dose is None:
        return
    rescue = {"drug": bt.drug, "route": bt.route, "form": bt.form, "prn": True,
              "dose": f"{bt.dose.value:g} mg", "doses_per_day": "not reported"}  # fmt: skip
    orders = [i.model_dump(mode="json", exclude_none=True) for i in order_lines(plan)]
    check = {k: v for k, v in request.items() if k != "to"}
    result = check_proposal({**check, "proposed": {"items": [*orders, rescue]}}, tables=TABLES)
    outside = [w.message for w in result.warnings if w.code == "breakthrough-dose-outside-rule"]
    assert not outside, (request, rescue, outside)


@settings(max_examples=80, deadline=None)
@given(
    drug=st.sampled_from(["morphine", "oxycodone", "hydromorphone"]),
    daily=st.floats(5, 4000),
    market=st.sampled_from(["UK", "US", "JP", "AU"]),
)
def test_no_large_volume_of_a_fraction_rescue_where_tablets_fit(
    drug: str, daily: float, market: str
) -> None:
    found = TABLES.drugs[drug]
    step = liquid_step(TABLES, found, RULES.rounding.oral_solution_step)
    bt = breakthrough_for_drug(
        TABLES, RULES.breakthrough, found, "oral", "er", daily, "mg", market, MAX_UNITS, step
    )
    _judge(bt, market)


@pytest.mark.parametrize("market", ["UK", "US", "JP"])
def test_a_volume_printed_is_of_a_listed_concentration(market: str) -> None:
    morphine = TABLES.drugs["morphine"]
    step = liquid_step(TABLES, morphine, RULES.rounding.oral_solution_step)
    bt = breakthrough_for_drug(
        TABLES, RULES.breakthrough, morphine, "oral", "er", 3000, "mg", market, MAX_UNITS, step
    )
    listed = {2.0, 20.0}  # UK morphine oral solution (uk-swallowing-morphine)
    assert all(per_ml in listed for _, per_ml in _volumes(bt)), bt.note


@pytest.mark.parametrize(
    "name",
    [
        "H05-mor1000-oxyER-jspm-JP.json",
        "X1-H05-mor600-oxy-jspm-JP.json",
        "X6-mor600-oxyER-fpm-JP.json",
    ],
)
def test_jp_oxycodone_rescue_is_unit_doses_within_the_range_not_tens_of_ml(name: str) -> None:
    """Pharmacist re-check 19b, M1: JP oxycodone's rescue was 46.5–53 mL of a 1 mg/mL solution
    (a concentration JP does not list) while JP's own oral solution sachets (2.5, 5, 10, 20 mg)
    lie within 1/10–1/6 of the new dose: the sachets are dose units, counted like tablets."""
    plan = plan_rotation(json.loads((FIXTURES_19B / name).read_text()), tables=TABLES)
    bt = plan.breakthrough
    assert bt is not None and bt.dose is not None and bt.low is not None and bt.high is not None
    assert bt.low.value - 1e-9 <= bt.dose.value <= bt.high.value + 1e-9, bt
    assert not _volumes(bt), bt.note
    sachets = _market_units("oxycodone", "oral_solution", "JP")
    assert round_down(bt.dose.value, sachets, MAX_UNITS).total == bt.dose.value, bt
    assert bt.form == "oral_solution" and "sachet" in (bt.note or ""), bt.note
    _judge(bt, "JP")


#: every regular target the planner gives a breakthrough dose for, by route and form
_TARGETS = [
    {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
    {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "hydromorphone", "route": "oral", "form": "ER", "frequency": "q24h"},
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "tapentadol", "route": "oral", "form": "ER", "frequency": "q12h"},
    {"drug": "tramadol", "route": "oral", "form": "IR", "frequency": "q6h"},
    {"drug": "fentanyl", "route": "transdermal", "form": "patch"},
    {"drug": "buprenorphine", "route": "transdermal", "form": "patch"},
    {"drug": "morphine", "route": "subcutaneous", "form": "injection", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "subcutaneous", "form": "injection", "frequency": "q4h"},
]


@settings(max_examples=60, deadline=None)
@given(
    dose=st.integers(5, 600).map(lambda d: d * 1.0),
    target=st.sampled_from(_TARGETS),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    market=st.sampled_from(["UK", "US", "JP", "AU", "NZ", None]),
)
def test_no_large_volume_of_any_rescue_where_units_fit(
    dose: float, target: dict[str, str], table: str, market: str | None
) -> None:
    """Every breakthrough given as a liquid goes through the one rule, whatever the target drug,
    route and market (re-check 19b, M1): no volume above the large volume where tablets or the
    market's unit doses lie within the range, and the plan's rescue passes its own check."""
    from_item = {"drug": "morphine", "route": "oral", "form": "MR", "dose": f"{dose:g} mg",
                 "frequency": "q12h"}  # fmt: skip
    request: dict[str, Any] = {
        "from": {"items": [from_item]},
        "to": target,
        "table": table,
        "patient": {"cancer_or_palliative": True},
    }
    _planned_rescue_judged(request, market, table)


def test_below_the_jp_tablet_a_sachet_within_the_range_comes_before_a_measured_volume() -> None:
    """The same rule below the smallest JP tablet (5 mg): 2–3.33 mg is one 2.5 mg sachet, not
    a volume of a 1 mg/mL solution JP does not list."""
    oxycodone = TABLES.drugs["oxycodone"]
    step = liquid_step(TABLES, oxycodone, RULES.rounding.oral_solution_step)
    bt = breakthrough_for_drug(
        TABLES, RULES.breakthrough, oxycodone, "oral", "er", 20, "mg", "JP", MAX_UNITS, step
    )
    assert bt.dose is not None and bt.dose.value == 2.5 and bt.form == "oral_solution", bt
    assert "1 sachet" in (bt.note or "") and not _volumes(bt), bt.note


def _planned_rescue_judged(request: dict[str, Any], market: str | None, table: str) -> None:
    """The plan's rescue judged (no large volume where units fit) and fed back to its check;
    a request the planner refuses is left out."""
    if market is not None:
        request["market"] = market
    try:
        plan = plan_rotation(request, tables=TABLES)
    except MpsPainError:
        return
    _judge(plan.breakthrough, market_for(market, equianalgesic_set(TABLES, RULES, table)).market)
    _rescue_passes_its_check(plan, request)
