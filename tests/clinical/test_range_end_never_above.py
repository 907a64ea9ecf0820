"""Pharmacist review 7, D1: a target whose row gives a factor RANGE is converted at the end giving
LESS of the target drug, and a proposal is valued at the end making it MOST potent.

jspm-2010 gives IV fentanyl 0.2–0.3 mg/day ≈ oral morphine 30 mg (factor 0.1–0.15 per mcg/day).
The planner divided 60 OME by 0.1 (600 mcg/day, −25% = 448.8 mcg/day), 67 OME at the set's other
end and ~81 OME by the JP label (0.5 mg/day ≈ 90 mg), above the current 60 OME of a patient
switched for toxicity, while the plan said "25% reduction"; the check valued it at 0.1 too and
said "within".

The property, over every equianalgesic set × every (current drug, route) row of the set × every
target drug/route whose row in that set gives a factor range (a different opioid: a same-drug
route change goes by the cited route ratio, not the OME factors): the plan's proposed regular
daily dose, valued at the potent end of the target row's range, is at most the current OME ×
(1 − the plan's stated reduction), and the plan passes its own check (never ``above``).

Where the set gives its own oral:route ratio for the target route, that two-step path is the
target's factor and its potent end (pharmacist review 8, N1: uk-palliative's SC/IV morphine
range 2–3 is the set's SC and IV ratios; read at 3 for SC it gave a third less morphine than the
set's own 2:1): ``route_ratio_factor`` below works it out from the table's oral row and the
cited route ratio.

Oral and patch targets are left out: those rows keep the set's point each way
(``factor_end``'s module note); every parenteral target with a range is in.

Tolerance: a rate is written to 3 significant figures and a patch or tablet combination may be
rounded UP within the sourced reduction range; the plan then says so itself with the info
``rounding-within-range`` (docs/rotation.md, "the default reduction"), and the bound is the top
of the sourced range, current OME × (1 − reduction_low). Without that info the only slack is the
3-significant-figure rounding of a rate, at most half a unit in the third figure (0.5%).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.as_printed import not_above_as_printed
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.route_ratios import conversion
from mps_pain.errors import NoConversionFactorError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from mps_pain.units import scale
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
SETS = [s for s in TABLES.tables.reference_sets if s.purpose == "equianalgesic"]
#: oral and patch rows keep the set's point each way (mps_pain/domain/factor_end.py says why;
#: the oral ranges are left for a pharmacist's decision, docs/rotation.md "Factor ranges")
POINT_EACH_WAY = ("oral", "transdermal")
#: half a unit in the third significant figure of a rate (3 s.f.), relative
THREE_FIGURES = 0.005


def _target(drug: str, route: str) -> dict[str, Any]:
    return {"drug": drug, "route": route, "continuous": True}


def _current(drug: str, route: str, per: str, ome: float, factor: float) -> dict[str, Any]:
    amount = round(ome / factor, 2)
    if route == "oral":
        return {"drug": drug, "route": "oral", "daily_dose": f"{amount} {per}"}
    return {"drug": drug, "route": route, "rate": f"{amount} {per}"}


CASES = [
    (s.id, cur.drug, cur_route, cur.per, cur.factor, tgt.drug, tgt_route)
    for s in SETS
    for tgt in s.factors
    if tgt.range is not None and tgt.range.low < tgt.range.high
    for tgt_route in tgt.routes
    if tgt_route not in POINT_EACH_WAY
    for cur in s.factors
    if cur.drug != tgt.drug and cur.band is None
    for cur_route in cur.routes
]


def route_ratio_factor(set_id: str, drug: str, route: str) -> float | None:
    """The set's oral row × its cited oral:``route`` ratio for ``drug`` (None: no such path)."""
    try:
        oral = TABLES.find_factor(set_id, drug, "oral", None, 60.0, location=None)
    except NoConversionFactorError:
        return None
    path = conversion(rotation_rules(TABLES), (drug, "oral"), (drug, route))
    if oral.factor.per != "mg/day" or path is None or path.kind != "route":
        return None
    return oral.factor.factor * path.used(set_id)


def _potent(set_id: str, drug: str, route: str) -> tuple[str, float]:
    [row] = [
        f for s in SETS if s.id == set_id for f in s.factors if f.drug == drug and route in f.routes
    ]
    assert row.range is not None
    two_step = route_ratio_factor(set_id, drug, route)
    return row.per, row.range.high if two_step is None else max(row.factor, two_step)


def test_the_cases_cover_every_ranged_target() -> None:
    targets = {(c[0], c[5], c[6]) for c in CASES}
    assert ("jspm-2010", "fentanyl", "iv") in targets
    assert ("uk-palliative", "oxycodone", "sc") in targets
    assert ("uk-palliative", "hydromorphone", "sc") in targets
    assert ("jspm-2010", "morphine", "iv") in targets
    assert len(targets) >= 8


@GENERATED
@given(
    case=st.sampled_from(CASES),
    ome=st.floats(min_value=20, max_value=400).map(lambda x: round(x, 1)),
    patient=st.sampled_from([{}, {"frail": True}, {"age": 85}]),
)
def test_a_ranged_target_valued_at_its_potent_end_is_never_above_the_stated_reduction(
    case: tuple[str, str, str, str, float, str, str], ome: float, patient: dict[str, Any]
) -> None:
    set_id, drug, route, per, factor, to_drug, to_route = case
    line = _current(drug, route, per, ome, factor)
    request = generated_request([line], _target(to_drug, to_route), set_id, patient=patient)
    plan = plan_or_discard(request)
    if plan.rounded_daily_dose is None or plan.switch_kind not in ("different_opioid",):
        return  # NO DOSE (said and cited elsewhere) or a band table's own chart
    row_per, potent = _potent(set_id, to_drug, to_route)
    rounded = plan.rounded_daily_dose
    valued = rounded.value * scale(rounded.unit, row_per) * potent
    codes = {w.code for w in plan.warnings}
    if "rounding-within-range" in codes:
        ceiling = plan.ome_per_day * (1 - plan.reduction_low)
    else:
        ceiling = plan.ome_per_day * (1 - plan.reduction) * (1 + THREE_FIGURES)
    # session 20: "never above" as printed, on the plan's own amount a day (``as_printed``: the
    # planner reads it there, at most half a unit of the third figure above the bound)
    per_mg = valued / rounded.value
    assert not_above_as_printed(rounded.value, ceiling / per_mg), (request, plan.steps, ceiling)
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    check = {"from": {"items": [line]}, "proposed": {"items": [proposal]}, "table": set_id}
    check["patient"] = patient
    result = check_proposal(check, tables=TABLES)
    assert result.verdict != "above", (request, proposal, result.reasons)
