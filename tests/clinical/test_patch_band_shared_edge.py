"""Clinician review 12, #5: oral morphine 60 mg/day -> fentanyl patch under uk-palliative gave
25 mcg/h at 0% reduction. 60 lies on the edge of two bands (clinical-sources §3(b), "UK patch
tables"): the NHS 090714 chart prints "12 ≈ <60; 25 ≈ 61–90" (60 in neither), the Scottish RDS
(and Lanarkshire) "30–60 ≈ 12; 60–90 ≈ 25" (60 in both), and the reference's patch rule is "use
closest LOWER patch size" (§1 A10). At a value two cited bands share, the lower patch: 60 -> 12.5.

Property: the patch the planner chooses is monotone in the OME, and never above the lowest patch
any cited UK band (NHS 090714 or Scottish RDS, as transcribed in clinical-sources) gives for that
OME: the planner at every cited edge (and 1 mg, 0.5 mg either side), the set's chart (the band
lookup the planner and the check call) at any OME. The oracle below is the reference's text, not
the data file.
"""

from __future__ import annotations

from functools import cache

import pytest

from mps_pain.domain.rotation.patches import band_for
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()

# (lowest, highest, patch mcg/h), both ends included, as printed (mg oral morphine per 24 h);
# NHS "<60" is below 60, and "12"/"37" are the 12.5/37.5 mcg/h patches.
NHS_090714 = [
    (0, 59, 12.5),  # "<60", read by whole mg
    (61, 90, 25),
    (91, 134, 37.5),
    (135, 224, 50),
    (225, 314, 75),
    (315, 404, 100),
    (405, 494, 125),
]
SCOTTISH_RDS = [(30, 60, 12.5), (60, 90, 25)]


def cited_ceiling(ome: float) -> float | None:
    """The lowest patch a cited band gives at ``ome`` (read as printed, whole mg: 60.5 is in the
    gap of the NHS chart and the RDS's 60–90), None where no band covers it."""
    whole = float(int(ome))
    found = [p for low, high, p in NHS_090714 + SCOTTISH_RDS if low <= whole <= high]
    return min(found) if found else None


@cache
def patch(ome: float) -> float:
    """The planner's patch in mcg/h (0 when it gives none: below the opioid-tolerance threshold)."""
    request = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": f"{ome} mg/day"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=TABLES)
    return plan.regimen.rate.value if plan.regimen and plan.regimen.rate else 0.0


def test_60_mg_a_day_gets_the_lower_patch() -> None:
    assert patch(60) == 12.5
    assert patch(61) == 25


EDGES = sorted({e + d for low, high, _ in NHS_090714 for e in (low, high) for d in (-1, 0, 0.5, 1)})


@pytest.mark.parametrize("ome", [e for e in EDGES if 1 <= e <= 494])
def test_never_above_the_cited_band_at_an_edge(ome: float) -> None:
    ceiling = cited_ceiling(ome)
    if ceiling is not None:
        assert patch(ome) <= ceiling


def test_monotone_across_the_edges() -> None:
    patches = [patch(ome) for ome in EDGES if 1 <= ome <= 494]
    assert patches == sorted(patches)


RULES = TABLES.tables.rotation
assert RULES is not None
UK_CHART = next(t for t in RULES.patches.band_tables if "uk-palliative" in t.sets)


def chart_patch(ome: float) -> float:
    band = band_for(UK_CHART, ome)
    return band.patch_mcg_per_h if band is not None else 0.0


# every tenth of a mg the chart covers: the chart is constant between its edges, so this sweep
# is the whole property (a hypothesis search cost 1 s of CPU for the same answer)
SWEEP = [tenths / 10 for tenths in range(0, 4941)]


def test_the_sets_chart_is_monotone_and_never_above_the_cited_band() -> None:
    """The band the planner reads (``band_for``, the planner's and the check's one lookup) over
    every OME the chart covers; the planner's own patch is checked at every edge above."""
    patches = [chart_patch(ome) for ome in SWEEP]
    assert patches == sorted(patches)
    for ome, chosen in zip(SWEEP, patches, strict=True):
        ceiling = cited_ceiling(ome)
        assert ceiling is None or chosen <= ceiling, ome
