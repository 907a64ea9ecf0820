"""Pharmacist review 7, D4, K13, K14: a methadone method's regular dose never falls as the OME
rises, its bands are read as the source writes them, and the check's range is the planner's own.

Seen: CCDHB 80 → 15 mg/day but 90 → 7.5, 269 → 24 but 270 → 16.5; MSD/Quill 80 → 4.5 but
90 → 1.5; the Methapain label at 161–175 mg/day OME gave 15 mg/day where the label's >160–390 band
gives 30; CCDHB at exactly 300 used 12:1 although the source puts 300 in its 91–300 (8:1) band.
The check called the label's own 30 mg/day at 162 OME "above" (K13) and 1.5 mg/day at 60 OME,
a tenth of the label's dose, "within" (K14). clinical-sources §6: "monotonicity and no-gap checks
at every band edge".
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.methadone import dose_for, method_value
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema_methadone import MethadoneMethod
from tests.rotation.generated import DEAR, plan_or_discard

TABLES = get_tables()
RULES = TABLES.tables.rotation.methadone
METHODS = RULES.methods
SCHEDULED = [m for m in METHODS if m.frequency.code != "prn"]
SETS = ["uk-palliative", "jspm-2010", "fpm-2021"]
#: the tablet strengths of every market the catalogue lists, and none (solution only)
STRENGTHS: list[tuple[float, ...] | None] = [(5.0, 10.0), (5.0,), None]
STEP_MG, SHORT = 0.5, 0.05  # the oral solution's 0.5 mL of 1 mg/mL; the 5% short tolerance


def _edges(method: MethadoneMethod) -> list[float]:
    edges = [t.up_to_mg_per_day for t in method.tiers if t.up_to_mg_per_day is not None]
    if method.minimum_ome_mg_per_day is not None:
        edges.append(method.minimum_ome_mg_per_day)
    return edges


#: every band edge of every method, ±0.5 and ±1 mg/day
GRID = sorted({max(0.5, e + d) for m in METHODS for e in _edges(m) for d in (-1, -0.5, 0, 0.5, 1)})
OMES = st.one_of(st.sampled_from(GRID), st.floats(min_value=0.5, max_value=1500))


def _request(ome: float, table: str, method: str, **extra: Any) -> dict[str, Any]:
    return {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": f"{ome} mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "methadone_method": method,
        **extra,
    }


def _daily(ome: float, method: str, table: str = "uk-palliative") -> float:
    plan = plan_rotation(_request(ome, table, method), tables=TABLES)
    assert plan.regimen_detail.daily_dose is not None
    return plan.regimen_detail.daily_dose.value


@pytest.mark.parametrize(
    ("method", "low", "high"),
    [("ccdhb", 80, 90), ("ccdhb", 269, 270), ("msd-quill", 80, 90), ("msd-quill", 269, 270)],
)
def test_d4_a_higher_ome_never_gets_less_methadone(method: str, low: float, high: float) -> None:
    assert _daily(high, method) >= _daily(low, method)


@pytest.mark.parametrize("ome", [161, 162, 170, 175])
def test_d4_the_label_band_above_160_gives_the_labels_30_mg(ome: float) -> None:
    plan = plan_rotation(_request(ome, "jspm-2010", "jp-label"), tables=TABLES)
    assert plan.regimen_detail.daily_dose is not None
    assert plan.regimen_detail.daily_dose.value == 30
    assert "methadone-band-edge" not in {w.code for w in plan.warnings}


def test_d4_ccdhb_reads_its_bands_as_the_source_writes_them() -> None:
    """'<90 → 4:1; 91–300 → 8:1; 301–600 → 12:1': 300 is in the 8:1 band; 89.5 in the 4:1."""
    ccdhb = next(m for m in METHODS if m.id == "ccdhb")
    at_300 = method_value(RULES, ccdhb, 300)
    assert at_300.explanation.startswith("band 90–300 mg/day OME: 300 ÷ 8 = 37.5 mg/day")
    # its own band's 37.5, held down at the 12:1 band's 300 ÷ 12 = 25 (review 8, N2)
    assert at_300.band_value_mg == pytest.approx(37.5) and at_300.value_mg == pytest.approx(25)
    below_90 = method_value(RULES, ccdhb, 89.5)
    assert below_90.band_value_mg == pytest.approx(89.5 / 4) and below_90.held
    assert below_90.value_mg == pytest.approx(90 / 8)


def test_d4_every_method_is_non_decreasing_over_every_band_edge() -> None:
    for method in METHODS:
        for strengths in STRENGTHS:
            last = 0.0
            for ome in GRID:
                dose = dose_for(
                    RULES, method, ome, method.reduction.default, strengths, STEP_MG, SHORT
                )
                amount = dose.daily_mg if dose.doses_per_day else dose.per_dose_mg
                if amount is None:
                    continue
                assert amount >= last - 1e-9, (method.id, strengths, ome, amount, last)
                last = amount


@given(ome=OMES, more=st.floats(min_value=0, max_value=300), strengths=st.sampled_from(STRENGTHS))
def test_d4_every_method_dose_rises_or_holds_with_the_ome(
    ome: float, more: float, strengths: tuple[float, ...] | None
) -> None:
    for method in METHODS:
        value_a = method_value(RULES, method, ome)
        value_b = method_value(RULES, method, ome + more)
        if value_a.value_mg is not None and value_b.value_mg is not None:
            assert value_b.value_mg >= value_a.value_mg - 1e-9, (method.id, ome, more)
        a, b = (
            dose_for(RULES, method, x, method.reduction.default, strengths, STEP_MG, SHORT)
            for x in (ome, ome + more)
        )
        amount_a = a.daily_mg if a.doses_per_day else a.per_dose_mg
        amount_b = b.daily_mg if b.doses_per_day else b.per_dose_mg
        if amount_a is not None and amount_b is not None:
            assert amount_b >= amount_a - 1e-9, (method.id, strengths, ome, more)


@given(ome=OMES)
def test_d4_no_gap_a_dose_inside_the_domain_a_coded_refusal_outside(ome: float) -> None:
    """Every OME gives the method's value, or a refusal with its code, and the refusals lie
    only below the method's minimum or beyond its last band (the same on each side of an edge)."""
    for method in METHODS:
        value = method_value(RULES, method, ome)
        low = method.minimum_ome_mg_per_day
        top = method.tiers[-1].up_to_mg_per_day if method.tiers else None
        outside = (low is not None and ome < low) or (top is not None and ome > top)
        if outside:
            assert value.value_mg is None and value.refused and value.refused_code, (method.id, ome)
        else:
            assert value.value_mg is not None and value.value_mg > 0, (method.id, ome)
            assert value.refused is None and value.refused_code is None


def _check(document: dict[str, Any]) -> Any:
    return check_proposal(document, tables=TABLES)


def test_k14_a_tenth_of_the_label_dose_at_60_ome_is_below() -> None:
    """Methadone 0.5 mg q8h (1.5 mg/day) for oral morphine 60 mg/day: 15 mg/day by the label,
    3 mg/day by MSD/Quill's own 75% reduction rounded down: 1.5 mg/day is below, not within."""
    result = _check(
        {
            "from": {"items": [{"drug": "morphine", "route": "oral", "form": "ER",
                                "dose": "30 mg", "frequency": "q12h"}]},
            "proposed": {"items": [{"drug": "methadone", "route": "oral",
                                    "form": "oral_solution", "dose": "0.5 mg",
                                    "frequency": "q8h"}]},
            "table": "uk-palliative",
        }
    )  # fmt: skip
    assert result.verdict == "below", result.reasons
    assert result.expected_high / result.expected_low < 10


def test_k13_the_labels_own_dose_at_162_ome_is_within() -> None:
    result = _check(
        {
            "from": {"items": [{"drug": "morphine", "route": "oral", "form": "ER",
                                "dose": "81 mg", "frequency": "q12h"}]},
            "proposed": {"items": [{"drug": "methadone", "route": "oral", "form": "tablet",
                                    "dose": "10 mg", "frequency": "tid"}]},
            "table": "jspm-2010",
        }
    )  # fmt: skip
    assert result.verdict == "within", result.reasons
    assert any("Japanese label" in r and "30 mg/day" in r for r in result.reasons)


@DEAR
@given(
    ome=st.one_of(st.sampled_from(GRID), st.floats(min_value=20, max_value=1200)),
    table=st.sampled_from(SETS),
    method=st.sampled_from([m.id for m in SCHEDULED]),
    market=st.sampled_from([None, "UK", "JP", "US"]),
)
def test_the_planners_methadone_dose_passes_its_own_check(
    ome: float, table: str, method: str, market: str | None
) -> None:
    extra = {"market": market} if market else {}
    plan = plan_or_discard(_request(round(ome, 2), table, method, **extra))
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    document = {
        "from": _request(round(ome, 2), table, method)["from"],
        "proposed": {"items": [proposal]},
        "table": table,
        **extra,
    }
    result = _check(document)
    assert result.verdict == "within", (ome, table, method, market, proposal, result.reasons)
