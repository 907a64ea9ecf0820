"""A set without a conversion to the target is "not covered" in the spread, never an identity
conversion (pharmacist review 12, #4; docs/clinical-review.md).

U08: SC morphine 40 mg/day → diamorphine CSCI under uk-palliative: the plan 26.67 → a round
26 mg/24 h, but the spread's fpm-2021 row read "40 mg/day → 40 mg over 24 h" (1:1, +50% against
the plan) while fpm-2021 has no diamorphine factor (a switch from diamorphine under it is refused
naming the sets that cover it). A same-drug or prodrug switch took the cited route ratios and
never asked whether the set covers the target (``planner_steps._ratio_step``), so fpm's own
parenteral 3:1 chained with another set's oral:diamorphine 3:1 made 1:1.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import MpsPainError, NoConversionFactorError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import SETS
from tests.discarded import discard
from tests.rotation.generated import GENERATED

TABLES = get_tables()


def _covers(set_id: str, to: dict[str, Any]) -> bool:
    try:
        TABLES.find_factor(set_id, to["drug"], to["route"], to.get("form"), 1.0, location=None)
    except NoConversionFactorError:
        return False
    return True


def _plan(line: dict[str, Any], to: dict[str, Any], table: str) -> Any:
    document = {"from": {"items": [line]}, "to": to, "table": table}
    return plan_rotation(RotationRequest.model_validate(document), tables=TABLES)


_SC_MOR_40 = {"drug": "morphine", "route": "sc", "daily_dose": "40 mg/day"}
_DIAMORPHINE = {"drug": "diamorphine", "route": "sc", "continuous": True}


def test_u08_fpm_has_no_diamorphine_so_its_row_is_not_covered() -> None:
    assert not _covers("fpm-2021", _DIAMORPHINE)
    plan = _plan(_SC_MOR_40, _DIAMORPHINE, "uk-palliative")
    fpm = next(r for r in plan.spread if r.table == "fpm-2021")
    assert fpm.target_daily_dose is None and fpm.missing, fpm
    assert "diamorphine" in fpm.missing, fpm.missing


_LINES = [
    {"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"},
    _SC_MOR_40,
    {"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"},
    {"drug": "hydromorphone", "route": "sc", "daily_dose": "6 mg/day"},
    {"drug": "fentanyl", "route": "iv", "rate": "25 mcg/h"},
]
_TARGETS = [
    _DIAMORPHINE,
    {"drug": "diamorphine", "route": "sc", "frequency": "q4h"},
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "sc", "continuous": True},
    {"drug": "hydromorphone", "route": "sc", "continuous": True},
    {"drug": "hydromorphone", "route": "oral", "frequency": "q4h"},
    {"drug": "fentanyl", "route": "transdermal"},
    {"drug": "alfentanil", "route": "sc", "continuous": True},
]


@GENERATED
@given(st.sampled_from(_LINES), st.sampled_from(_TARGETS), st.sampled_from(SETS))
def test_every_spread_row_of_a_set_without_the_target_is_not_covered(line, to, table) -> None:
    try:
        plan = _plan(line, to, table)
    except MpsPainError as refusal:  # the plan's own set refuses it, named: no spread to read
        discard(refusal)
    for row in plan.spread:
        if not _covers(row.table, to):
            assert row.target_daily_dose is None and row.missing, (row.table, to, row)
