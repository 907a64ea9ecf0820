"""The spread reuses the plan's own pass for the plan's own set (``planner_spread.SetRun``):
the rows are those the spread computes with every set run anew, over generated switches
(patients not opioid-tolerant, whose plan withholds the patch, and patch band tables made for
other sets included). A plan the gate withholds (a patient factor, an amount outside clinical
doses, a dose above the maximum) withholds every set's offered dose by the one rule
(``withheld_row``), and only such a plan does."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.domain.market_words import speaking
from mps_pain.domain.rotation.context import resolve_current, resolve_target, rotation_rules
from mps_pain.domain.rotation.no_dose_cause import cause_of
from mps_pain.domain.rotation.planner_spread import spread_rows
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.withhold import withheld_row
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import LINES, MIXED, SETS, TARGET_LIST
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
RULES = rotation_rules(TABLES)
BAND_TABLES = [None, *(t.id for t in RULES.patches.band_tables)]
PATIENTS = st.sampled_from([{}, {"opioid_tolerant": False}, {"opioid_tolerant": True}])


def _every_set_anew(request: RotationRequest) -> list[Any]:
    """Every set's row run anew, in the words of the market asked for, as the plan is made
    (``rotation.spoken.plan``: a UK plan's rows say "MR"; CI-like draw after the market-words
    merge, 758 mg morphine MR q12h to oxycodone MR under fpm-2021 for the UK)."""
    with speaking(TABLES, request.market):
        items, prn, _ = resolve_current(TABLES, request.from_, "from")
        target = resolve_target(TABLES, request, RULES.methadone.drug)
        return spread_rows(TABLES, RULES, items, prn, target, request)


def _expected(plan: Any, fresh: list[Any]) -> list[Any]:
    """The rows run anew, withheld as the plan was if the plan's rows say it was."""
    no_dose = plan.regimen.no_dose
    cause = cause_of(no_dose) if no_dose is not None else None
    if cause is None:
        return fresh
    withheld = [withheld_row(row, cause) for row in fresh]
    return withheld if plan.spread == withheld else fresh


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
# the long campaign's draw (CI on 8cdd889): 2,094 mg/day of oral morphine to SC oxycodone, a
# dose outside clinical doses; the plan withheld it and the rows ran anew still offered doses
@example(
    lines=[
        {"drug": "morphine", "route": "oral", "form": "ir", "dose": "3 mg", "frequency": "q4h"},
        {"drug": "morphine", "route": "oral", "form": "er", "dose": "1044 mg", "frequency": "q12h"},
    ],
    to={"drug": "oxycodone", "route": "sc", "continuous": True},
    table="jspm-2010",
    market=None,
    patient={},
    patch_table=None,
    reduction=0.0,
)
@example(
    lines=[
        {"drug": "morphine", "route": "oral", "form": "er", "dose": "758.0 mg", "frequency": "q12h"}
    ],
    to={"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
    table="fpm-2021",
    market="UK",
    patient={},
    patch_table=None,
    reduction=0.0,
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
    fresh = _every_set_anew(RotationRequest.model_validate(request))
    assert plan.spread == _expected(plan, fresh)
