"""Pharmacist review 8, N2: the band-edge plateau held the LOWER band's top dose into the next
band, so a plan gave more methadone than the chosen method's own band: CCDHB at 91 mg/day OME
gave 5.5 mg q8h = 16.5 mg/day where its own 91–300 band (8:1) less its 25% gives 8.5 mg/day
(2×); the plateau ran to 180 mg/day OME (CCDHB) and 198 (MSD/Quill).

The rule now (lead's brief, clinical20): a cliff is removed DOWNWARD. Near an edge the dose is
the lower of the two bands' (the lower band is held back at what the higher band gives at its
lower edge), so the dose never rises with the OME falling (monotone, test_methadone_monotone.py)
AND never exceeds what the method's own band gives at the same OME, after its stated reduction.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.methadone import dose_for, method_value
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema_methadone import MethadoneMethod
from tests.rotation.generated import DEAR, plan_or_discard

TABLES = get_tables()
RULES = TABLES.tables.rotation.methadone
SCHEDULED = [m for m in RULES.methods if m.frequency.code != "prn"]
STRENGTHS: list[tuple[float, ...] | None] = [(5.0, 10.0), (5.0,), None]
STEP_MG, SHORT = 0.5, 0.05


def _edges(method: MethadoneMethod) -> list[float]:
    return [t.up_to_mg_per_day for t in method.tiers if t.up_to_mg_per_day is not None]


GRID = sorted(
    {max(0.5, e + d) for m in SCHEDULED for e in _edges(m) for d in (-1, -0.5, -0.01, 0, 0.5, 1)}
)
OMES = st.one_of(st.sampled_from(GRID), st.floats(min_value=0.5, max_value=1500))


def own_band_value(method: MethadoneMethod, ome: float) -> float | None:
    """What the source's band holding ``ome`` gives (mg/day), read here from the tiers as the
    source writes them, independently of the planner: "<90" leaves 90 to the next band."""
    for i, tier in enumerate(method.tiers):
        opens = i > 0 and not method.tiers[i - 1].includes_top
        above = ome > tier.above_mg_per_day or (opens and ome == tier.above_mg_per_day)
        top = tier.up_to_mg_per_day
        below = top is None or ome < top or (tier.includes_top and ome == top)
        if above and below:
            return tier.dose_mg_per_day if tier.ratio is None else ome / tier.ratio
    return None


def _request(ome: float, table: str, method: str, **extra: Any) -> dict[str, Any]:
    return {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": f"{ome} mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "methadone_method": method,
        **extra,
    }


@pytest.mark.parametrize(("ome", "band_after_cut"), [(91, 91 / 8 * 0.75), (120, 120 / 8 * 0.75)])
def test_n2_ccdhb_never_above_its_own_band(ome: float, band_after_cut: float) -> None:
    """N15 (91 OME) and C_mtd_ccdhb_120: 16.5 mg/day against the band's 8.5 and 11.25."""
    plan = plan_rotation(_request(ome, "uk-palliative", "ccdhb"), tables=TABLES)
    assert plan.regimen_detail.daily_dose is not None
    assert plan.regimen_detail.daily_dose.value <= band_after_cut + 1e-9, plan.steps


@given(ome=OMES)
def test_n2_no_method_value_exceeds_its_own_band(ome: float) -> None:
    for method in SCHEDULED:
        value = method_value(RULES, method, ome).value_mg
        own = own_band_value(method, ome)
        if value is not None and own is not None:
            assert value <= own * (1 + 1e-9), (method.id, ome, value, own)


def test_n2_every_band_edge_no_dose_above_the_band_after_its_reduction() -> None:
    for method in SCHEDULED:
        for strengths in STRENGTHS:
            for ome in GRID:
                own = own_band_value(method, ome)
                dose = dose_for(
                    RULES, method, ome, method.reduction.default, strengths, STEP_MG, SHORT
                )
                if own is None or dose.daily_mg is None:
                    continue
                ceiling = own * (1 - method.reduction.default)
                assert dose.daily_mg <= ceiling * (1 + 1e-9), (method.id, strengths, ome)


@DEAR
@given(
    ome=st.one_of(st.sampled_from(GRID), st.floats(min_value=20, max_value=1200)),
    table=st.sampled_from(["uk-palliative", "jspm-2010", "fpm-2021"]),
    method=st.sampled_from([m.id for m in SCHEDULED]),
)
def test_n2_the_plans_methadone_never_exceeds_the_chosen_methods_band(
    ome: float, table: str, method: str
) -> None:
    """The printed plan (its OME, its stated reduction) against the chosen method's own band."""
    plan = plan_or_discard(_request(round(ome, 2), table, method))
    detail = plan.regimen_detail.daily_dose
    chosen = next(m for m in SCHEDULED if m.id == method)
    own = own_band_value(chosen, plan.ome_per_day)
    if detail is None or own is None:
        return
    assert detail.value <= own * (1 - plan.reduction) * (1 + 1e-9), (ome, table, method)
