"""The spread reuses the plan's own pass for the plan's own set (``planner_spread.SetRun``):
the rows are those the spread computes with every set run anew, over generated switches
(patients not opioid-tolerant, whose plan withholds the patch, and patch band tables made for
other sets included)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import resolve_current, resolve_target, rotation_rules
from mps_pain.domain.rotation.planner_spread import spread_rows
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import LINES, MIXED, SETS, TARGET_LIST
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
RULES = rotation_rules(TABLES)
BAND_TABLES = [None, *(t.id for t in RULES.patches.band_tables)]
PATIENTS = st.sampled_from([{}, {"opioid_tolerant": False}, {"opioid_tolerant": True}])


def _every_set_anew(request: RotationRequest) -> list[Any]:
    items, prn, _ = resolve_current(TABLES, request.from_, "from")
    target = resolve_target(TABLES, request, RULES.methadone.drug)
    return spread_rows(TABLES, RULES, items, prn, target, request)


@GENERATED
@given(
    lines=st.one_of(st.lists(LINES, min_size=1, max_size=2), MIXED),
    to=st.sampled_from([t for t in TARGET_LIST if t["drug"] != "methadone"]),
    table=st.sampled_from(SETS),
    market=st.sampled_from([None, "UK", "JP", "US"]),
    patient=PATIENTS,
    patch_table=st.sampled_from(BAND_TABLES),
    reduction=st.sampled_from([None, 0.0, 0.25, 0.5]),
)
def test_the_spread_is_every_set_run_anew(
    lines, to, table, market, patient, patch_table, reduction
) -> None:
    request = generated_request(
        lines,
        to,
        table,
        market=market,
        patient=patient,
        patch_table=patch_table if to["route"] == "transdermal" else None,
        reduction=reduction,
    )
    plan = plan_or_discard(request)
    assert plan.spread == _every_set_anew(RotationRequest.model_validate(request))
